package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A silence as Alertmanager reports it ({@code gettableSilence} of the v2 API).
 *
 * @param id its ID
 * @param matchers its label matchers
 * @param startsAt when it starts (Alertmanager moves a start in the past to the time it was created)
 * @param endsAt when it ends (expiring a silence sets this to the time of expiry)
 * @param createdBy who created it
 * @param comment why
 * @param state whether it is active, pending or expired, as Alertmanager computed it when answering
 */
public record SilenceInfo(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment, State state) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The {@code status.state} of a silence. */
    public enum State {
        /** It silences matching alerts now. */
        ACTIVE("active"),
        /** It starts in the future. */
        PENDING("pending"),
        /** It ended or was expired. */
        EXPIRED("expired");

        private final String apiName;

        State(String apiName) {
            this.apiName = apiName;
        }

        /** As the API writes it: {@code active}, {@code pending} or {@code expired}. */
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

    public SilenceInfo {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(Objects.requireNonNull(matchers, "matchers"));
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(state, "state");
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    public boolean isExpired() {
        return state == State.EXPIRED;
    }

    /** The matchers as {@code {service="checkout", alertname=~"High.*"}}. */
    public String describeMatchers() {
        return AlertmanagerText.describe(matchers);
    }
}
