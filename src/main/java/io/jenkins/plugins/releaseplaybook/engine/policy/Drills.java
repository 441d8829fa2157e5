package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.time.Instant;

/** Whether a build's report shows a passing drill: a drill build whose rollback succeeded. */
public final class Drills {
    private Drills() {}

    /**
     * When the drill of this report passed: the time its rollback recovered (or ended), or {@code null} when the
     * report is not of a drill or no rollback of it succeeded.
     */
    public static Instant passedAt(ReleaseReport report) {
        if (report == null || !report.hasHeader() || !report.header().drill()) {
            return null;
        }
        Instant passed = null;
        for (RollbackRecord rollback : report.rollbacks()) {
            if (rollback.outcome() == StageStatus.SUCCESS) {
                Instant at = rollback.recoveredAt() != null ? rollback.recoveredAt()
                        : rollback.end() != null ? rollback.end() : rollback.start();
                if (at != null && (passed == null || at.isAfter(passed))) {
                    passed = at;
                }
            }
        }
        return passed;
    }
}
