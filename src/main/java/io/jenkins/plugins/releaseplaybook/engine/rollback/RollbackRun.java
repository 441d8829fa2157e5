package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import io.jenkins.plugins.releaseplaybook.engine.verification.QueryPort;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingState;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSession;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs the rollback phases of a {@link RollbackState}: the actions in the declared order through the
 * {@link RollbackActions} port, then the re-verification, saving the state through {@link Checkpoint} before and after
 * every action and after every verification round. Blocks the calling thread (never the Pipeline's CPS thread);
 * an interrupt (an abort) stops it cleanly with what was done recorded. Make one with {@link #builder}:
 * <pre>{@code
 * RollbackState done = RollbackRun.builder(actions).prometheus(client).checkpoint(store::save).build()
 *         .execute(state.bodyFailed(failure, clock.instant(), lastVerification));
 * }</pre>
 *
 * <p>The caller saves the state {@link RollbackState#bodyFailed} returned before it calls {@link #execute}: from then on
 * the run saves every change itself. After a controller restart, {@link #resume} goes on from the saved state: an action that was running is recorded
 * as {@link ActionStatus#INTERRUPTED} and not run again (see there why), a re-verification records the gap (as
 * {@link VerificationSession#resume} does) and goes on.
 */
public final class RollbackRun {
    /**
     * Where the run saves its state after every change; the step writes it where a restart finds it. A save that fails
     * is logged and the rollback goes on: putting the service back matters more than the record of it.
     */
    @FunctionalInterface
    public interface Checkpoint {
        Checkpoint NONE = state -> {};

        void save(RollbackState state) throws IOException;
    }

    private final RollbackActions actions;
    private final QueryPort prometheus;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;
    private final Checkpoint checkpoint;

    private RollbackRun(Builder builder) {
        this.actions = builder.actions;
        this.prometheus = builder.prometheus;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.progress = builder.progress;
        this.checkpoint = builder.checkpoint;
    }

    /** A run doing its work through {@code actions}; system clock and sleeper, no log, no checkpoint unless told. */
    public static Builder builder(RollbackActions actions) {
        return new Builder(actions);
    }

    /**
     * Runs the rollback of a state in {@link RollbackState.Phase#ROLLING_BACK} (or {@code REVERIFYING}) to its end.
     * Any other state is returned as it is.
     *
     * @return the state in {@link RollbackState.Phase#DONE}; when the thread was interrupted, with
     *     {@link RollbackState#aborted()} and the thread's interrupt flag set again
     */
    public RollbackState execute(RollbackState state) {
        return run(state, false);
    }

    /** Goes on after a controller restart from the state saved last. */
    public RollbackState resume(RollbackState state) {
        return run(state, true);
    }

    private RollbackState run(RollbackState state, boolean afterRestart) {
        if (state.phase() != RollbackState.Phase.ROLLING_BACK && state.phase() != RollbackState.Phase.REVERIFYING) {
            return state;
        }
        RollbackState current = state;
        if (current.phase() == RollbackState.Phase.ROLLING_BACK) {
            if (current.running() != null) {
                // Only a restart leaves an action marked running: this run marks and ends each action itself.
                RollbackState.Running was = current.running();
                current = save(current.ended(new ActionOutcome(was.index(), current.plan().actions().get(was.index()),
                        ActionStatus.INTERRUPTED, was.start(), clock.instant(),
                        Text.of("rollback.action.interrupted").english())));
                log(Text.of("rollback.log.interrupted", current.plan().actions().get(was.index()).describe()));
            }
            current = runActions(current);
            if (current.isDone()) {
                return current;
            }
            afterRestart = false;
        }
        return reverify(current, afterRestart);
    }

    private RollbackState runActions(RollbackState state) {
        RollbackState current = state;
        int total = current.plan().actions().size();
        for (int i = current.outcomes().size(); i < total; i++) {
            RollbackAction action = current.plan().actions().get(i);
            if (current.plan().stopOnError() && failedSoFar(current)) {
                current = save(current.ended(new ActionOutcome(i, action, ActionStatus.NOT_RUN, clock.instant(),
                        clock.instant(), Text.of("rollback.action.stopOnError").english())));
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                return aborted(current, i, null);
            }
            Instant start = clock.instant();
            current = save(current.starting(i, start));
            log(Text.of("rollback.log.starting", i + 1, total, action.describe()));
            ActionResult result;
            try {
                result = call(action);
            } catch (InterruptedException e) {
                return aborted(current, i, start);
            } catch (RollbackException | RuntimeException e) {
                result = ActionResult.failed(e instanceof Localizable l ? l.message(Locale.ROOT) : String.valueOf(e));
            }
            ActionOutcome outcome = new ActionOutcome(i, action,
                    result.succeeded() ? ActionStatus.SUCCESS : ActionStatus.FAILED, start, clock.instant(),
                    result.message());
            current = save(current.ended(outcome));
            log(outcome.describe());
        }
        boolean stopped = current.plan().stopOnError() && failedSoFar(current);
        if (current.sampling() == null || stopped) {
            Reverification skipped = !current.plan().verify() ? null
                    : new Reverification(Reverification.Status.SKIPPED, null, null, null,
                            Text.of(stopped ? "rollback.reverify.stopped" : "rollback.reverify.nothing").english());
            return save(current.actionsOver(false).done(skipped, clock.instant(), false));
        }
        return save(current.actionsOver(true));
    }

    private ActionResult call(RollbackAction action) throws InterruptedException, RollbackException {
        ActionResult result = switch (action.kind()) {
            case RESTORE_BACKUP -> actions.restoreBackup(action.target());
            case COMMAND -> actions.command(action.target());
            case JOB -> actions.job(action.target(), action.parameters());
        };
        return Objects.requireNonNullElseGet(result, () -> ActionResult.failed("no result"));
    }

    private RollbackState reverify(RollbackState state, boolean afterRestart) {
        RollbackState current = state;
        Instant start = clock.instant();
        if (prometheus == null) {
            return save(current.done(new Reverification(Reverification.Status.FAILED, null, start, start,
                    Text.of("rollback.reverify.noPrometheus").english()), start, false));
        }
        try (VerificationSession session = new VerificationSession(prometheus, clock, progress)) {
            SamplingState sampling = current.sampling();
            if (afterRestart) {
                sampling = session.resume(sampling);
            }
            try {
                if (!sampling.baselinesCaptured()) {
                    sampling = session.captureBaselines(sampling);
                    current = save(current.sampled(sampling));
                }
                start = sampling.start();
                while (!sampling.isOver()) {
                    Duration wait = Duration.between(clock.instant(), sampling.nextRoundAt());
                    if (!wait.isNegative() && !wait.isZero()) {
                        sleeper.sleep(wait);
                    }
                    sampling = session.round(sampling);
                    current = save(current.sampled(sampling));
                }
            } catch (InterruptedException e) {
                VerificationResult partial = session.concludeStopped(sampling);
                Thread.currentThread().interrupt();
                return save(current.done(new Reverification(Reverification.Status.ABORTED, null, start, clock.instant(),
                        partial.summary()), clock.instant(), true));
            }
            VerificationResult result = session.conclude(sampling);
            Reverification outcome = new Reverification(result.verdict() == Verdict.PASS ? Reverification.Status.PASSED
                    : Reverification.Status.FAILED, result.verdict(), start, result.end(), result.summary());
            return save(current.done(outcome, clock.instant(), false));
        }
    }

    /** Stops at action {@code index}: aborted if it had started, not run otherwise, like every later one. */
    private RollbackState aborted(RollbackState state, int index, Instant startedAt) {
        Thread.currentThread().interrupt();
        RollbackState current = state;
        Instant now = clock.instant();
        for (int i = index; i < current.plan().actions().size(); i++) {
            RollbackAction action = current.plan().actions().get(i);
            boolean wasRunning = i == index && startedAt != null;
            current = current.ended(new ActionOutcome(i, action, wasRunning ? ActionStatus.ABORTED : ActionStatus.NOT_RUN,
                    wasRunning ? startedAt : now, now, Text.of("rollback.action.aborted").english()));
        }
        Reverification skipped = current.plan().verify()
                ? new Reverification(Reverification.Status.ABORTED, null, null, null,
                        Text.of("rollback.action.aborted").english())
                : null;
        RollbackState done = save(current.actionsOver(false).done(skipped, now, true));
        log(Text.of("rollback.log.aborted"));
        return done;
    }

    private static boolean failedSoFar(RollbackState state) {
        return state.outcomes().stream().anyMatch(o -> o.status() != ActionStatus.SUCCESS);
    }

    private RollbackState save(RollbackState state) {
        try {
            checkpoint.save(state);
        } catch (IOException | RuntimeException e) {
            log(Text.of("rollback.log.saveFailed", String.valueOf(e.getMessage())));
        }
        return state;
    }

    private void log(Text line) {
        progress.accept(line.english());
    }

    /** Builds a {@link RollbackRun}. */
    public static final class Builder {
        private final RollbackActions actions;
        private QueryPort prometheus;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Consumer<String> progress = line -> {};
        private Checkpoint checkpoint = Checkpoint.NONE;

        private Builder(RollbackActions actions) {
            this.actions = Objects.requireNonNull(actions, "actions");
        }

        /** Where the re-verification queries; required when the plan re-verifies. */
        public Builder prometheus(QueryPort value) {
            this.prometheus = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** One line per action and per verification round, in English, for the build log. */
        public Builder progress(Consumer<String> value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        public Builder checkpoint(Checkpoint value) {
            this.checkpoint = Objects.requireNonNull(value, "checkpoint");
            return this;
        }

        public RollbackRun build() {
            return new RollbackRun(this);
        }
    }
}
