package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A check as one verification runs it: the query rendered for the service and the effective limits
 * (the admin's, as tightened by the job). See {@link EffectiveThresholds}, which makes them from the catalogue.
 *
 * <p>Make one with {@link #builder(String)}, never with the canonical constructor (its order of nullable numbers is
 * easy to get wrong; it is public only because records are):
 * <pre>{@code
 * CheckSpec p99 = CheckSpec.builder("latency_p99").query("histogram_quantile(0.99, ...)")
 *         .higherIsWorse().limit(1.0).maxChangePercent(50).unit("s").build();
 * }</pre>
 *
 * @param maxErrors consecutive failed queries that make the check ERROR
 * @param adjustments how the job changed the catalogue's limits, in English; empty if it did not
 * @param adjustmentNotes the same, one change a text, for the report in the reader's language
 * @param volumeQuery the rendered query counting the requests behind a ratio, or {@code null} for no traffic guard
 * @param minVolume fewest requests (by {@code volumeQuery}) that make a sample worth judging
 * @param presenceQuery the rendered query counting the raw series (no range), asked each round beside the main query:
 *     no series or 0 makes the sample NODATA ("series absent"), however long the main query's range still answers;
 *     {@code null} for none
 * @param versionLabel for a deployed-version check: the label of the query's series that holds each instance's version;
 *     {@code null} for every other check
 * @param expectedVersion for a deployed-version check: the version every instance must report (the release plan's)
 */
public record CheckSpec(
        String name,
        String description,
        String query,
        Direction direction,
        Double limit,
        Double maxChangePercent,
        int failAfter,
        NoDataPolicy noData,
        String unit,
        int maxErrors,
        String adjustments,
        List<Text> adjustmentNotes,
        String volumeQuery,
        double minVolume,
        String presenceQuery,
        String versionLabel,
        String expectedVersion)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CheckSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, () -> "query of check " + name);
        Objects.requireNonNull(direction, () -> "direction of check " + name);
        if (failAfter < 1 || maxErrors < 1) {
            throw new IllegalArgumentException("failAfter and maxErrors must be 1 or more");
        }
        description = description == null || description.isBlank() ? name : description;
        noData = noData == null ? NoDataPolicy.INCONCLUSIVE : noData;
        unit = unit == null ? "" : unit;
        adjustmentNotes = adjustmentNotes == null ? List.of() : List.copyOf(adjustmentNotes);
        adjustments = adjustments == null ? Text.list(adjustmentNotes).english() : adjustments;
        volumeQuery = blankToNull(volumeQuery);
        if (!(minVolume >= 0 && Double.isFinite(minVolume))) {
            throw new IllegalArgumentException("minVolume must be a finite number of 0 or more");
        }
        presenceQuery = blankToNull(presenceQuery);
        versionLabel = blankToNull(versionLabel);
        expectedVersion = blankToNull(expectedVersion);
        if (versionLabel != null && expectedVersion == null) {
            throw new IllegalArgumentException("The deployed-version check " + name + " needs the expected version");
        }
    }

    /** A builder for a check named {@code name}: failAfter 2, maxErrors 3, no-data INCONCLUSIVE unless told. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder that starts from this check, to change some of it. */
    public Builder toBuilder() {
        Builder b = new Builder(name).description(description).query(query).direction(direction).failAfter(failAfter)
                .noData(noData).unit(unit).maxErrors(maxErrors).adjustmentNotes(adjustmentNotes)
                .presenceQuery(presenceQuery);
        b.limit = limit;
        b.maxChangePercent = maxChangePercent;
        b.adjustments = adjustments;
        b.volumeQuery = volumeQuery;
        b.minVolume = minVolume;
        b.versionLabel = versionLabel;
        b.expectedVersion = expectedVersion;
        return b;
    }

    /** Whether this check compares the instances' reported versions with {@link #expectedVersion()}. */
    public boolean isVersionCheck() {
        return versionLabel != null;
    }

    /** The effective thresholds in words, e.g. {@code <= 1 s, at most 50% above baseline, 2 consecutive}. */
    public String thresholdText() {
        return thresholds().english();
    }

    /** {@link #thresholdText()} as a text for any language. */
    public Text thresholds() {
        Text absolute = isVersionCheck() ? Text.of("verification.threshold.version", expectedVersion)
                : limit == null ? null
                : Text.of("verification.threshold.absolute", direction.passingOperator(), Numbers.exactWithUnit(limit, unit));
        Text relative = maxChangePercent == null ? null
                : Text.of("verification.threshold.relative", Numbers.exactPercent(maxChangePercent), CheckJudge.worseWord(direction));
        Text limits = absolute != null && relative != null ? Text.of("verification.threshold.both", absolute, relative)
                : absolute != null ? absolute : relative;
        Text fails = Text.of(failAfter == 1 ? "verification.threshold.failOne" : "verification.threshold.failAfter", failAfter);
        return limits == null ? fails : Text.of("verification.threshold.withFailAfter", limits, fails);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * Builds a {@link CheckSpec}. Required: a query and a direction ({@link #higherIsWorse()}, {@link #lowerIsWorse()}
     * or {@link #direction}); at least one of {@link #limit} and {@link #maxChangePercent} for the check to be able to
     * fail (not enforced here: a spec is what the catalogue, which enforces it, resolved to).
     */
    public static final class Builder {
        private final String name;
        private String description;
        private String query;
        private Direction direction;
        private Double limit;
        private Double maxChangePercent;
        private int failAfter = 2;
        private NoDataPolicy noData = NoDataPolicy.INCONCLUSIVE;
        private String unit = "";
        private int maxErrors = 3;
        private String adjustments;
        private List<Text> adjustmentNotes = List.of();
        private String volumeQuery;
        private double minVolume;
        private String presenceQuery;
        private String versionLabel;
        private String expectedVersion;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** For people, e.g. {@code p99 latency}; the name when not set. */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** The PromQL expression, rendered (no placeholders left). */
        public Builder query(String promql) {
            this.query = promql;
            return this;
        }

        public Builder direction(Direction value) {
            this.direction = value;
            return this;
        }

        /** Latency, errors: a value above the limit fails. */
        public Builder higherIsWorse() {
            return direction(Direction.HIGHER_IS_WORSE);
        }

        /** Throughput, free memory: a value below the limit fails. */
        public Builder lowerIsWorse() {
            return direction(Direction.LOWER_IS_WORSE);
        }

        /** The absolute limit, in the query's unit. */
        public Builder limit(double value) {
            this.limit = value;
            return this;
        }

        /** How far (in percent) the window's median may move in the bad direction from the baseline's. */
        public Builder maxChangePercent(double percent) {
            this.maxChangePercent = percent;
            return this;
        }

        /** No absolute limit (the default). */
        public Builder noLimit() {
            this.limit = null;
            return this;
        }

        /** No relative limit (the default). */
        public Builder noMaxChange() {
            this.maxChangePercent = null;
            return this;
        }

        /** Consecutive failing samples that fail the check (default 2). */
        public Builder failAfter(int samples) {
            this.failAfter = samples;
            return this;
        }

        public Builder noData(NoDataPolicy policy) {
            this.noData = policy;
            return this;
        }

        /** For people, e.g. {@code s}. */
        public Builder unit(String text) {
            this.unit = text;
            return this;
        }

        /** Consecutive failed queries that make the check ERROR (default 3). */
        public Builder maxErrors(int queries) {
            this.maxErrors = queries;
            return this;
        }

        /** How the job changed the catalogue's limits, one change a text. */
        public Builder adjustmentNotes(List<Text> notes) {
            this.adjustmentNotes = notes;
            this.adjustments = null;
            return this;
        }

        /** A ratio's traffic guard: samples of fewer than {@code minimum} requests (by {@code promql}) are NODATA. */
        public Builder volumeGuard(String promql, double minimum) {
            this.volumeQuery = promql;
            this.minVolume = minimum;
            return this;
        }

        /** A query counting the raw series (no range): no series or 0 makes the sample NODATA, "series absent". */
        public Builder presenceQuery(String promql) {
            this.presenceQuery = promql;
            return this;
        }

        /**
         * Makes this a deployed-version check: the query returns one series per instance (e.g.
         * {@code build_info{service="checkout"}}), {@code label} holds each one's version, and every instance must
         * report {@code expected}. The sample's value is the number of instances on another version; any is a failure.
         */
        public Builder deployedVersion(String label, String expected) {
            this.versionLabel = label;
            this.expectedVersion = expected;
            this.direction = Direction.HIGHER_IS_WORSE;
            this.limit = 0.0;
            return this;
        }

        public CheckSpec build() {
            return new CheckSpec(name, description, query, direction, limit, maxChangePercent, failAfter, noData, unit,
                    maxErrors, adjustments, adjustmentNotes, volumeQuery, minVolume, presenceQuery, versionLabel,
                    expectedVersion);
        }
    }
}
