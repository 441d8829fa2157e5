package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;
import java.time.Instant;

/**
 * A check's values over the window before the release, or why there are none.
 *
 * @param values finite values, oldest first; empty when {@code problem} says why
 * @param problem {@code null} when values were found, else what went wrong, for the report
 */
public record Baseline(Instant from, Instant to, double[] values, String problem) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static Baseline of(Instant from, Instant to, double[] values) {
        return values.length == 0 ? missing(from, to, "no data in the baseline window")
                : new Baseline(from, to, values.clone(), null);
    }

    public static Baseline missing(Instant from, Instant to, String problem) {
        return new Baseline(from, to, new double[0], problem);
    }

    public boolean hasData() {
        return values.length > 0;
    }

    public double median() {
        return Stats.median(values);
    }

    public double lowerQuartile() {
        return Stats.quantile(values, 0.25);
    }

    public double upperQuartile() {
        return Stats.quantile(values, 0.75);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline other && java.util.Objects.equals(from, other.from)
                && java.util.Objects.equals(to, other.to) && java.util.Arrays.equals(values, other.values)
                && java.util.Objects.equals(problem, other.problem);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(from, to, java.util.Arrays.hashCode(values), problem);
    }

    @Override
    public String toString() {
        return "Baseline[" + from + ".." + to + ", " + values.length + " values" + (problem == null ? "" : ", " + problem) + "]";
    }
}
