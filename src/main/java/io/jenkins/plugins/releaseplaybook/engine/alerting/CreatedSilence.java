package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * A silence that Alertmanager accepted.
 *
 * @param id the ID Alertmanager returned; for an update it may differ from the ID sent, and it is the
 *     one to record (the old ID then names an expired silence)
 * @param endpoint the base URL of the Alertmanager instance that accepted it
 */
public record CreatedSilence(String id, URI endpoint) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CreatedSilence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        if (id.isBlank()) {
            throw new IllegalArgumentException("The silence ID is blank");
        }
    }
}
