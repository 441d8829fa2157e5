package io.jenkins.plugins.releaseplaybook.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Synthetic reports of one job's builds for history tests: each a release planned at its own hour. */
final class HistoryReports {
    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    private HistoryReports() {}

    static BuildRef build(int number) {
        return new BuildRef("shop/checkout", number, "https://ci.example.com/job/shop/job/checkout/" + number + "/");
    }

    static Instant start(int number) {
        return T0.plus(Duration.ofHours(number));
    }

    static ReleaseHeader header(int number, boolean drill) {
        return new ReleaseHeader("checkout", "1." + number, Risk.MEDIUM, List.of("oncall@example.com"), List.of("api"),
                drill, build(number), start(number));
    }

    /** A release that deployed and verified fine: it lasts {@code seconds}. */
    static ReleaseReport success(int number, long seconds) {
        Instant s = start(number);
        return ReleaseReport.empty().withHeader(header(number, false))
                .withStage(stage("plan", StageKind.PLAN, s, 0, 1, StageStatus.SUCCESS))
                .withStage(stage("release", StageKind.RELEASE, s, 10, seconds, StageStatus.SUCCESS))
                .withStage(stage("verify", StageKind.VERIFY, s, 20, seconds, StageStatus.SUCCESS));
    }

    /**
     * A release whose verification failed {@code detect} seconds after the change started (at 10 s), rolled back and
     * recovered {@code recover} seconds later (or failed to recover when {@code recover} is negative).
     */
    static ReleaseReport rolledBack(int number, long detect, long recover, boolean drill) {
        Instant s = start(number);
        long detectedAt = 10 + detect;
        boolean recovered = recover >= 0;
        long end = detectedAt + Math.abs(recover);
        ReleaseReport report = ReleaseReport.empty().withHeader(header(number, drill))
                .withStage(stage("plan", StageKind.PLAN, s, 0, 1, StageStatus.SUCCESS))
                .withStage(stage("release", StageKind.RELEASE, s, 10, detectedAt, StageStatus.FAILURE))
                .withStage(stage("verify", StageKind.VERIFY, s, 20, detectedAt, StageStatus.FAILURE))
                .withStage(stage("rollback", StageKind.ROLLBACK, s, detectedAt, end,
                        recovered ? StageStatus.SUCCESS : StageStatus.FAILURE));
        return report.withRollback(new RollbackRecord("verifyStability failed", s.plusSeconds(detectedAt),
                s.plusSeconds(end), List.of(new RollbackRecord.Action("./deploy.sh --previous",
                        recovered ? StageStatus.SUCCESS : StageStatus.FAILURE, null, "command",
                        Duration.ofSeconds(Math.abs(recover)))),
                recovered ? StageStatus.SUCCESS : StageStatus.FAILURE, s.plusSeconds(10), s.plusSeconds(detectedAt),
                recovered ? s.plusSeconds(end) : null, Duration.ofSeconds(detect),
                recovered ? Duration.ofSeconds(recover) : null, false, null, drill, null));
    }

    /** A release stopped by its gate before the change: it deployed nothing. */
    static ReleaseReport gateFailed(int number) {
        Instant s = start(number);
        return ReleaseReport.empty().withHeader(header(number, false))
                .withStage(stage("plan", StageKind.PLAN, s, 0, 1, StageStatus.SUCCESS))
                .withStage(stage("gate", StageKind.GATE, s, 1, 5, StageStatus.FAILURE));
    }

    static StageRecord stage(String id, StageKind kind, Instant base, long from, long to, StageStatus status) {
        return new StageRecord(id, kind, id, base.plusSeconds(from), base.plusSeconds(to), status, null);
    }
}
