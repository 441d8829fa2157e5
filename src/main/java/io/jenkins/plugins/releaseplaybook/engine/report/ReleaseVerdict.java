package io.jenkins.plugins.releaseplaybook.engine.report;

/** How one release of the history went, from its build's result and its report. */
public enum ReleaseVerdict {
    /** The build succeeded and nothing was rolled back. */
    SUCCEEDED,
    /** The build ended UNSTABLE (by default: a verification was inconclusive); not a success, not a failure. */
    UNSTABLE,
    /** {@code autoRollback} rolled the release back (whatever the rollback's own outcome). */
    ROLLED_BACK,
    /** The build failed without rolling back. */
    FAILED,
    /** Someone stopped the build (and, for a drill, before its rollback proved anything). */
    ABORTED,
    /** A drill whose rollback succeeded: the emergency plan works. */
    DRILL_PASSED,
    /** A drill whose rollback failed or never ran: the emergency plan did not prove itself. */
    DRILL_FAILED,
    /** Still running: shown, but not counted. */
    RUNNING;

    /** Whether this is a drill's verdict. */
    public boolean isDrill() {
        return this == DRILL_PASSED || this == DRILL_FAILED;
    }

    static ReleaseVerdict of(BuildResult result, ReleaseSummary summary) {
        if (result == BuildResult.RUNNING) {
            return RUNNING;
        }
        if (summary.drill()) {
            if (summary.rolledBack() && summary.rollbackOutcome() == StageStatus.SUCCESS) {
                return DRILL_PASSED;
            }
            return result == BuildResult.ABORTED ? ABORTED : DRILL_FAILED;
        }
        if (summary.rolledBack()) {
            return ROLLED_BACK;
        }
        return switch (result) {
            case SUCCESS -> SUCCEEDED;
            case UNSTABLE -> UNSTABLE;
            case ABORTED -> ABORTED;
            default -> FAILED;
        };
    }
}
