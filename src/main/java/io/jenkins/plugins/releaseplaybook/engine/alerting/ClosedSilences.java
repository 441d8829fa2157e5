package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link SilenceWindow#close} did with each silence.
 *
 * @param outcomes one per silence, in the order given
 */
public record ClosedSilences(List<SilenceOutcome> outcomes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ClosedSilences {
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every silence was expired. */
    public boolean allExpired() {
        return outcomes.stream().allMatch(SilenceOutcome::expired);
    }

    /** The silences that could not be expired (they end on their own at their end time). */
    public List<SilenceOutcome> notExpired() {
        return outcomes.stream().filter(o -> !o.expired()).toList();
    }

    /**
     * What happened, in English: {@code 2 silences expired at http://am1:9093; they suppressed 1 alert:
     * HighLatency{service="checkout"}}, and for each silence that could not be expired, why and when it ends.
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
        if (outcomes.isEmpty()) {
            return Text.of("alerting.closed.none");
        }
        Set<URI> endpoints = new LinkedHashSet<>();
        Set<String> suppressed = new LinkedHashSet<>();
        List<Text> failures = new ArrayList<>();
        int expired = 0;
        for (SilenceOutcome outcome : outcomes) {
            suppressed.addAll(outcome.suppressedAlerts());
            if (outcome.expired()) {
                expired++;
                if (outcome.expiredAt() != null) {
                    endpoints.add(outcome.expiredAt());
                }
            } else {
                failures.add(Text.of("alerting.closed.failure", outcome.silence().id(), outcome.problem(),
                        outcome.silence().endsAt().truncatedTo(ChronoUnit.SECONDS)));
            }
        }
        String at = endpoints.stream().map(URI::toString).collect(Collectors.joining(", "));
        Text text = null;
        if (expired == 0 && outcomes.size() > 1) {
            text = Text.of("alerting.closed.noneExpired", outcomes.size());
        } else if (expired > 0 && endpoints.isEmpty()) {
            text = Text.of(expired == 1 ? "alerting.closed.one" : "alerting.closed.many", expired);
        } else if (expired > 0) {
            text = Text.of(expired == 1 ? "alerting.closed.oneAt" : "alerting.closed.manyAt", expired, at);
        }
        for (Text failure : failures) {
            text = text == null ? failure : Text.of("alerting.closed.and", text, failure);
        }
        if (!suppressed.isEmpty()) {
            text = Text.of(suppressed.size() == 1 ? "alerting.closed.suppressedOne" : "alerting.closed.suppressedMany",
                    text, suppressed.size(), String.join(", ", suppressed));
        }
        return text;
    }
}
