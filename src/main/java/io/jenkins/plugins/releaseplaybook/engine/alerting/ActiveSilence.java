package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A silence Alertmanager accepted for the release: all a later step (or a restarted controller) needs to
 * expire it, and nothing secret.
 *
 * @param id the ID Alertmanager returned last
 * @param endpoint the Alertmanager URL that accepted it; expiry asks it first
 */
public record ActiveSilence(
        String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
        URI endpoint)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ActiveSilence {
        matchers = List.copyOf(matchers);
    }

    public List<String> matcherTexts() {
        return matchers.stream().map(Matcher::toString).toList();
    }
}
