package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The result of an instant query.
 *
 * @param query the PromQL expression as sent
 * @param series the series of the resulting instant vector in Prometheus' order; empty when nothing
 *     matched; a scalar result is one series without labels
 * @param warnings warnings Prometheus returned with the result (for example from a partial
 *     response of a federated setup), empty if none
 */
public record QueryResult(String query, List<Series> series, List<String> warnings) implements Serializable {

    private static final long serialVersionUID = 1L;

    public QueryResult {
        Objects.requireNonNull(query, "query");
        series = List.copyOf(series);
        warnings = List.copyOf(warnings);
    }

    /** Whether no series matched. */
    public boolean isEmpty() {
        return series.isEmpty();
    }
}
