package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * An Alertmanager silence created for the release.
 *
 * @param id the silence ID Alertmanager returned last
 * @param previousIds IDs this silence had before an update replaced them
 * @param endpoint the Alertmanager URL that accepted the silence
 * @param suppressedAlerts alerts that fired while the silence was active (name and labels, for people)
 */
public record SilenceRecord(
        String id,
        List<String> previousIds,
        List<String> matchers,
        Instant startsAt,
        Instant endsAt,
        String createdBy,
        String comment,
        String endpoint,
        SilenceState state,
        List<String> suppressedAlerts)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SilenceRecord {
        id = Bounds.requiredName(id, "id");
        previousIds = Bounds.texts(previousIds, "previousIds", Bounds.NAME);
        // Kept as Alertmanager reads them (they are parsed back to expire the silence); the page drops user-info.
        matchers = Bounds.exactTexts(matchers, "matchers", Bounds.TEXT);
        createdBy = Bounds.name(createdBy);
        comment = Bounds.text(comment);
        endpoint = Bounds.name(endpoint);
        suppressedAlerts = Bounds.texts(suppressedAlerts, "suppressedAlerts", Bounds.TEXT);
        state = state == null ? SilenceState.ACTIVE : state;
    }

    /** Life cycle of a silence as far as the release is concerned. */
    public enum SilenceState {
        ACTIVE,
        EXPIRED,
        /** Expiry failed after retries; the silence still ends on its own at {@code endsAt}. */
        EXPIRY_FAILED
    }
}
