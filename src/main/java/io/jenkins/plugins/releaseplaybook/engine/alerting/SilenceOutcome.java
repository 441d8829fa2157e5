package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.net.URI;
import java.util.List;

/**
 * What became of one silence when the window closed.
 *
 * @param expired whether Alertmanager confirmed the expiry
 * @param problem why it could not be expired (it still ends on its own at {@code silence.endsAt()}), else null
 * @param suppressedAlerts the alerts it was silencing when the window closed, for people
 * @param expiredAt the Alertmanager instance that expired it, or {@code null} if none did
 * @param unaware the instances asked before that did not know the silence (an HA peer that was down when it was
 *     created, or had not synced it yet)
 */
public record SilenceOutcome(ActiveSilence silence, boolean expired, String problem, List<String> suppressedAlerts,
        URI expiredAt, List<URI> unaware) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SilenceOutcome {
        suppressedAlerts = List.copyOf(suppressedAlerts);
        unaware = List.copyOf(unaware);
    }

    /** An outcome without the instances' view: where it was expired is not known. */
    public SilenceOutcome(ActiveSilence silence, boolean expired, String problem, List<String> suppressedAlerts) {
        this(silence, expired, problem, suppressedAlerts, null, List.of());
    }
}
