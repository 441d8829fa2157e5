package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns what a job asked for into the checks that run. The admin's catalogue holds the loosest limits a
 * job may use: a job may tighten a limit, a relative limit, {@code failAfter} and the no-data policy, and
 * may loosen them only where the admin allows it. Every change is noted on the check for the report.
 */
public final class EffectiveThresholds {
    /**
     * What the administrator set for every job: whether a job may loosen the catalogue's limits, and how many
     * consecutive failed queries make a check ERROR.
     */
    public record AdminSettings(boolean allowLoosening, int maxErrors) {
        public static final int DEFAULT_MAX_ERRORS = 3;

        public AdminSettings {
            if (maxErrors < 1) {
                throw new InvalidInputException(Text.of("verification.settings.maxErrors", maxErrors));
            }
        }

        /** No loosening, 3 consecutive failed queries: the plugin's defaults. */
        public static AdminSettings defaults() {
            return new AdminSettings(false, DEFAULT_MAX_ERRORS);
        }
    }

    /**
     * What one job set for all of its checks in {@code verifyStability}; {@code null} fields keep each check's own
     * value. The job-wide {@code failAfter} applies to the checks that are not critical: a critical check keeps its
     * own (1 by default) unless the job sets one for it by name, and a setting of the check's own wins over the
     * job-wide one.
     */
    public record JobOverrides(Integer failAfter, NoDataPolicy noData) {
        public JobOverrides {
            if (failAfter != null && failAfter < 1) {
                throw new InvalidInputException(Text.of("verification.settings.failAfter", failAfter));
            }
        }

        /** The job changes nothing for all checks. */
        public static JobOverrides none() {
            return new JobOverrides(null, null);
        }
    }

    private final CheckCatalogue catalogue;
    private final AdminSettings admin;

    public EffectiveThresholds(CheckCatalogue catalogue, AdminSettings admin) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /** {@link #resolve(List, List, JobOverrides, String, String)} without a known release version. */
    public List<CheckSpec> resolve(List<String> names, List<CheckRequest> requests, JobOverrides job, String selector) {
        return resolve(names, requests, job, selector, null);
    }

    /**
     * @param names catalogue checks to run; empty for the catalogue's default set (unless the job defines
     *     checks of its own)
     * @param requests the job's custom checks and tightened catalogue checks
     * @param selector label matchers for the {@code {selector}} placeholder
     * @param expectedVersion the release's version (the plan's), which deployed-version checks expect every instance
     *     to report; {@code null} when unknown: then the default set holds no such check, and one the job names is
     *     refused
     * @throws IllegalArgumentException for unknown checks, incomplete custom checks and refused loosening,
     *     naming the check, the value and the admin's value
     */
    public List<CheckSpec> resolve(List<String> names, List<CheckRequest> requests, JobOverrides job, String selector,
            String expectedVersion) {
        String version = expectedVersion == null || expectedVersion.isBlank() ? null : expectedVersion.strip();
        Map<String, CheckDefinition> chosen = new LinkedHashMap<>();
        Map<String, List<Text>> notes = new LinkedHashMap<>();
        // Checks whose failAfter the job set by name: the job-wide value does not override it.
        Set<String> ownFailAfter = new HashSet<>();
        // Without named checks the default set runs, unless the job brought checks of its own.
        boolean ownChecks = requests.stream().anyMatch(r -> catalogue.find(r.name()).isEmpty());
        for (String name : names.isEmpty() && !ownChecks ? catalogue.defaultSet(version != null) : names) {
            chosen.put(name, catalogue.get(name));
        }
        for (CheckRequest request : requests) {
            if (request.failAfter() != null) {
                ownFailAfter.add(request.name());
            }
            CheckDefinition base = catalogue.find(request.name()).orElse(null);
            if (base == null) {
                chosen.put(request.name(), custom(request));
                continue;
            }
            if (request.query() != null && !request.query().equals(base.query())) {
                throw new InvalidInputException(Text.of("verification.request.catalogueQuery", request.name()));
            }
            List<Text> changes = notes.computeIfAbsent(request.name(), n -> new ArrayList<>());
            chosen.put(request.name(), base.withLimits(
                    limit(base, request.limit(), changes),
                    maxChange(base, request.maxChangePercent(), changes),
                    failAfter(base, request.failAfter(), changes)));
        }
        List<CheckSpec> specs = new ArrayList<>();
        for (CheckDefinition definition : chosen.values()) {
            List<Text> changes = notes.computeIfAbsent(definition.name(), n -> new ArrayList<>());
            boolean jobWide = job.failAfter() != null && !definition.critical()
                    && !ownFailAfter.contains(definition.name());
            int failAfter = jobWide ? failAfter(definition, job.failAfter(), changes) : definition.effectiveFailAfter();
            NoDataPolicy noData = job.noData() == null ? definition.noData()
                    : noData(definition, job.noData(), changes);
            CheckSpec.Builder spec = CheckSpec.builder(definition.name()).description(definition.description())
                    .query(definition.render(selector)).direction(definition.direction()).failAfter(failAfter)
                    .noData(noData).unit(definition.unit()).maxErrors(admin.maxErrors()).adjustmentNotes(changes)
                    .presenceQuery(definition.renderPresence(selector));
            if (definition.limit() != null) {
                spec.limit(definition.limit());
            }
            if (definition.maxChangePercent() != null) {
                spec.maxChangePercent(definition.maxChangePercent());
            }
            if (definition.volumeQuery() != null) {
                spec.volumeGuard(definition.renderVolume(selector), definition.minVolume());
            }
            if (definition.isVersionCheck()) {
                if (version == null) {
                    throw new InvalidInputException(Text.of("verification.request.versionUnknown", definition.name()));
                }
                spec.deployedVersion(definition.versionLabel(), version);
            }
            specs.add(spec.build());
        }
        if (specs.isEmpty()) {
            throw new InvalidInputException(Text.of("verification.request.noChecks"));
        }
        return specs;
    }

    private static CheckDefinition custom(CheckRequest request) {
        if (request.query() == null || request.query().isBlank()) {
            throw new InvalidInputException(Text.of("verification.request.customNeedsQuery", request.name()));
        }
        if (request.direction() == null) {
            throw new InvalidInputException(Text.of("verification.request.customNeedsDirection", request.name()));
        }
        CheckDefinition.Builder definition = CheckDefinition.builder(request.name()).query(request.query())
                .direction(request.direction()).critical(Boolean.TRUE.equals(request.critical())).noData(request.noData())
                .unit(request.unit());
        if (request.limit() != null) {
            definition.limit(request.limit());
        }
        if (request.maxChangePercent() != null) {
            definition.maxChangePercent(request.maxChangePercent());
        }
        if (request.failAfter() != null) {
            definition.failAfter(request.failAfter());
        }
        return definition.build();
    }

    private Double limit(CheckDefinition base, Double requested, List<Text> changes) {
        if (requested == null) {
            return base.limit();
        }
        String job = Numbers.exactWithUnit(requested, base.unit());
        if (base.limit() == null) {
            changes.add(Text.of("verification.adjust.added", Text.of("verification.adjust.limit", job)));
            return requested;
        }
        if (requested.equals(base.limit())) {
            return requested; // the admin's value, repeated: nothing changed, so nothing to note
        }
        String admin = Numbers.exactWithUnit(base.limit(), base.unit());
        boolean stricter = base.direction().atLeastAsStrict(requested, base.limit());
        check(stricter, base, Text.of("verification.adjust.limit", job), Text.of("verification.adjust.limit", admin));
        changes.add(describe("verification.adjust.what.limit", admin, job, stricter));
        return requested;
    }

    private Double maxChange(CheckDefinition base, Double requested, List<Text> changes) {
        if (requested == null) {
            return base.maxChangePercent();
        }
        String job = Numbers.exactPercent(requested);
        if (base.maxChangePercent() == null) {
            changes.add(Text.of("verification.adjust.added", Text.of("verification.adjust.maxChange", job)));
            return requested;
        }
        if (requested.equals(base.maxChangePercent())) {
            return requested;
        }
        String admin = Numbers.exactPercent(base.maxChangePercent());
        boolean stricter = requested <= base.maxChangePercent();
        check(stricter, base, Text.of("verification.adjust.maxChange", job), Text.of("verification.adjust.maxChange", admin));
        changes.add(describe("verification.adjust.what.maxChange", admin, job, stricter));
        return requested;
    }

    private Integer failAfter(CheckDefinition base, Integer requested, List<Text> changes) {
        if (requested == null) {
            return base.failAfter();
        }
        int admin = base.effectiveFailAfter();
        boolean stricter = requested <= admin;
        check(stricter, base, Text.of("verification.adjust.failAfter", requested), Text.of("verification.adjust.failAfter", admin));
        if (requested != admin) {
            changes.add(describe("verification.adjust.what.failAfter", Integer.toString(admin), Integer.toString(requested),
                    stricter));
        }
        return requested;
    }

    private NoDataPolicy noData(CheckDefinition base, NoDataPolicy requested, List<Text> changes) {
        // FAIL is the strictest answer to missing data, IGNORE the loosest.
        boolean stricter = strictness(requested) >= strictness(base.noData());
        check(stricter, base, Text.of("verification.adjust.noData", requested.label()),
                Text.of("verification.adjust.noData", base.noData().label()));
        if (requested != base.noData()) {
            changes.add(describe("verification.adjust.what.noData", base.noData().label(), requested.label(), stricter));
        }
        return requested;
    }

    private static int strictness(NoDataPolicy policy) {
        return switch (policy) {
            case IGNORE -> 0;
            case INCONCLUSIVE -> 1;
            case FAIL -> 2;
        };
    }

    private void check(boolean stricter, CheckDefinition base, Text requested, Text admin) {
        if (!stricter && !this.admin.allowLoosening()) {
            throw new InvalidInputException(Text.of("verification.adjust.looser", base.name(), requested, admin));
        }
    }

    private static Text describe(String whatKey, String admin, String job, boolean stricter) {
        return Text.of(stricter ? "verification.adjust.tightened" : "verification.adjust.loosened", Text.of(whatKey), admin, job);
    }
}
