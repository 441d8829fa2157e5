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
        Double minVolume)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SELECTOR = "{selector}";
    public static final String RANGE = "{range}";
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

    /** A check without a range of its own ({@link #DEFAULT_RANGE}) and without a traffic guard. */
    public CheckDefinition(String name, String description, String query, Direction direction, Double limit,
            Double maxChangePercent, Integer failAfter, boolean critical, NoDataPolicy noData, String unit) {
        this(name, description, query, direction, limit, maxChangePercent, failAfter, critical, noData, unit, null, null,
                null);
    }

    /** The query for one service: {@code {selector}} replaced by the matchers (without braces), {@code {range}} by the range. */
    public String render(String selector) {
        return render(query, selector);
    }

    /** The volume query for one service, or {@code null} when the check has no traffic guard. */
    public String renderVolume(String selector) {
        return volumeQuery == null ? null : render(volumeQuery, selector);
    }

    private String render(String template, String selector) {
        return template.replace(SELECTOR, selector == null ? "" : selector).replace(RANGE, range);
    }

    /** The consecutive failures that fail this check when the job does not say. */
    public int effectiveFailAfter() {
        return failAfter != null ? failAfter : critical ? 1 : 2;
    }

    public CheckDefinition withLimits(Double newLimit, Double newMaxChangePercent, Integer newFailAfter) {
        return new CheckDefinition(name, description, query, direction, newLimit, newMaxChangePercent, newFailAfter,
                critical, noData, unit, range, volumeQuery, minVolume);
    }
}
