package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.util.Arrays;

/** Order statistics on small samples. */
final class Stats {
    private Stats() {}

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Linear interpolation between closest ranks (type 7, as R and NumPy default to). */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
