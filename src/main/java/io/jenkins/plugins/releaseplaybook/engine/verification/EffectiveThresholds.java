package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what a job asked for into the checks that run. The admin's catalogue holds the loosest limits a
 * job may use: a job may tighten a limit, a relative limit, {@code failAfter} and the no-data policy, and
 * may loosen them only where the admin allows it. Every change is noted on the check for the report.
 */
public final class EffectiveThresholds {
    /** Job-wide settings of {@code verifyStability}; {@code null} fields keep each check's own value. */
    public record JobSettings(Integer failAfter, NoDataPolicy noData, int maxErrors) {
        public JobSettings {
            if (failAfter != null && failAfter < 1) {
                throw new IllegalArgumentException("failAfter is " + failAfter + ": it must be 1 or more");
            }
            if (maxErrors < 1) {
                throw new IllegalArgumentException("maxErrors is " + maxErrors + ": it must be 1 or more");
            }
        }
    }

    private final CheckCatalogue catalogue;
    private final boolean allowLoosening;

    public EffectiveThresholds(CheckCatalogue catalogue, boolean allowLoosening) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.allowLoosening = allowLoosening;
    }

    /**
     * @param names catalogue checks to run; empty for the catalogue's default set (unless the job defines
     *     checks of its own)
     * @param requests the job's custom checks and tightened catalogue checks
     * @param selector label matchers for the {@code {selector}} placeholder
     * @throws IllegalArgumentException for unknown checks, incomplete custom checks and refused loosening,
     *     naming the check, the value and the admin's value
     */
    public List<CheckSpec> resolve(List<String> names, List<CheckRequest> requests, JobSettings settings, String selector) {
        Map<String, CheckDefinition> chosen = new LinkedHashMap<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        // Without named checks the default set runs, unless the job brought checks of its own.
        boolean ownChecks = requests.stream().anyMatch(r -> catalogue.find(r.name()).isEmpty());
        for (String name : names.isEmpty() && !ownChecks ? catalogue.defaultSet() : names) {
            chosen.put(name, catalogue.get(name));
        }
        for (CheckRequest request : requests) {
            CheckDefinition base = catalogue.find(request.name()).orElse(null);
            if (base == null) {
                chosen.put(request.name(), custom(request));
                continue;
            }
            if (request.query() != null && !request.query().equals(base.query())) {
                throw new IllegalArgumentException("Check '" + request.name() + "' is in the admin's catalogue; to run "
                        + "another query, give your check another name");
            }
            List<String> changes = notes.computeIfAbsent(request.name(), n -> new ArrayList<>());
            chosen.put(request.name(), base.withLimits(
                    limit(base, request.limit(), changes),
                    maxChange(base, request.maxChangePercent(), changes),
                    failAfter(base, request.failAfter(), changes)));
        }
        List<CheckSpec> specs = new ArrayList<>();
        for (CheckDefinition definition : chosen.values()) {
            List<String> changes = notes.computeIfAbsent(definition.name(), n -> new ArrayList<>());
            int failAfter = settings.failAfter() == null ? definition.effectiveFailAfter()
                    : failAfter(definition, settings.failAfter(), changes);
            NoDataPolicy noData = settings.noData() == null ? definition.noData()
                    : noData(definition, settings.noData(), changes);
            specs.add(new CheckSpec(definition.name(), definition.description(), definition.render(selector),
                    definition.direction(), definition.limit(), definition.maxChangePercent(), failAfter, noData,
                    definition.unit(), settings.maxErrors(), String.join("; ", changes)));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("No checks to run: name catalogue checks in 'checks' or define 'customChecks'");
        }
        return specs;
    }

    private static CheckDefinition custom(CheckRequest request) {
        if (request.query() == null || request.query().isBlank()) {
            throw new IllegalArgumentException("Custom check '" + request.name() + "' needs a 'query' (it is not in the "
                    + "catalogue, so there is no query to take from there)");
        }
        if (request.direction() == null) {
            throw new IllegalArgumentException("Custom check '" + request.name() + "' needs a 'direction': "
                    + "HIGHER_IS_WORSE (latency, errors) or LOWER_IS_WORSE (throughput, free memory)");
        }
        return new CheckDefinition(request.name(), request.name(), request.query(), request.direction(),
                request.limit(), request.maxChangePercent(), request.failAfter(),
                Boolean.TRUE.equals(request.critical()), request.noData(), request.unit());
    }

    private Double limit(CheckDefinition base, Double requested, List<String> changes) {
        if (requested == null) {
            return base.limit();
        }
        if (base.limit() == null) {
            changes.add("limit " + Numbers.withUnit(requested, base.unit()) + " added by the job");
            return requested;
        }
        boolean stricter = base.direction().atLeastAsStrict(requested, base.limit());
        check(stricter, base, "limit " + Numbers.withUnit(requested, base.unit()), "limit " + Numbers.withUnit(base.limit(), base.unit()));
        changes.add(describe("limit", Numbers.withUnit(base.limit(), base.unit()), Numbers.withUnit(requested, base.unit()), stricter));
        return requested;
    }

    private Double maxChange(CheckDefinition base, Double requested, List<String> changes) {
        if (requested == null) {
            return base.maxChangePercent();
        }
        if (base.maxChangePercent() == null) {
            changes.add("maximum change " + Numbers.percent(requested) + " added by the job");
            return requested;
        }
        boolean stricter = requested <= base.maxChangePercent();
        check(stricter, base, "maximum change " + Numbers.percent(requested), "maximum change " + Numbers.percent(base.maxChangePercent()));
        changes.add(describe("maximum change", Numbers.percent(base.maxChangePercent()), Numbers.percent(requested), stricter));
        return requested;
    }

    private Integer failAfter(CheckDefinition base, Integer requested, List<String> changes) {
        if (requested == null) {
            return base.failAfter();
        }
        int admin = base.effectiveFailAfter();
        boolean stricter = requested <= admin;
        check(stricter, base, "failAfter " + requested, "failAfter " + admin);
        if (requested != admin) {
            changes.add(describe("failAfter", Integer.toString(admin), Integer.toString(requested), stricter));
        }
        return requested;
    }

    private NoDataPolicy noData(CheckDefinition base, NoDataPolicy requested, List<String> changes) {
        // FAIL is the strictest answer to missing data, IGNORE the loosest.
        boolean stricter = strictness(requested) >= strictness(base.noData());
        check(stricter, base, "noData " + requested.label(), "noData " + base.noData().label());
        if (requested != base.noData()) {
            changes.add(describe("noData", base.noData().label(), requested.label(), stricter));
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

    private void check(boolean stricter, CheckDefinition base, String requested, String admin) {
        if (!stricter && !allowLoosening) {
            throw new IllegalArgumentException("Check '" + base.name() + "': " + requested + " is looser than the admin's "
                    + admin + ". A job may only tighten thresholds: keep the admin's value or a stricter one, or ask a "
                    + "Jenkins administrator to allow loosening (Manage Jenkins > System > Release Playbook).");
        }
    }

    private static String describe(String what, String admin, String job, boolean stricter) {
        return what + " " + (stricter ? "tightened" : "loosened (allowed by the admin)") + " from " + admin + " to " + job;
    }
}
