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

    /** A request that creates a new silence. */
    public static SilenceRequest create(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
            String comment) {
        return new SilenceRequest(matchers, startsAt, endsAt, createdBy, comment, null);
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
