package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link SilenceWindow#open} created: the silences, to {@link SilenceWindow#close close} later (keep them; they
 * are serializable and hold no secret), and why any instance of the cluster was passed over.
 *
 * @param silences the silences created, in the order of the drafts
 * @param passedOver why each Alertmanager instance that was tried and did not answer was passed over (unreachable, a
 *     5xx), once each; empty when the first instance tried created every silence
 */
public record OpenedSilences(List<ActiveSilence> silences, List<String> passedOver) implements Serializable {
    private static final long serialVersionUID = 1L;

    public OpenedSilences {
        silences = List.copyOf(silences);
        passedOver = List.copyOf(passedOver);
    }

    /**
     * What happened, in English: {@code 2 silences active until 2026-05-01T12:45:00Z at http://am2:9093
     * (http://am1:9093/api/v2/silences is unreachable: connection refused; ...)}.
     */
    public String summary() {
        return summaryText().english();
    }

    /** {@link #summary()} in {@code locale}'s language. */
    public String summary(Locale locale) {
        return summaryText().message(locale);
    }

    /** {@link #summary()} as a keyed text, to put into another. */
    public Text summaryText() {
        if (silences.isEmpty()) {
            return Text.of("alerting.opened.none");
        }
        Instant until = silences.stream().map(ActiveSilence::endsAt).max(Comparator.naturalOrder()).orElseThrow()
                .truncatedTo(ChronoUnit.SECONDS);
        Set<URI> endpoints = new LinkedHashSet<>();
        for (ActiveSilence silence : silences) {
            endpoints.add(silence.endpoint());
        }
        String at = endpoints.stream().map(URI::toString).collect(Collectors.joining(", "));
        Text text = silences.size() == 1 ? Text.of("alerting.opened.one", until, at)
                : Text.of("alerting.opened.many", silences.size(), until, at);
        return passedOver.isEmpty() ? text : Text.of("alerting.opened.passedOver", text, String.join("; ", passedOver));
    }
}
