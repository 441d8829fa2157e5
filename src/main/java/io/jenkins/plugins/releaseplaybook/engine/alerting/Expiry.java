package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where a silence was expired ({@link AlertmanagerPort#expire}).
 *
 * @param endpoint the base URL of the instance that expired it (or had expired it already); in an HA cluster the
 *     others learn it by gossip
 * @param unaware the base URLs of the instances asked before it that did not know the silence (down when it was
 *     created, not synced yet, or in another cluster)
 * @param unavailable why each other instance asked before it did not expire it (unreachable, an error), for people
 */
public record Expiry(URI endpoint, List<URI> unaware, List<String> unavailable) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Expiry {
        Objects.requireNonNull(endpoint, "endpoint");
        unaware = List.copyOf(unaware);
        unavailable = List.copyOf(unavailable);
    }

    /** Expired at the first instance asked. */
    public static Expiry at(URI endpoint) {
        return new Expiry(endpoint, List.of(), List.of());
    }
}
