package io.jenkins.plugins.releaseplaybook.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ConnectionCredentials;
import io.jenkins.plugins.releaseplaybook.config.HttpClients;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckSpec;
import io.jenkins.plugins.releaseplaybook.engine.verification.PrometheusClient;
import io.jenkins.plugins.releaseplaybook.engine.verification.QueryPort;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code verifyStability} settles before its first query: whether the job may run its own PromQL, the
 * Prometheus connection from the administrator's settings, and the plan as the build log states it.
 */
final class VerificationSetup {
    private VerificationSetup() {}

    /**
     * Refuses custom checks with queries of their own in a job the administrator did not allow to run custom
     * PromQL (Manage Jenkins &gt; System &gt; Release Playbook): the queries run with the administrator's
     * Prometheus credentials. Checks that only tighten catalogue checks are always allowed.
     */
    static void checkAccess(VerificationRequest request, ReleasePlaybookConfiguration config, Run<?, ?> run)
            throws AbortException {
        if (!request.runsCustomQueries()) {
            return;
        }
        String refusal = config.getAccess().refusalToRunCustomQueries(run.getParent().getFullName());
        if (refusal != null) {
            throw new AbortException(refusal);
        }
    }

    /** The Prometheus client from the administrator's settings, with the credentials tracked on the build. */
    static QueryPort prometheus(ReleasePlaybookConfiguration config, Run<?, ?> run) throws AbortException {
        URI endpoint = config.getPrometheusEndpoint();
        if (endpoint == null) {
            throw new AbortException(Messages.VerifyStabilityStep_NoPrometheus());
        }
        try {
            HttpAuth auth = new ConnectionCredentials(new JenkinsFacade()).resolve(config.getPrometheusCredentialsId(), run);
            Duration timeout = config.getRequestTimeout();
            return new PrometheusClient(endpoint, auth, timeout, HttpClients.get(timeout));
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.VerifyStabilityStep_PrometheusSettings(EngineMessages.of(e)));
        }
    }

    /** The plan and every check's effective thresholds, one log line each, before the first sample. */
    static List<String> plan(VerificationSpec spec) {
        String baseline = spec.hasBaseline()
                ? Messages.VerifyStabilityStep_BaselineWindow(Durations.forPeople(spec.baselineWindow(), EngineMessages.locale()),
                        spec.releaseStart().truncatedTo(ChronoUnit.SECONDS).toString())
                : Messages.VerifyStabilityStep_NoBaseline();
        List<String> lines = new ArrayList<>();
        lines.add(Messages.VerifyStabilityStep_Plan(spec.name(), Integer.toString(spec.checks().size()),
                Durations.forPeople(spec.duration(), EngineMessages.locale()), Durations.forPeople(spec.interval(), EngineMessages.locale()), baseline));
        for (CheckSpec check : spec.checks()) {
            lines.add(check.adjustments().isEmpty()
                    ? Messages.VerifyStabilityStep_Threshold(check.name(), check.thresholdText())
                    : Messages.VerifyStabilityStep_ThresholdAdjusted(check.name(), check.thresholdText(),
                            check.adjustments()));
        }
        return lines;
    }
}
