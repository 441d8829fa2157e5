package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One series of an instant query's result: its labels and its value, exactly as Prometheus returned
 * it. {@code NaN} and the infinities are kept; whether they count as "no data" is the caller's
 * decision.
 *
 * @param labels the series' labels (with {@code __name__} if Prometheus kept the metric name),
 *     sorted by name; empty for a scalar result
 * @param value the sample value
 */
public record Series(Map<String, String> labels, double value) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Series {
        labels = Labels.copyOf(labels);
    }

    /**
     * The series as a person reads it in a decision trail: {@code {instance="web1", job="api"}},
     * with the metric name in front if there is one ({@code up{job="api"}}), {@code {}} without labels.
     */
    public String describe() {
        return Labels.describe(labels);
    }

    /** Label helpers shared by {@link Series} and {@link RangeSeries}. */
    static final class Labels {
        static final String NAME = "__name__";

        private Labels() {}

        static SortedMap<String, String> copyOf(Map<String, String> labels) {
            Objects.requireNonNull(labels, "labels");
            SortedMap<String, String> copy = new TreeMap<>();
            labels.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "label name"),
                    Objects.requireNonNull(value, () -> "value of label " + name)));
            return Collections.unmodifiableSortedMap(copy);
        }

        static String describe(Map<String, String> labels) {
            StringBuilder b = new StringBuilder();
            String name = labels.get(NAME);
            if (name != null) {
                b.append(name);
            }
            b.append('{');
            String separator = "";
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (label.getKey().equals(NAME)) {
                    continue;
                }
                b.append(separator).append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
                separator = ", ";
            }
            return b.append('}').toString();
        }

        private static String escape(String value) {
            StringBuilder b = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '"' -> b.append("\\\"");
                    case '\n' -> b.append("\\n");
                    default -> b.append(c);
                }
            }
            return b.toString();
        }
    }
}
