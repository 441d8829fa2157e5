package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome and accounting of a finished rollback, derived from its {@link RollbackState} so that it can never
 * disagree with it:
 * <ul>
 *   <li>release start: the body's start; detection: the end of the step whose failure triggered the rollback;</li>
 *   <li>time to detect: release start to detection;</li>
 *   <li>recovery: the end of a re-verification that passed; without a re-verification asked, the end of the actions
 *       when every one succeeded; none otherwise (not recovered, or not confirmed);</li>
 *   <li>time to recover: detection to recovery.</li>
 * </ul>
 */
public final class RollbackResult {
    /** How the rollback ended. */
    public enum Outcome {
        /** Every action succeeded and the re-verification, if asked and possible, passed. */
        SUCCESS,
        /** An action failed, was interrupted by a restart or not run, or the re-verification did not pass. */
        FAILED,
        /** The build was aborted during the rollback. */
        ABORTED
    }

    private final RollbackState state;

    RollbackResult(RollbackState state) {
        this.state = state;
    }

    public RollbackState state() {
        return state;
    }

    public Outcome outcome() {
        if (state.aborted()) {
            return Outcome.ABORTED;
        }
        boolean actionsOk = state.outcomes().stream().allMatch(o -> o.status() == ActionStatus.SUCCESS);
        Reverification check = state.reverification();
        boolean checkOk = check == null || check.status() == Reverification.Status.PASSED
                || check.status() == Reverification.Status.SKIPPED;
        return actionsOk && checkOk ? Outcome.SUCCESS : Outcome.FAILED;
    }

    public Failure trigger() {
        return state.trigger();
    }

    public Instant releaseStart() {
        return state.bodyStart();
    }

    public Instant detectedAt() {
        return state.trigger().at();
    }

    public Instant rollbackStart() {
        return state.rollbackStart();
    }

    public Instant rollbackEnd() {
        return state.rollbackEnd();
    }

    public List<ActionOutcome> actions() {
        return state.outcomes();
    }

    /** Whether a re-verification passed after the actions. */
    public boolean recoveryConfirmed() {
        return state.reverification() != null && state.reverification().passed();
    }

    /** When the service was back, as far as the rollback can tell; {@code null} when it was not (or not confirmed). */
    public Instant recoveredAt() {
        if (outcome() != Outcome.SUCCESS) {
            return null;
        }
        return recoveryConfirmed() ? state.reverification().end() : state.rollbackEnd();
    }

    public Duration timeToDetect() {
        return nonNegative(Duration.between(releaseStart(), detectedAt()));
    }

    /** {@code null} when not recovered. */
    public Duration timeToRecover() {
        Instant recovered = recoveredAt();
        return recovered == null ? null : nonNegative(Duration.between(detectedAt(), recovered));
    }

    /**
     * The build's message: {@code Rolled back because <what failed>: <actions and outcomes>, recovered in <time>}, or
     * {@code rollback FAILED: ...}, or {@code rollback ABORTED: ...}.
     */
    public Text message() {
        Text what = state.trigger().describe();
        Text actions = Text.list(state.outcomes().stream().map(ActionOutcome::describe).toList());
        Reverification check = state.reverification();
        Text verified = check == null ? Text.literal("") : Text.of(switch (check.status()) {
            case PASSED -> "rollback.reverify.passed";
            case FAILED -> "rollback.reverify.failed";
            case SKIPPED -> "rollback.reverify.skipped";
            case ABORTED -> "rollback.reverify.aborted";
        }, check.summary());
        return switch (outcome()) {
            case SUCCESS -> Text.of("rollback.result.success", what, actions, Durations.text(timeToRecover()), verified);
            case FAILED -> Text.of("rollback.result.failed", what, actions, verified);
            case ABORTED -> Text.of("rollback.result.aborted", what, actions, verified);
        };
    }

    /** The report's record of this rollback. */
    public RollbackRecord toRecord() {
        return toRecord(null);
    }

    /**
     * The report's record of this rollback, with the acknowledgement this build made for the loop guard
     * ({@code releasePlan(acknowledgeRollbacks: true)}); {@code null} for none.
     */
    public RollbackRecord toRecord(RollbackRecord.Acknowledgement acknowledgement) {
        List<RollbackRecord.Action> records = state.outcomes().stream().map(o -> new RollbackRecord.Action(
                o.action().describe(), status(o.status()), o.message().isEmpty() ? null : o.message(),
                o.action().kind().parameter(), o.duration())).toList();
        StageStatus status = stageStatus();
        Reverification check = state.reverification();
        return new RollbackRecord(state.trigger().describe().english(), rollbackStart(), rollbackEnd(), records, status,
                releaseStart(), detectedAt(), recoveredAt(), timeToDetect(), timeToRecover(), recoveryConfirmed(),
                check == null ? null : check.status() + (check.summary().isEmpty() ? "" : ": " + check.summary()),
                state.drill(), acknowledgement);
    }

    /**
     * The timeline's {@link StageKind#ROLLBACK} stage: from the rollback's start to its end (re-verification included),
     * SUCCESS only when the rollback succeeded, so that the report's KPIs agree with {@link #timeToRecover()}.
     */
    public StageRecord toStage(String id) {
        StageStatus status = stageStatus();
        return new StageRecord(id, StageKind.ROLLBACK, "rollback", rollbackStart(), rollbackEnd(), status,
                message().english());
    }

    private StageStatus stageStatus() {
        return switch (outcome()) {
            case SUCCESS -> StageStatus.SUCCESS;
            case FAILED -> StageStatus.FAILURE;
            case ABORTED -> StageStatus.ABORTED;
        };
    }

    private static StageStatus status(ActionStatus status) {
        return switch (status) {
            case SUCCESS -> StageStatus.SUCCESS;
            case FAILED, INTERRUPTED -> StageStatus.FAILURE;
            case ABORTED -> StageStatus.ABORTED;
            case NOT_RUN -> StageStatus.SKIPPED;
        };
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    @Override
    public String toString() {
        return message().english();
    }
}
