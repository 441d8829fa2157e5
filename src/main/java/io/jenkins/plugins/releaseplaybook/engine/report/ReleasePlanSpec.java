package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code releasePlan} step's arguments as the user wrote them, before validation.
 *
 * @param risk {@code low}, {@code medium} or {@code high}; blank means {@code medium}
 */
public record ReleasePlanSpec(
        String service, String version, String risk, List<String> owners, List<String> scope, boolean drill)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Longest service name, version, owner or scope entry we accept; longer is almost surely a mistake. */
    static final int MAX_LENGTH = 200;

    public static final Risk DEFAULT_RISK = Risk.MEDIUM;

    /**
     * Validates the declaration and turns it into the report header.
     *
     * @throws ReportException of kind {@code INVALID_PLAN} listing every problem found, each naming the field and what to do
     */
    public ReleaseHeader toHeader(BuildRef build, Instant plannedAt) throws ReportException {
        List<Text> problems = new ArrayList<>();
        if (service == null || service.isBlank()) {
            problems.add(Text.of("report.plan.serviceRequired"));
        } else {
            checkText(Text.of("report.plan.field", "service"), service, problems);
        }
        if (version != null) {
            checkText(Text.of("report.plan.field", "version"), version, problems);
        }
        Risk parsedRisk = DEFAULT_RISK;
        if (risk != null && !risk.isBlank()) {
            try {
                parsedRisk = Risk.parse(risk);
            } catch (IllegalArgumentException e) {
                problems.add(Text.of("report.plan.unknownRisk", risk, Risk.accepted()));
            }
        }
        checkEntries("owners", owners, problems);
        checkEntries("scope", scope, problems);
        if (!problems.isEmpty()) {
            throw ReportException.invalidPlan(problems);
        }
        return new ReleaseHeader(
                service.trim(),
                version == null || version.isBlank() ? null : version.trim(),
                parsedRisk,
                trimmed(owners),
                trimmed(scope),
                drill,
                build,
                plannedAt);
    }

    private static void checkEntries(String field, List<String> entries, List<Text> problems) {
        if (entries == null) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry == null || entry.isBlank()) {
                problems.add(Text.of("report.plan.emptyEntry", Text.of("report.plan.entry", field, i + 1)));
            } else {
                checkText(Text.of("report.plan.entry", field, i + 1), entry, problems);
            }
        }
    }

    private static void checkText(Text what, String value, List<Text> problems) {
        if (value.length() > MAX_LENGTH) {
            problems.add(Text.of("report.plan.tooLong", what, value.length(), MAX_LENGTH));
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(Text.of("report.plan.control", what));
        }
    }

    private static List<String> trimmed(List<String> entries) {
        return entries == null ? List.of() : entries.stream().map(String::trim).toList();
    }
}
