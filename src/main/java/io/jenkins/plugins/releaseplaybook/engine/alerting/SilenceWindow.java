package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The life of a release's silences: approved by the policy, opened all together or not at all, closed with
 * retries, and bounded in time throughout, so that no crash can leave an endless silence (each has an end time
 * Alertmanager enforces on its own).
 *
 * <p>The call order, from plain Java (docs/engine.md has it as running code): an {@link AlertmanagerClient} over the
 * instances of one cluster; a {@link SilencePolicy} ({@link SilencePolicy#builder()}); a window
 * ({@link #builder(AlertmanagerPort)}); {@link #open} with one list of {@link SilenceDraft}s; the release; then
 * {@link #close} with {@link OpenedSilences#silences()}, in a {@code finally}. Both results have a {@code summary()}
 * that says what happened and why; every refusal and failure is an {@link AlertingException} with its kind.
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

    private SilenceWindow(Builder builder) {
        this.alertmanager = builder.alertmanager;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.log = builder.log;
        this.locale = builder.locale;
    }

    /**
     * A builder of a window over these Alertmanager instances (an {@link AlertmanagerClient} with the HA list of URLs,
     * or a fake); by default on the system clock, logging nothing, in English.
     */
    public static Builder builder(AlertmanagerPort alertmanager) {
        return new Builder(alertmanager);
    }

    /** Names the optional parts of a {@link SilenceWindow}. Not thread-safe. */
    public static final class Builder {
        private final AlertmanagerPort alertmanager;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Consumer<String> log = line -> {};
        private Locale locale = Locale.ROOT;

        private Builder(AlertmanagerPort alertmanager) {
            this.alertmanager = Objects.requireNonNull(alertmanager, "alertmanager");
        }

        /** The time silences start at (a test's manual clock). */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How the window waits between expiry attempts (a test's manual sleeper). */
        public Builder sleeper(Sleeper value) {
            sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Where the window says what it creates, expires and retries, one line each (a build log). */
        public Builder log(Consumer<String> value) {
            log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** The language of the lines logged; English ({@link Locale#ROOT}) by default. */
        public Builder locale(Locale value) {
            locale = Objects.requireNonNull(value, "locale");
            return this;
        }

        public SilenceWindow build() {
            return new SilenceWindow(this);
        }
    }

    /**
     * Creates one silence per draft, starting now, once the policy approved them all: a refused draft reaches no
     * Alertmanager, and neither do the others. Each silence lasts the duration the policy gives its draft. If any
     * creation fails, expires those already created and throws.
     *
     * @param drafts the silences to create, in order
     * @param policy what the admin allows; checked here, so a caller cannot create silences around it
     * @param origin who creates them, the link added to each comment, and how many silences it created before (the
     *     policy caps the total)
     * @return the silences created, in the order of the drafts, and a {@link OpenedSilences#summary() summary}
     * @throws AlertingException {@link AlertingException.Kind#POLICY_REFUSED} naming every reason, nothing created;
     *     {@link AlertingException.Kind#CREATION_INCOMPLETE} if Alertmanager refused or could not create one (its
     *     cause says why), those created before it expired again or {@linkplain AlertingException#leftBehind() left
     *     behind}
     * @throws InterruptedException if interrupted; silences created before were expired again first
     */
    public OpenedSilences open(List<SilenceDraft> drafts, SilencePolicy policy, SilenceOrigin origin)
            throws AlertingException, InterruptedException {
        Objects.requireNonNull(drafts, "drafts");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(origin, "origin");
        List<Duration> durations = policy.check(drafts, origin.createdBefore());
        List<ActiveSilence> created = new ArrayList<>();
        Set<String> passedOver = new LinkedHashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            SilenceDraft draft = drafts.get(i);
            Instant startsAt = clock.instant();
            Instant endsAt = startsAt.plus(durations.get(i));
            String comment = origin.comment(draft.comment());
            try {
                CreatedSilence silence = alertmanager.create(SilenceRequest.builder(draft.matchers())
                        .startsAt(startsAt).endsAt(endsAt).createdBy(origin.createdBy()).comment(comment).build());
                created.add(new ActiveSilence(silence.id(), draft.matchers(), startsAt, endsAt, origin.createdBy(),
                        comment, silence.endpoint()));
                passedOver.addAll(silence.passedOver());
                say(Text.of("alerting.window.silenced", draft.describe(), endsAt, Durations.format(durations.get(i)),
                        silence.id(), silence.endpoint()));
            } catch (AlertingException e) {
                if (e.kind() == AlertingException.Kind.INTERRUPTED) {
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
                throw AlertingException.creationIncomplete(Text.of(key, args), e, leftBehind);
            }
        }
        return new OpenedSilences(created, List.copyOf(passedOver));
    }

    /**
     * Lists what each silence was suppressing, then expires it, retrying with backoff. A silence that cannot be
     * expired is reported with its end time; it ends on its own then.
     */
    public ClosedSilences close(List<ActiveSilence> silences) throws InterruptedException {
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
        return new ClosedSilences(outcomes);
    }

    private void say(Text text) {
        log.accept(text.message(locale));
    }

    private List<SilenceOutcome> undo(List<ActiveSilence> created) throws InterruptedException {
        List<SilenceOutcome> leftBehind = new ArrayList<>();
        for (SilenceOutcome outcome : close(created).outcomes()) {
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
        } catch (AlertingException e) {
            if (e.kind() == AlertingException.Kind.INTERRUPTED) {
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
            } catch (AlertingException e) {
                if (e.kind() == AlertingException.Kind.INTERRUPTED) {
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
