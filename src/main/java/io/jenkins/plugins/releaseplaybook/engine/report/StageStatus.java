package io.jenkins.plugins.releaseplaybook.engine.report;

/** How a timeline stage ended, or {@link #RUNNING} while it has not. */
public enum StageStatus {
    RUNNING,
    SUCCESS,
    UNSTABLE,
    FAILURE,
    ABORTED,
    SKIPPED;

    public boolean isFinished() {
        return this != RUNNING;
    }
}
