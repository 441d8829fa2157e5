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
     * Job-wide settings of {@code verifyStability}; {@code null} fields keep each check's own value. The job-wide
     * {@code failAfter} applies to the checks that are not critical: a critical check keeps its own (1 by default)
     * unless the job sets one for it by name, and a setting of the check's own wins over the job-wide one.
     */
    public record JobSettings(Integer failAfter, NoDataPolicy noData, int maxErrors) {
        public JobSettings {
            if (failAfter != null && failAfter < 1) {
                throw new InvalidInputException(Text.of("verification.settings.failAfter", failAfter));
            }
            if (maxErrors < 1) {
                throw new InvalidInputException(Text.of("verification.settings.maxErrors", maxErrors));
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
        Map<String, List<Text>> notes = new LinkedHashMap<>();
        // Checks whose failAfter the job set by name: the job-wide value does not override it.
        Set<String> ownFailAfter = new HashSet<>();
        // Without named checks the default set runs, unless the job brought checks of its own.
        boolean ownChecks = requests.stream().anyMatch(r -> catalogue.find(r.name()).isEmpty());
        for (String name : names.isEmpty() && !ownChecks ? catalogue.defaultSet() : names) {
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
            boolean jobWide = settings.failAfter() != null && !definition.critical()
                    && !ownFailAfter.contains(definition.name());
            int failAfter = jobWide ? failAfter(definition, settings.failAfter(), changes) : definition.effectiveFailAfter();
            NoDataPolicy noData = settings.noData() == null ? definition.noData()
                    : noData(definition, settings.noData(), changes);
            specs.add(new CheckSpec(definition.name(), definition.description(), definition.render(selector),
                    definition.direction(), definition.limit(), definition.maxChangePercent(), failAfter, noData,
                    definition.unit(), settings.maxErrors(), null, changes, definition.renderVolume(selector),
                    definition.minVolume() == null ? 0 : definition.minVolume()));
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
        return new CheckDefinition(request.name(), request.name(), request.query(), request.direction(),
                request.limit(), request.maxChangePercent(), request.failAfter(),
                Boolean.TRUE.equals(request.critical()), request.noData(), request.unit());
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
        if (!stricter && !allowLoosening) {
            throw new InvalidInputException(Text.of("verification.adjust.looser", base.name(), requested, admin));
        }
    }

    private static Text describe(String whatKey, String admin, String job, boolean stricter) {
        return Text.of(stricter ? "verification.adjust.tightened" : "verification.adjust.loosened", Text.of(whatKey), admin, job);
    }
}
