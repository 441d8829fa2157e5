package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.CheckInputs;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckCatalogue;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckRequest;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckSpec;
import io.jenkins.plugins.releaseplaybook.engine.verification.EffectiveThresholds;
import io.jenkins.plugins.releaseplaybook.engine.verification.EffectiveThresholds.AdminSettings;
import io.jenkins.plugins.releaseplaybook.engine.verification.EffectiveThresholds.JobOverrides;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code verifyStability} call asked for, as the step execution keeps it (plain, serializable values),
 * and its translation into the engine's {@link VerificationSpec} against the administrator's settings. Every
 * problem becomes an {@link AbortException} that says which parameter is wrong and how to fix it; the
 * thresholds themselves are resolved by the engine's {@link EffectiveThresholds}.
 */
final class VerificationRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Values of {@code baseline} that switch the baseline off. */
    private static final Set<String> NO_BASELINE = Set.of("0", "none", "off");

    private final String service;
    private final String selector;
    private final ArrayList<String> checks;
    private final ArrayList<CustomCheck> customChecks;
    private final String duration;
    private final String interval;
    private final String baseline;
    private final Integer failAfter;
    private final String noData;
    private final String onInconclusive;

    VerificationRequest(VerifyStabilityStep step) {
        this.service = step.getService();
        this.selector = step.getSelector();
        this.checks = new ArrayList<>(step.getChecks());
        this.customChecks = new ArrayList<>(step.getCustomChecks());
        this.duration = step.getDuration();
        this.interval = step.getInterval();
        this.baseline = step.getBaseline();
        this.failAfter = step.getFailAfter();
        this.noData = step.getNoData();
        this.onInconclusive = step.getOnInconclusive();
    }

    /** The verification's name in the report and the log: the service, else the selector. */
    String name() {
        if (service != null) {
            return service;
        }
        return selector != null ? selector : VerifyStabilityStep.FUNCTION_NAME;
    }

    /** Whether the job brings PromQL of its own (a custom check with a query), which the administrator may restrict. */
    boolean runsCustomQueries() {
        return customChecks.stream().anyMatch(check -> check.getQuery() != null);
    }

    OnInconclusive onInconclusive() throws AbortException {
        try {
            return OnInconclusive.parse(onInconclusive);
        } catch (IllegalArgumentException e) {
            throw new AbortException(EngineMessages.of(e));
        }
    }

    /**
     * The verification to run.
     *
     * @param report the build's report so far: where the release began (the baseline ends there), and the plan's
     *     version, which a deployed-version check expects every instance to report
     * @param now when the step started
     */
    VerificationSpec toSpec(ReleasePlaybookConfiguration config, ReleaseReport report, Instant now)
            throws AbortException {
        String matchers = selector();
        Duration window = duration("duration", duration, config.getDefaultDuration());
        Duration every = duration("interval", interval, config.getDefaultInterval());
        Duration before = baselineWindow(window);
        List<CheckSpec> specs = checks(config, matchers, planVersion(report));
        try {
            return VerificationSpec.builder(name()).checks(specs).duration(window).interval(every)
                    .baseline(releaseStart(report, now), before).errorPolicy(config.getErrorPolicy()).build();
        } catch (IllegalArgumentException e) {
            throw new AbortException(EngineMessages.of(e));
        }
    }

    /** The label matchers for the {@code {selector}} placeholder: from {@code service} or {@code selector}. */
    String selector() throws AbortException {
        if (service != null && selector != null) {
            throw new AbortException(Messages.VerifyStabilityStep_TargetTwice(service, selector));
        }
        if (service != null) {
            return CheckCatalogue.selectorFor(service);
        }
        if (selector == null) {
            throw new AbortException(Messages.VerifyStabilityStep_TargetMissing());
        }
        if (selector.startsWith("{") || selector.endsWith("}")) {
            throw new AbortException(Messages.VerifyStabilityStep_SelectorBraces(selector));
        }
        return selector;
    }

    /** The version {@code releasePlan} declared, or {@code null} without a plan or a version. */
    @CheckForNull
    static String planVersion(ReleaseReport report) {
        return Optional.ofNullable(report.header()).map(ReleaseHeader::version).orElse(null);
    }

    private List<CheckSpec> checks(ReleasePlaybookConfiguration config, String matchers, @CheckForNull String version)
            throws AbortException {
        try {
            CheckCatalogue catalogue = catalogue(config);
            List<CheckRequest> requests = new ArrayList<>(customChecks.size());
            for (CustomCheck check : customChecks) {
                requests.add(check.toRequest());
            }
            AdminSettings admin = new AdminSettings(config.isAllowLoosening(), config.getMaxErrors());
            JobOverrides job = new JobOverrides(failAfter, CheckInputs.noData(noData));
            return new EffectiveThresholds(catalogue, admin)
                    .resolve(Collections.unmodifiableList(checks), requests, job, matchers, version);
        } catch (IllegalArgumentException e) { // unknown check, refused loosening, unreadable value, ...
            throw new AbortException(EngineMessages.of(e));
        }
    }

    private static CheckCatalogue catalogue(ReleasePlaybookConfiguration config) throws AbortException {
        try {
            return config.catalogue();
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.VerifyStabilityStep_InvalidCatalogue(EngineMessages.of(e)));
        }
    }

    private static Duration duration(String parameter, @CheckForNull String value, String adminDefault)
            throws AbortException {
        String text = value != null ? value : adminDefault;
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.VerifyStabilityStep_BadParameter(parameter, EngineMessages.of(e)));
        }
    }

    /** The window before the release: as long as the verification by default; none for {@code 0} or {@code none}. */
    @CheckForNull
    private Duration baselineWindow(Duration window) throws AbortException {
        if (baseline == null) {
            return window;
        }
        if (NO_BASELINE.contains(baseline.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return duration("baseline", baseline, Durations.format(window));
    }

    /**
     * When the release began: the start of the first RELEASE stage (the body of {@code autoRollback}), else
     * when {@code releasePlan} ran, else now.
     */
    static Instant releaseStart(ReleaseReport report, Instant now) {
        Optional<Instant> release = report.timeline().stream()
                .filter(stage -> stage.kind() == StageKind.RELEASE)
                .map(StageRecord::start)
                .min(Comparator.naturalOrder());
        return release.or(() -> Optional.ofNullable(report.header()).map(ReleaseHeader::plannedAt)).orElse(now);
    }

    /** What an INCONCLUSIVE verdict does to the build: {@code onInconclusive}. */
    enum OnInconclusive {
        UNSTABLE,
        FAILURE,
        SUCCESS;

        static OnInconclusive parse(@CheckForNull String text) {
            String value = Util.fixEmptyAndTrim(text);
            if (value == null) {
                return UNSTABLE;
            }
            for (OnInconclusive outcome : values()) {
                if (outcome.name().equalsIgnoreCase(value)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException(Messages.VerifyStabilityStep_BadOnInconclusive(value));
        }
    }
}
