package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.util.List;

/**
 * What became of one silence when the window closed.
 *
 * @param expired whether Alertmanager confirmed the expiry
 * @param problem why it could not be expired (it still ends on its own at {@code silence.endsAt()}), else null
 * @param suppressedAlerts the alerts it was silencing when the window closed, for people
 */
public record SilenceOutcome(ActiveSilence silence, boolean expired, String problem, List<String> suppressedAlerts)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SilenceOutcome {
        suppressedAlerts = List.copyOf(suppressedAlerts);
    }
}
