package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One series of a range query's result.
 *
 * @param labels the series' labels, sorted by name (as in {@link Series#labels()})
 * @param values the points in time order as Prometheus returned them; Prometheus leaves out the
 *     steps at which the series had no sample, so the list can have gaps and can be empty
 */
public record RangeSeries(Map<String, String> labels, List<TimedValue> values) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RangeSeries {
        labels = Series.Labels.copyOf(labels);
        values = List.copyOf(values);
    }

    /** The labels as in {@link Series#describe()}. */
    public String describe() {
        return Series.Labels.describe(labels);
    }
}
