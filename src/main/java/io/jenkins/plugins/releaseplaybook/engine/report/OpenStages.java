package io.jenkins.plugins.releaseplaybook.engine.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Stages that are still RUNNING when nothing can finish them any more (the build has ended): which ones, and the
 * report with each of them closed. A step finishes its own stage; this is the net under it, for a step whose end
 * was never recorded (its thread died, the controller stopped at the wrong moment).
 *
 * <p>SILENCE stages are the exception while the report lists a silence as ACTIVE: the silence safety net expires
 * such silences after the build and finishes their stage with the outcome, so closing it as ABORTED first would
 * record the wrong end (the safety net finishes only stages that are still running).
 */
public final class OpenStages {
    private OpenStages() {}

    /** The stages of the timeline that have not finished and that nothing else will finish, in timeline order. */
    public static List<StageRecord> of(ReleaseReport report) {
        boolean silencing = report.silences().stream()
                .anyMatch(silence -> silence.state() == SilenceRecord.SilenceState.ACTIVE);
        return report.timeline().stream()
                .filter(StageRecord::isRunning)
                .filter(stage -> !(silencing && stage.kind() == StageKind.SILENCE))
                .toList();
    }

    /**
     * The report with every running stage finished as {@code status} at {@code end} (clamped to each stage's start)
     * with {@code message}; the same instance when no stage was running, so a caller can skip writing it.
     */
    public static ReleaseReport close(ReleaseReport report, StageStatus status, Instant end, String message) {
        Objects.requireNonNull(end, "end");
        if (!status.isFinished()) {
            throw new IllegalArgumentException("Open stages cannot be closed as " + status);
        }
        ReleaseReport closed = report;
        for (StageRecord stage : of(report)) {
            closed = closed.withStage(stage.finished(status, end, message));
        }
        return closed;
    }
}
