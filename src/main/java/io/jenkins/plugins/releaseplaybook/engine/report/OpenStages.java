package io.jenkins.plugins.releaseplaybook.engine.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Stages that are still RUNNING when nothing can finish them any more (the build has ended): which ones, and the
 * report with each of them closed. A step finishes its own stage; this is the net under it, for a step whose end
 * was never recorded (its thread died, the controller stopped at the wrong moment).
 */
public final class OpenStages {
    private OpenStages() {}

    /** The stages of the timeline that have not finished, in timeline order. */
    public static List<StageRecord> of(ReleaseReport report) {
        return report.timeline().stream().filter(StageRecord::isRunning).toList();
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
