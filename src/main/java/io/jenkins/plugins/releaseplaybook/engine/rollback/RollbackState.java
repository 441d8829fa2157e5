package io.jenkins.plugins.releaseplaybook.engine.rollback;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingState;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one {@code autoRollback} stands: an immutable value, small and {@link Serializable} (and JSON, see
 * {@link RollbackStateJson}), so that the step can save it after every change and go on after a controller restart
 * at any point. The body's events move it with {@link #begin}, {@link #noteFailure}, {@link #bodySucceeded} and
 * {@link #bodyFailed}; {@link RollbackRun} runs the rollback and re-verification phases; {@link #result()} is the
 * outcome once {@link #isDone()}.
 *
 * @param drill whether the build is a drill ({@code releasePlan(drill: true)})
 * @param bodyStart when the body began: the release start
 * @param failures the failures seen while the body ran, oldest first (verifications noted before the body ended, then
 *     the body's own failure)
 * @param trigger the first of {@code failures} that triggered the rollback; {@code null} when none did
 * @param bodyEnd when the body ended; {@code null} while it runs
 * @param rollbackStart when the rollback was decided (the body's end); {@code null} without a rollback
 * @param outcomes one per action that ended (or was skipped), in the declared order
 * @param running the action that runs now: its index and start, saved before the port is called, so that a restart
 *     finds it; {@code null} between actions
 * @param sampling the re-verification: before it begins, its initial state; while it runs, its state after the last
 *     round; {@code null} when none is to run (not asked, or the body ran no verification to repeat)
 * @param reverification how the re-verification ended; {@code null} before
 * @param rollbackEnd when the actions (and the re-verification) were over
 * @param aborted whether the build was aborted during the rollback
 */
public record RollbackState(
        RollbackPlan plan,
        Phase phase,
        boolean drill,
        Instant bodyStart,
        List<Failure> failures,
        Failure trigger,
        Instant bodyEnd,
        Instant rollbackStart,
        List<ActionOutcome> outcomes,
        Running running,
        SamplingState sampling,
        Reverification reverification,
        Instant rollbackEnd,
        boolean aborted)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The phases, in the order they come. */
    public enum Phase {
        /** The body runs. */
        BODY,
        /** The body succeeded: nothing to do. Final. */
        SUCCEEDED,
        /** The body failed in a way that does not roll back (a user abort without {@code onAbort}). Final. */
        NOT_TRIGGERED,
        /** The actions run. */
        ROLLING_BACK,
        /** The actions are over; the re-verification runs. */
        REVERIFYING,
        /** The rollback is over. Final: see {@link RollbackState#result()}. */
        DONE
    }

    /** The action in progress. */
    public record Running(int index, Instant start) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public RollbackState {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(bodyStart, "bodyStart");
        failures = failures == null ? List.of() : List.copyOf(failures);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** The body begins now: the release start. */
    public static RollbackState begin(RollbackPlan plan, boolean drill, Instant bodyStart) {
        return new RollbackState(plan, Phase.BODY, drill, bodyStart, null, null, null, null, null, null, null, null, null,
                false);
    }

    /**
     * A failure seen while the body still runs, e.g. a {@code verifyStability} that ended FAIL inside it: its end is
     * the time of detection. Decides nothing yet (the body may catch it); {@link #bodyFailed} does.
     */
    public RollbackState noteFailure(Failure failure) {
        requirePhase(Phase.BODY);
        return new RollbackState(plan, phase, drill, bodyStart, append(failures, failure), trigger, bodyEnd,
                rollbackStart, outcomes, running, sampling, reverification, rollbackEnd, aborted);
    }

    /** The body ended well: no rollback, whatever was noted and caught inside it. */
    public RollbackState bodySucceeded(Instant at) {
        requirePhase(Phase.BODY);
        return new RollbackState(plan, Phase.SUCCEEDED, drill, bodyStart, failures, null, at, null, outcomes, null, null,
                null, null, false);
    }

    /**
     * The body ended with {@code failure}. The first failure seen (noted or this one) that triggers wins; if none
     * does, the state is {@link Phase#NOT_TRIGGERED}, else {@link Phase#ROLLING_BACK}.
     *
     * @param at when the body ended
     * @param lastVerification the spec of the body's last {@code verifyStability}, whose checks a re-verification
     *     repeats over the plan's {@code verifyDuration}; {@code null} when the body ran none
     */
    public RollbackState bodyFailed(Failure failure, Instant at, VerificationSpec lastVerification) {
        requirePhase(Phase.BODY);
        List<Failure> all = append(failures, failure);
        Optional<Failure> first = Triggers.first(plan, all);
        if (first.isEmpty()) {
            return new RollbackState(plan, Phase.NOT_TRIGGERED, drill, bodyStart, all, null, at, null, null, null, null,
                    null, null, false);
        }
        SamplingState recheck = plan.verify() && lastVerification != null
                ? SamplingState.initial(recheckSpec(lastVerification, plan.verifyDuration()), at)
                : null;
        return new RollbackState(plan, Phase.ROLLING_BACK, drill, bodyStart, all, first.get(), at, at, null, null,
                recheck, null, null, false);
    }

    /** Whether the step is over with this state: no rollback, or the rollback ended. */
    @JsonIgnore
    public boolean isFinal() {
        return phase == Phase.SUCCEEDED || phase == Phase.NOT_TRIGGERED || phase == Phase.DONE;
    }

    /** Whether a rollback ran and ended. */
    @JsonIgnore
    public boolean isDone() {
        return phase == Phase.DONE;
    }

    /** The outcome and accounting of a finished rollback. */
    public RollbackResult result() {
        if (phase != Phase.DONE) {
            throw new IllegalStateException("The rollback is not over: " + phase);
        }
        return new RollbackResult(this);
    }

    /** The body's verification, repeated over {@code duration}: same checks, baseline and policies. */
    static VerificationSpec recheckSpec(VerificationSpec body, Duration duration) {
        Duration interval = body.interval().compareTo(duration) > 0 ? duration : body.interval();
        return VerificationSpec.builder(body.name()).checks(body.checks()).duration(duration).interval(interval)
                .baseline(body.releaseStart(), body.baselineWindow()).errorPolicy(body.errorPolicy())
                .concurrency(body.concurrency()).build();
    }

    // Transitions of the rollback phases, made by RollbackRun.

    RollbackState starting(int index, Instant at) {
        requirePhase(Phase.ROLLING_BACK);
        return new RollbackState(plan, phase, drill, bodyStart, failures, trigger, bodyEnd, rollbackStart, outcomes,
                new Running(index, at), sampling, reverification, rollbackEnd, aborted);
    }

    RollbackState ended(ActionOutcome outcome) {
        requirePhase(Phase.ROLLING_BACK);
        return new RollbackState(plan, phase, drill, bodyStart, failures, trigger, bodyEnd, rollbackStart,
                append(outcomes, outcome), null, sampling, reverification, rollbackEnd, aborted);
    }

    RollbackState actionsOver(boolean reverify) {
        requirePhase(Phase.ROLLING_BACK);
        return new RollbackState(plan, reverify ? Phase.REVERIFYING : Phase.ROLLING_BACK, drill, bodyStart, failures,
                trigger, bodyEnd, rollbackStart, outcomes, null, sampling, reverification, rollbackEnd, aborted);
    }

    RollbackState sampled(SamplingState newSampling) {
        requirePhase(Phase.REVERIFYING);
        return new RollbackState(plan, phase, drill, bodyStart, failures, trigger, bodyEnd, rollbackStart, outcomes,
                null, newSampling, reverification, rollbackEnd, aborted);
    }

    RollbackState done(Reverification newReverification, Instant at, boolean wasAborted) {
        return new RollbackState(plan, Phase.DONE, drill, bodyStart, failures, trigger, bodyEnd, rollbackStart,
                outcomes, null, sampling, newReverification, at, wasAborted);
    }

    private void requirePhase(Phase expected) {
        if (phase != expected) {
            throw new IllegalStateException("The rollback is in phase " + phase + ", not " + expected);
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(Objects.requireNonNull(item));
        return out;
    }
}
