package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The result of a range query.
 *
 * @param query the PromQL expression as sent
 * @param series the series of the resulting matrix in Prometheus' order; empty when nothing matched
 * @param warnings warnings Prometheus returned with the result, empty if none
 */
public record RangeResult(String query, List<RangeSeries> series, List<String> warnings) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RangeResult {
        Objects.requireNonNull(query, "query");
        series = List.copyOf(series);
        warnings = List.copyOf(warnings);
    }

    /** Whether no series matched. */
    public boolean isEmpty() {
        return series.isEmpty();
    }
}
