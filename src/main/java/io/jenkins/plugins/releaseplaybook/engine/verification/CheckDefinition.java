package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A check as the catalogue (or a job) defines it: a PromQL template and its limits.
 *
 * <p>The template's {@code {selector}} placeholder stands for the label matchers that pick the service,
 * without braces, so templates write it inside a selector: {@code node_load1{{selector}}} or
 * {@code http_requests_total{code=~"5..",{selector}}}. An empty selector leaves {@code {}} or a trailing
 * comma, both valid PromQL.
 *
 * @param name unique within the catalogue, e.g. {@code latency_p99}
 * @param description for people, e.g. {@code p99 latency}
 * @param limit absolute limit, or {@code null} for none
 * @param maxChangePercent how far (in percent) the window's median may move in the bad direction from the
 *     baseline's median, or {@code null} for no relative limit
 * @param failAfter consecutive failing samples that fail the check; {@code null} for the default (2; 1 for
 *     critical checks)
 * @param critical a critical check fails on its first failing sample by default
 * @param unit for people, e.g. {@code s} or {@code B/s}; may be empty
 * @param range what {@code {range}} in the templates stands for, a PromQL duration such as {@code 1m};
 *     {@code null} for {@link #DEFAULT_RANGE}. Short (about 4 scrape intervals), so that a service that vanished
 *     is not hidden behind a {@code rate()} that keeps answering for the length of a long range
 * @param volumeQuery for ratio checks, a template counting the requests in the range (same placeholders); a sample
 *     with fewer than {@code minVolume} requests is NODATA (too little traffic to judge), {@code null} for no guard
 * @param minVolume fewest requests in the range that make a ratio worth judging; {@code null} for
 *     {@link #DEFAULT_MIN_VOLUME} when there is a volume query
 * @param presenceQuery a template counting the check's raw series, without a range (e.g.
 *     {@code count(http_requests_total{{selector}})}), asked each round beside the main query: no series or 0 makes
 *     the sample NODATA ("series absent") even while a {@code rate(...[range])} still answers; {@code null} for none
 * @param versionMetric for a deployed-version check: the metric with one series per instance whose label
 *     {@code versionLabel} is the instance's version ({@link #DEFAULT_VERSION_METRIC} when not set); what
 *     {@code {metric}} in the templates stands for
 * @param versionLabel makes this a deployed-version check: the label holding the version
 *     ({@link #DEFAULT_VERSION_LABEL} in the built-in check); {@code null} for every other check
 *
 * <p>Make one with {@link #builder(String)} (or {@link #deployedVersion(String)}); the canonical constructor is
 * public only because records are.
 */
public record CheckDefinition(
        String name,
        String description,
        String query,
        Direction direction,
        Double limit,
        Double maxChangePercent,
        Integer failAfter,
        boolean critical,
        NoDataPolicy noData,
        String unit,
        String range,
        String volumeQuery,
        Double minVolume,
        String presenceQuery,
        String versionMetric,
        String versionLabel)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SELECTOR = "{selector}";
    public static final String RANGE = "{range}";
    /** In a deployed-version check's templates: the version metric, {@link #versionMetric()}. */
    public static final String METRIC = "{metric}";
    public static final String DEFAULT_VERSION_METRIC = "build_info";
    public static final String DEFAULT_VERSION_LABEL = "version";
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** About four scrape intervals of 15 s, as Grafana's {@code $__rate_interval}. */
    public static final String DEFAULT_RANGE = "1m";
    public static final double DEFAULT_MIN_VOLUME = 100;
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    public CheckDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(Text.of("verification.definition.badName", name));
        }
        if (query == null || query.isBlank()) {
            throw new InvalidInputException(Text.of("verification.definition.noQuery", name));
        }
        Objects.requireNonNull(direction, "direction of check " + name);
        if (limit == null && maxChangePercent == null) {
            throw new InvalidInputException(Text.of("verification.definition.noLimit", name));
        }
        if (limit != null && !Double.isFinite(limit)) {
            throw new InvalidInputException(Text.of("verification.definition.limitNotFinite", name, Double.toString(limit)));
        }
        if (maxChangePercent != null && !(maxChangePercent > 0 && Double.isFinite(maxChangePercent))) {
            throw new InvalidInputException(Text.of("verification.definition.badMaxChange", name,
                    Double.isFinite(maxChangePercent) ? Numbers.exact(maxChangePercent) : String.valueOf(maxChangePercent)));
        }
        if (failAfter != null && failAfter < 1) {
            throw new InvalidInputException(Text.of("verification.definition.failAfter", name, failAfter));
        }
        description = description == null || description.isBlank() ? name : description;
        noData = noData == null ? NoDataPolicy.INCONCLUSIVE : noData;
        unit = unit == null ? "" : unit;
        range = range == null || range.isBlank() ? DEFAULT_RANGE : range.strip();
        checkRange(name, range);
        volumeQuery = volumeQuery == null || volumeQuery.isBlank() ? null : volumeQuery;
        checkMinVolume(name, minVolume);
        if (volumeQuery != null && minVolume == null) {
            minVolume = DEFAULT_MIN_VOLUME;
        }
        presenceQuery = presenceQuery == null || presenceQuery.isBlank() ? null : presenceQuery.strip();
        versionLabel = versionLabel == null || versionLabel.isBlank() ? null : versionLabel.strip();
        versionMetric = versionMetric == null || versionMetric.isBlank() ? null : versionMetric.strip();
        if (versionLabel != null) {
            versionMetric = versionMetric == null ? DEFAULT_VERSION_METRIC : versionMetric;
            checkVersionNames(name, versionMetric, versionLabel);
        }
    }

    /**
     * @throws InvalidInputException naming the check when the metric or the label is not a Prometheus name
     */
    public static void checkVersionNames(String name, String metric, String label) {
        if (metric != null && !METRIC_NAME.matcher(metric).matches()) {
            throw new InvalidInputException(Text.of("verification.definition.badVersionMetric", name, metric));
        }
        if (label != null && !LABEL_NAME.matcher(label).matches()) {
            throw new InvalidInputException(Text.of("verification.definition.badVersionLabel", name, label));
        }
    }

    /** A builder for a check named {@code name}; see {@link Builder} for what is required. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A deployed-version check named {@code name}: it fails while any instance reports another version than the
     * release's, read from {@code build_info{...}}'s {@code version} label unless {@link Builder#versionMetric} and
     * {@link Builder#versionLabel} say otherwise.
     */
    public static Builder deployedVersion(String name) {
        return new Builder(name).description("deployed version").query(METRIC + "{" + SELECTOR + "}")
                .higherIsWorse().limit(0).versionMetric(DEFAULT_VERSION_METRIC).versionLabel(DEFAULT_VERSION_LABEL)
                .presenceQuery("count(" + METRIC + "{" + SELECTOR + "})");
    }

    /** A builder that starts from this definition, to change some of it. */
    public Builder toBuilder() {
        Builder b = new Builder(name).description(description).query(query).direction(direction).critical(critical)
                .noData(noData).unit(unit).range(range).presenceQuery(presenceQuery).versionMetric(versionMetric)
                .versionLabel(versionLabel);
        b.limit = limit;
        b.maxChangePercent = maxChangePercent;
        b.failAfter = failAfter;
        b.volumeQuery = volumeQuery;
        b.minVolume = minVolume;
        return b;
    }

    /** Whether this check compares the instances' versions with the release's. */
    public boolean isVersionCheck() {
        return versionLabel != null;
    }

    /**
     * @throws InvalidInputException naming the check when {@code range} is not a PromQL duration ({@code 1m}, {@code 90s})
     */
    public static void checkRange(String name, String range) {
        if (range != null && !DURATION.matcher(range).matches()) {
            throw new InvalidInputException(Text.of("verification.definition.badRange", name, range));
        }
    }

    /** @throws InvalidInputException naming the check when {@code minVolume} is negative or not finite */
    public static void checkMinVolume(String name, Double minVolume) {
        if (minVolume != null && !(minVolume >= 0 && Double.isFinite(minVolume))) {
            throw new InvalidInputException(Text.of("verification.definition.badMinVolume", name,
                    Double.isFinite(minVolume) ? Numbers.exact(minVolume) : String.valueOf(minVolume)));
        }
    }

    /** The query for one service: {@code {selector}} replaced by the matchers (without braces), {@code {range}} by the range. */
    public String render(String selector) {
        return render(query, selector);
    }

    /** The volume query for one service, or {@code null} when the check has no traffic guard. */
    public String renderVolume(String selector) {
        return volumeQuery == null ? null : render(volumeQuery, selector);
    }

    /** The presence query for one service, or {@code null} when the check has none. */
    public String renderPresence(String selector) {
        return presenceQuery == null ? null : render(presenceQuery, selector);
    }

    private String render(String template, String selector) {
        String rendered = template.replace(SELECTOR, selector == null ? "" : selector).replace(RANGE, range);
        return versionMetric == null ? rendered : rendered.replace(METRIC, versionMetric);
    }

    /** The consecutive failures that fail this check when the job does not say. */
    public int effectiveFailAfter() {
        return failAfter != null ? failAfter : critical ? 1 : 2;
    }

    public CheckDefinition withLimits(Double newLimit, Double newMaxChangePercent, Integer newFailAfter) {
        Builder b = toBuilder();
        b.limit = newLimit;
        b.maxChangePercent = newMaxChangePercent;
        b.failAfter = newFailAfter;
        return b.build();
    }

    /**
     * Builds a {@link CheckDefinition}. Required: a query and a direction, and at least one of {@link #limit} and
     * {@link #maxChangePercent}; {@link #build()} refuses what is missing or wrong with a message naming the check.
     */
    public static final class Builder {
        private final String name;
        private String description;
        private String query;
        private Direction direction;
        private Double limit;
        private Double maxChangePercent;
        private Integer failAfter;
        private boolean critical;
        private NoDataPolicy noData;
        private String unit;
        private String range;
        private String volumeQuery;
        private Double minVolume;
        private String presenceQuery;
        private String versionMetric;
        private String versionLabel;

        private Builder(String name) {
            this.name = name;
        }

        /** For people, e.g. {@code p99 latency}; the name when not set. */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** The PromQL template, with {@code {selector}} (and {@code {range}}) placeholders. */
        public Builder query(String template) {
            this.query = template;
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

        /** Consecutive failing samples that fail the check; not set: 2, or 1 for a critical check. */
        public Builder failAfter(int samples) {
            this.failAfter = samples;
            return this;
        }

        /** A critical check fails on its first failing sample unless {@link #failAfter} says otherwise. */
        public Builder critical() {
            return critical(true);
        }

        public Builder critical(boolean value) {
            this.critical = value;
            return this;
        }

        public Builder noData(NoDataPolicy policy) {
            this.noData = policy;
            return this;
        }

        /** For people, e.g. {@code s} or {@code B/s}. */
        public Builder unit(String text) {
            this.unit = text;
            return this;
        }

        /** What {@code {range}} stands for, e.g. {@code 1m}; not set: {@link #DEFAULT_RANGE}. */
        public Builder range(String duration) {
            this.range = duration;
            return this;
        }

        /** A ratio's traffic guard with {@link #DEFAULT_MIN_VOLUME}: a template counting the requests in the range. */
        public Builder volumeQuery(String template) {
            this.volumeQuery = template;
            return this;
        }

        /** Fewest requests in the range that make a ratio worth judging. */
        public Builder minVolume(double requests) {
            this.minVolume = requests;
            return this;
        }

        /** A template counting the raw series (no range): no series or 0 makes the sample NODATA, "series absent". */
        public Builder presenceQuery(String template) {
            this.presenceQuery = template;
            return this;
        }

        /** For a deployed-version check: the metric, one series per instance; see {@link #deployedVersion}. */
        public Builder versionMetric(String metric) {
            this.versionMetric = metric;
            return this;
        }

        /** Makes this a deployed-version check whose series hold the instance's version in {@code label}. */
        public Builder versionLabel(String label) {
            this.versionLabel = label;
            return this;
        }

        /** @throws InvalidInputException naming the check when the values do not make a valid check */
        public CheckDefinition build() {
            return new CheckDefinition(name, description, query, direction, limit, maxChangePercent, failAfter, critical,
                    noData, unit, range, volumeQuery, minVolume, presenceQuery, versionMetric, versionLabel);
        }
    }
}
