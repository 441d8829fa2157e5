package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writing matchers and label values into messages, as Alertmanager writes them. */
final class AlertmanagerText {

    private AlertmanagerText() {}

    /** {@code {service="checkout", alertname=~"High.*"}}. */
    static String describe(List<Matcher> matchers) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < matchers.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(matchers.get(i));
        }
        return b.append('}').toString();
    }

    /** Appends the value in double quotes, escaping {@code \}, {@code "} and line feeds as a matcher does. */
    static void quote(StringBuilder b, String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        b.append('"');
    }

    /**
     * An alert by its labels: {@code HighLatency{instance="web1", service="checkout"}}, the
     * {@code alertname} first, the other labels sorted by name.
     */
    static String describeAlert(Map<String, String> labels) {
        StringBuilder b = new StringBuilder(labels.getOrDefault("alertname", "")).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            if (label.getKey().equals("alertname")) {
                continue;
            }
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append(label.getKey()).append('=');
            quote(b, label.getValue());
        }
        return b.append('}').toString();
    }
}
