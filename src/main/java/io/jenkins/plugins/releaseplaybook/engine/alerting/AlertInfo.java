package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An alert as Alertmanager reports it ({@code gettableAlert} of the v2 API).
 *
 * @param labels its labels, sorted by name
 * @param startsAt when it started firing
 * @param endsAt when it resolves unless Prometheus sends it again
 * @param state {@code active}, {@code suppressed} (silenced or inhibited) or {@code unprocessed}
 * @param silencedBy the IDs of the silences that silence it
 * @param fingerprint Alertmanager's fingerprint of its labels
 */
public record AlertInfo(Map<String, String> labels, Instant startsAt, Instant endsAt, State state,
        List<String> silencedBy, String fingerprint) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The {@code status.state} of an alert. */
    public enum State {
        /** Not yet processed by Alertmanager's pipeline. */
        UNPROCESSED("unprocessed"),
        /** Firing and notified. */
        ACTIVE("active"),
        /** Firing, but silenced or inhibited. */
        SUPPRESSED("suppressed");

        private final String apiName;

        State(String apiName) {
            this.apiName = apiName;
        }

        /** As the API writes it. */
        public String apiName() {
            return apiName;
        }

        /** The state named {@code apiName}, or null if there is none of that name. */
        static State ofApiName(String apiName) {
            for (State s : values()) {
                if (s.apiName.equals(apiName)) {
                    return s;
                }
            }
            return null;
        }
    }

    public AlertInfo {
        Objects.requireNonNull(labels, "labels");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(state, "state");
        silencedBy = List.copyOf(Objects.requireNonNull(silencedBy, "silencedBy"));
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The {@code alertname} label, or "" if it has none. */
    public String alertName() {
        return labels.getOrDefault("alertname", "");
    }

    /** Whether the silence {@code silenceId} silences it. */
    public boolean isSilencedBy(String silenceId) {
        return silencedBy.contains(silenceId);
    }

    /**
     * The alert for a person: its name, then its other labels sorted by name, values quoted and
     * escaped as in a matcher: {@code HighLatency{instance="web1", service="checkout"}}.
     */
    public String describe() {
        return AlertmanagerText.describeAlert(labels);
    }
}
