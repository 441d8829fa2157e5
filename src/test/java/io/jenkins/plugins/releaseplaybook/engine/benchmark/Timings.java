package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Durations of one measured thing over the repetitions of a benchmark, and their order statistics in milliseconds. */
final class Timings {
    private final String key;
    private final String what;
    private final String contains;
    private final List<Long> nanos = new ArrayList<>();

    Timings(String key, String what, String contains) {
        this.key = key;
        this.what = what;
        this.contains = contains;
    }

    void add(long durationNanos) {
        nanos.add(durationNanos);
    }

    String key() {
        return key;
    }

    String what() {
        return what;
    }

    String contains() {
        return contains;
    }

    int count() {
        return nanos.size();
    }

    double min() {
        return percentile(0);
    }

    double median() {
        return percentile(50);
    }

    double p10() {
        return percentile(10);
    }

    double p90() {
        return percentile(90);
    }

    double max() {
        return percentile(100);
    }

    /** Interquartile range, in milliseconds. */
    double iqr() {
        return percentile(75) - percentile(25);
    }

    /** The {@code p}-th percentile in milliseconds, interpolating linearly between order statistics. */
    double percentile(double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double rank = p / 100 * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        double value = sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
        return value / 1e6;
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }
}
