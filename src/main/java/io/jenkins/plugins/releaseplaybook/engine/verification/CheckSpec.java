package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;

/**
 * A check as one verification runs it: the query rendered for the service and the effective limits
 * (the admin's, as tightened by the job). See {@link EffectiveThresholds}.
 *
 * @param maxErrors consecutive failed queries that make the check ERROR
 * @param adjustments how the job changed the catalogue's limits, for the report; empty if it did not
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
        String adjustments)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CheckSpec {
        if (failAfter < 1 || maxErrors < 1) {
            throw new IllegalArgumentException("failAfter and maxErrors must be 1 or more");
        }
        adjustments = adjustments == null ? "" : adjustments;
    }

    /** The effective thresholds in words, e.g. {@code <= 1 s, at most 50% above baseline, 2 consecutive}. */
    public String thresholdText() {
        StringBuilder text = new StringBuilder();
        if (limit != null) {
            text.append(direction.passingOperator()).append(' ').append(Numbers.withUnit(limit, unit));
        }
        if (maxChangePercent != null) {
            text.append(text.length() > 0 ? ", " : "").append("at most ").append(Numbers.format(maxChangePercent))
                    .append("% ").append(direction.worseWord()).append(" baseline");
        }
        text.append("; fails after ").append(failAfter).append(failAfter == 1 ? " failing sample" : " consecutive failing samples");
        return text.toString();
    }
}
