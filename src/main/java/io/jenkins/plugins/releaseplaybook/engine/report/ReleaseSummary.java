package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What the job's Release History needs from one build's report: a few fields instead of the whole report, so that a
 * cache of many builds stays small. Derived by {@link #of}; never stored in a report.
 *
 * @param planned whether {@code releasePlan} ran (the build is a release); the other header fields are {@code null}
 *     otherwise
 * @param drill whether the build was a drill (its plan said so, or a rollback record does)
 * @param startedAt when the release started: the plan's time, else the first stage's start; {@code null} without either
 * @param status the worst finished stage status, {@link StageStatus#RUNNING} while a stage runs
 * @param deployed whether the change itself ran: a {@link StageKind#RELEASE} or {@link StageKind#VERIFY} stage, or a
 *     rollback (there was something to roll back); a release stopped before that (a failed gate, a failed backup)
 *     changed nothing in production
 * @param rolledBack whether {@code autoRollback} rolled back
 * @param rollbackOutcome the last rollback's outcome; {@code null} when it did not roll back
 * @param releaseDuration {@link ReleaseKpis#releaseDuration()}
 * @param timeToDetect {@link ReleaseKpis#timeToDetect()}, else the last rollback's own accounting
 * @param timeToRecover {@link ReleaseKpis#timeToRecover()}, else the last rollback's own accounting
 */
public record ReleaseSummary(
        boolean planned,
        String service,
        String version,
        Risk risk,
        boolean drill,
        Instant startedAt,
        StageStatus status,
        boolean deployed,
        boolean rolledBack,
        StageStatus rollbackOutcome,
        Duration releaseDuration,
        Duration timeToDetect,
        Duration timeToRecover)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static ReleaseSummary of(ReleaseReport report) {
        ReleaseHeader header = report.header();
        ReleaseKpis kpis = report.kpis();
        List<RollbackRecord> rollbacks = report.rollbacks();
        RollbackRecord last = rollbacks.isEmpty() ? null : rollbacks.get(rollbacks.size() - 1);
        boolean drill = header != null && header.drill() || rollbacks.stream().anyMatch(RollbackRecord::drill);
        Instant startedAt = header != null && header.plannedAt() != null ? header.plannedAt()
                : report.timeline().stream().map(StageRecord::start).min(Comparator.naturalOrder()).orElse(null);
        boolean deployed = last != null || report.timeline().stream()
                .anyMatch(s -> s.kind() == StageKind.RELEASE || s.kind() == StageKind.VERIFY);
        Duration toDetect = kpis.timeToDetect() != null ? kpis.timeToDetect() : last == null ? null : last.timeToDetect();
        Duration toRecover = kpis.timeToRecover() != null ? kpis.timeToRecover()
                : last == null ? null : last.timeToRecover();
        return new ReleaseSummary(header != null, header == null ? null : header.service(),
                header == null ? null : header.version(), header == null ? null : header.risk(), drill, startedAt,
                ReleaseReportHtml.overallStatus(report), deployed, last != null, last == null ? null : last.outcome(),
                kpis.releaseDuration(), toDetect, toRecover);
    }
}
