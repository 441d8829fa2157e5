package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A silence that Alertmanager accepted.
 *
 * @param id the ID Alertmanager returned; for an update it may differ from the ID sent, and it is the
 *     one to record (the old ID then names an expired silence)
 * @param endpoint the base URL of the Alertmanager instance that accepted it
 * @param passedOver why each instance tried before it did not answer (unreachable, a 5xx), for people; empty when the
 *     first one accepted it
 */
public record CreatedSilence(String id, URI endpoint, List<String> passedOver) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CreatedSilence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        passedOver = List.copyOf(passedOver);
        if (id.isBlank()) {
            throw new IllegalArgumentException("The silence ID is blank");
        }
    }

    /** Accepted by the first instance tried. */
    public CreatedSilence(String id, URI endpoint) {
        this(id, endpoint, List.of());
    }
}
