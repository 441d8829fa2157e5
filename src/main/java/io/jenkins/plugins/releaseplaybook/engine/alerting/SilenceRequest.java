package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A silence to create, or to update when {@link #id()} is set ({@code POST /api/v2/silences}).
 *
 * <p>Only the shape is checked here; Alertmanager validates the rest (that the end is after the start
 * and not in the past, that regular expressions compile, that not every matcher matches the empty
 * string) and {@link AlertmanagerClient#create} reports its reason. A start in the past is moved to
 * "now" by Alertmanager.
 *
 * <p>A {@link SilenceWindow} makes these from {@link SilenceDraft}s; to call {@link AlertmanagerClient#create}
 * directly, name each part: {@code SilenceRequest.builder(matchers).startsAt(now).endsAt(now.plus(d))
 * .createdBy("release-bot").comment("checkout 1.4.2").build()}.
 *
 * @param matchers the label matchers, at least one
 * @param startsAt when the silence starts
 * @param endsAt when the silence ends; every silence has an end
 * @param createdBy who creates it (shown in Alertmanager's UI)
 * @param comment why (shown in Alertmanager's UI)
 * @param id the ID of the silence to update, or null to create a new one; Alertmanager may answer an
 *     update with a new ID (see {@link AlertmanagerClient#create})
 */
public record SilenceRequest(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
        String id) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SilenceRequest {
        Objects.requireNonNull(matchers, "matchers");
        matchers = List.copyOf(matchers); // rejects null elements
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("A silence needs at least one matcher");
        }
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt (every silence has an end)");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
        if (id != null && id.isBlank()) {
            throw new IllegalArgumentException("The ID of the silence to update is blank: use null to create a new silence");
        }
    }

    /** A builder of a request for these matchers; the start, the end and who creates it must be given. */
    public static Builder builder(List<Matcher> matchers) {
        return new Builder(matchers);
    }

    /** Names each part of a {@link SilenceRequest}; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final List<Matcher> matchers;
        private Instant startsAt;
        private Instant endsAt;
        private String createdBy;
        private String comment = "";
        private String id;

        private Builder(List<Matcher> matchers) {
            this.matchers = List.copyOf(matchers);
        }

        /** When the silence starts; a start in the past becomes "now" at Alertmanager. */
        public Builder startsAt(Instant start) {
            startsAt = start;
            return this;
        }

        /** When the silence ends; every silence has an end. */
        public Builder endsAt(Instant end) {
            endsAt = end;
            return this;
        }

        /** Who creates it, as Alertmanager's UI shows it. */
        public Builder createdBy(String who) {
            createdBy = who;
            return this;
        }

        /** Why, as Alertmanager's UI shows it; empty unless set. */
        public Builder comment(String why) {
            comment = why;
            return this;
        }

        /** Updates the silence {@code silenceId} instead of creating a new one. */
        public Builder updating(String silenceId) {
            id = silenceId;
            return this;
        }

        /** @throws NullPointerException naming a part that was not given */
        public SilenceRequest build() {
            return new SilenceRequest(matchers, startsAt, endsAt, createdBy, comment, id);
        }
    }

    /** The same silence as an update of the silence {@code silenceId}. */
    public SilenceRequest withId(String silenceId) {
        return new SilenceRequest(matchers, startsAt, endsAt, createdBy, comment, silenceId);
    }

    /** The same request with another end. */
    public SilenceRequest withEndsAt(Instant end) {
        return new SilenceRequest(matchers, startsAt, end, createdBy, comment, id);
    }

    /** The matchers as Alertmanager writes a silence's: {@code {service="checkout", alertname=~"High.*"}}. */
    public String describeMatchers() {
        return AlertmanagerText.describe(matchers);
    }
}
