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
        String unit)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SELECTOR = "{selector}";
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
    }

    /** The query for one service: {@code {selector}} replaced by the matchers (without braces). */
    public String render(String selector) {
        return query.replace(SELECTOR, selector == null ? "" : selector);
    }

    /** The consecutive failures that fail this check when the job does not say. */
    public int effectiveFailAfter() {
        return failAfter != null ? failAfter : critical ? 1 : 2;
    }

    public CheckDefinition withLimits(Double newLimit, Double newMaxChangePercent, Integer newFailAfter) {
        return new CheckDefinition(name, description, query, direction, newLimit, newMaxChangePercent, newFailAfter,
                critical, noData, unit);
    }
}
