package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The life of a release's silences: opened all together or not at all, closed with retries, and bounded
 * in time throughout, so that no crash can leave an endless silence (each has an end time Alertmanager
 * enforces on its own).
 */
public final class SilenceWindow {
    /** Expiry attempts before giving up on one silence, and the first pause between them (doubling). */
    public static final int EXPIRY_ATTEMPTS = 5;
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final AlertmanagerPort alertmanager;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> log;

    public SilenceWindow(AlertmanagerPort alertmanager, Clock clock, Sleeper sleeper, Consumer<String> log) {
        this.alertmanager = Objects.requireNonNull(alertmanager, "alertmanager");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Creates one silence per draft, starting now; if any creation fails, expires those already created and
     * throws. The policy must have approved the drafts and given their durations.
     */
    public List<ActiveSilence> open(List<SilenceDraft> drafts, List<Duration> durations, String createdBy)
            throws SilenceCreationException, InterruptedException {
        List<ActiveSilence> created = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            SilenceDraft draft = drafts.get(i);
            Instant startsAt = clock.instant();
            Instant endsAt = startsAt.plus(durations.get(i));
            try {
                CreatedSilence silence = alertmanager.create(
                        new SilenceRequest(draft.matchers(), startsAt, endsAt, createdBy, draft.comment(), null));
                ActiveSilence active = new ActiveSilence(silence.id(), draft.matchers(), startsAt, endsAt, createdBy,
                        draft.comment(), silence.endpoint());
                created.add(active);
                log.accept("silenced " + draft.describe() + " until " + endsAt + " (" + Durations.format(durations.get(i))
                        + "): silence " + silence.id() + " at " + silence.endpoint());
            } catch (AlertmanagerException e) {
                if (e.kind() == AlertmanagerException.Kind.INTERRUPTED) {
                    // Roll back before giving in to the interrupt: with the flag set, every request would fail at once.
                    Thread.interrupted();
                    try {
                        undo(created);
                    } finally {
                        Thread.currentThread().interrupt();
                    }
                    throw new InterruptedException(e.getMessage());
                }
                List<SilenceOutcome> leftBehind = undo(created);
                throw new SilenceCreationException("Could not create silence " + (i + 1) + " of " + drafts.size() + " "
                        + draft.describe() + ": " + e.getMessage() + (created.isEmpty() ? ""
                        : leftBehind.isEmpty() ? "; the " + created.size() + " created before it were expired again"
                        : "; " + leftBehind.size() + " created before it could not be expired and end on their own"),
                        e, leftBehind);
            }
        }
        return List.copyOf(created);
    }

    /**
     * Lists what each silence was suppressing, then expires it, retrying with backoff. A silence that cannot be
     * expired is reported with its end time; it ends on its own then.
     */
    public List<SilenceOutcome> close(List<ActiveSilence> silences) throws InterruptedException {
        List<SilenceOutcome> outcomes = new ArrayList<>();
        for (ActiveSilence silence : silences) {
            List<String> suppressed = suppressedBy(silence);
            String problem = expireWithRetries(silence);
            if (problem == null) {
                log.accept("expired silence " + silence.id() + (suppressed.isEmpty() ? ""
                        : "; it suppressed " + suppressed.size() + " alert" + (suppressed.size() == 1 ? "" : "s") + ": "
                        + String.join(", ", suppressed)));
            } else {
                log.accept("could not expire silence " + silence.id() + ": " + problem + "; it ends on its own at "
                        + silence.endsAt());
            }
            outcomes.add(new SilenceOutcome(silence, problem == null, problem, suppressed));
        }
        return outcomes;
    }

    private List<SilenceOutcome> undo(List<ActiveSilence> created) throws InterruptedException {
        List<SilenceOutcome> leftBehind = new ArrayList<>();
        for (SilenceOutcome outcome : close(created)) {
            if (!outcome.expired()) {
                leftBehind.add(outcome);
            }
        }
        return leftBehind;
    }

    private List<String> suppressedBy(ActiveSilence silence) throws InterruptedException {
        try {
            return alertmanager.alerts(silence.matchers(), true, true, true).stream()
                    .filter(alert -> alert.silencedBy().contains(silence.id()))
                    .map(AlertInfo::describe)
                    .toList();
        } catch (AlertmanagerException e) {
            if (e.kind() == AlertmanagerException.Kind.INTERRUPTED) {
                throw new InterruptedException(e.getMessage());
            }
            log.accept("could not list the alerts silence " + silence.id() + " suppressed: " + e.getMessage());
            return List.of();
        }
    }

    /** {@code null} when expired, else the last reason it was not. */
    private String expireWithRetries(ActiveSilence silence) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        String problem = null;
        for (int attempt = 1; attempt <= EXPIRY_ATTEMPTS; attempt++) {
            try {
                alertmanager.expire(silence.id());
                return null;
            } catch (AlertmanagerException e) {
                if (e.kind() == AlertmanagerException.Kind.INTERRUPTED) {
                    throw new InterruptedException(e.getMessage());
                }
                problem = e.getMessage();
                if (!e.isRetryable() || attempt == EXPIRY_ATTEMPTS) {
                    break;
                }
                log.accept("expiring silence " + silence.id() + " failed (attempt " + attempt + " of " + EXPIRY_ATTEMPTS
                        + "): " + e.getMessage() + "; retrying in " + Durations.format(backoff));
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        return problem;
    }
}
