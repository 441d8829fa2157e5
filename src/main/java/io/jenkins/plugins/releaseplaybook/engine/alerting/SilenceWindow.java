package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The life of a release's silences: approved by the policy, opened all together or not at all, closed with
 * retries, and bounded in time throughout, so that no crash can leave an endless silence (each has an end time
 * Alertmanager enforces on its own).
 *
 * <p>In an HA cluster a silence is expired first where it was created, then at the other instances, until one
 * expires it ({@link AlertmanagerPort#expire}); instances that did not know it are logged.
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
    private final Locale locale;

    /** A window that logs in English. */
    public SilenceWindow(AlertmanagerPort alertmanager, Clock clock, Sleeper sleeper, Consumer<String> log) {
        this(alertmanager, clock, sleeper, log, Locale.ROOT);
    }

    /** @param locale the language of the lines it logs */
    public SilenceWindow(AlertmanagerPort alertmanager, Clock clock, Sleeper sleeper, Consumer<String> log,
            Locale locale) {
        this.alertmanager = Objects.requireNonNull(alertmanager, "alertmanager");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.log = Objects.requireNonNull(log, "log");
        this.locale = Objects.requireNonNull(locale, "locale");
    }

    /**
     * Creates one silence per draft, starting now, once the policy approved them all: a refused draft reaches no
     * Alertmanager, and neither do the others. Each silence lasts the duration the policy gives its draft. If any
     * creation fails, expires those already created and throws.
     *
     * @param alreadyCreatedThisBuild how many silences the build created before (the policy caps the total)
     * @param origin who creates them, and the link added to each comment
     * @return the silences created, in the order of the drafts
     * @throws SilencePolicyException if the policy refuses any draft, naming every reason; nothing was created
     * @throws SilenceCreationException if Alertmanager refused or could not create one; those created before it
     *     were expired again, or are listed as left behind
     */
    public List<ActiveSilence> open(List<SilenceDraft> drafts, SilencePolicy policy, int alreadyCreatedThisBuild,
            SilenceOrigin origin) throws SilenceCreationException, InterruptedException {
        Objects.requireNonNull(drafts, "drafts");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(origin, "origin");
        List<Duration> durations = policy.check(drafts, alreadyCreatedThisBuild);
        List<ActiveSilence> created = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            SilenceDraft draft = drafts.get(i);
            Instant startsAt = clock.instant();
            Instant endsAt = startsAt.plus(durations.get(i));
            String comment = origin.comment(draft.comment());
            try {
                CreatedSilence silence = alertmanager.create(
                        SilenceRequest.create(draft.matchers(), startsAt, endsAt, origin.createdBy(), comment));
                created.add(new ActiveSilence(silence.id(), draft.matchers(), startsAt, endsAt, origin.createdBy(),
                        comment, silence.endpoint()));
                say(Text.of("alerting.window.silenced", draft.describe(), endsAt, Durations.format(durations.get(i)),
                        silence.id(), silence.endpoint()));
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
                Object[] args = {i + 1, drafts.size(), draft.describe(), e.text(), created.size(), leftBehind.size()};
                String key = created.isEmpty() ? "alerting.window.createFailed"
                        : leftBehind.isEmpty() ? "alerting.window.createFailedUndone" : "alerting.window.createFailedLeft";
                throw new SilenceCreationException(Text.of(key, args), e, leftBehind);
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
            Attempted attempted = expireWithRetries(silence);
            Expiry expiry = attempted.expiry();
            if (expiry != null) {
                if (!expiry.unaware().isEmpty()) {
                    say(Text.of("alerting.window.unaware", silence.id(), expiry.endpoint(), expiry.unaware().stream()
                            .map(URI::toString).collect(Collectors.joining(", "))));
                }
                say(suppressed.isEmpty() ? Text.of("alerting.window.expired", silence.id())
                        : Text.of(suppressed.size() == 1 ? "alerting.window.expiredOne" : "alerting.window.expiredMany",
                                silence.id(), suppressed.size(), String.join(", ", suppressed)));
                outcomes.add(new SilenceOutcome(silence, true, null, suppressed, expiry.endpoint(), expiry.unaware()));
            } else {
                say(Text.of("alerting.window.notExpired", silence.id(), attempted.problem(), silence.endsAt()));
                outcomes.add(new SilenceOutcome(silence, false, attempted.problem().english(), suppressed));
            }
        }
        return outcomes;
    }

    private void say(Text text) {
        log.accept(text.message(locale));
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
            say(Text.of("alerting.window.unlisted", silence.id(), e.text()));
            return List.of();
        }
    }

    /** Where the silence was expired, or the last reason it was not. */
    private record Attempted(Expiry expiry, Text problem) {}

    private Attempted expireWithRetries(ActiveSilence silence) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        Text problem = null;
        for (int attempt = 1; attempt <= EXPIRY_ATTEMPTS; attempt++) {
            try {
                return new Attempted(Objects.requireNonNull(alertmanager.expire(silence.id(), silence.endpoint()),
                        "expiry"), null);
            } catch (AlertmanagerException e) {
                if (e.kind() == AlertmanagerException.Kind.INTERRUPTED) {
                    throw new InterruptedException(e.getMessage());
                }
                problem = e.text();
                if (!e.isRetryable() || attempt == EXPIRY_ATTEMPTS) {
                    break;
                }
                say(Text.of("alerting.window.retrying", silence.id(), attempt, EXPIRY_ATTEMPTS, e.text(),
                        Durations.format(backoff)));
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        return new Attempted(null, problem);
    }
}
