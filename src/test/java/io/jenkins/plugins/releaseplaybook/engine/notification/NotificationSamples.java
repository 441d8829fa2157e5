package io.jenkins.plugins.releaseplaybook.engine.notification;

import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistItem;
import io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reports and events for the notification tests. */
final class NotificationSamples {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private NotificationSamples() {}

    static ReleaseHeader header(String service, boolean drill) {
        return new ReleaseHeader(service, "1.4.2", Risk.HIGH, List.of("oncall@example.com", "team-checkout"),
                List.of("checkout-api"), drill, new BuildRef("shop/checkout", 42, "https://ci.example.com/job/shop/job/checkout/42/"),
                T0, new EmergencyPlan(List.of(), List.of(), null, List.of("#checkout-release", "Release@Example.com")));
    }

    static ReleaseReport gateFailed(String service) {
        return ReleaseReport.empty().withHeader(header(service, false))
                .withStage(new StageRecord("gate-1", StageKind.GATE, "releaseGate", T0.plusSeconds(60),
                        T0.plusSeconds(61), StageStatus.FAILURE, "2 items missing"))
                .withChecklist(List.of(new ChecklistItem("plan declared with owners", true, true, "2 owners"),
                        new ChecklistItem("backup verified", true, false, "no releaseBackup in this build"),
                        new ChecklistItem("silences active", false, false, "not required at this risk"),
                        new ChecklistItem("load test passed", true, false, "confirm: ['load test passed'] to claim it")));
    }

    static RollbackRecord rollback(StageStatus outcome, boolean drill) {
        Instant detected = T0.plusSeconds(300);
        Instant recovered = outcome == StageStatus.SUCCESS ? T0.plusSeconds(345) : null;
        return new RollbackRecord("verifyStability failed: error ratio 7% > 1%", detected, T0.plusSeconds(350),
                List.of(new RollbackRecord.Action("restoreBackup checkout-20260301", StageStatus.SUCCESS, null,
                        "restoreBackup", Duration.ofSeconds(20)),
                        new RollbackRecord.Action("./deploy.sh --previous", outcome, outcome == StageStatus.SUCCESS
                                ? null : "exit code 2", "command", Duration.ofSeconds(25))),
                outcome, T0.plusSeconds(120), detected, recovered, Duration.ofSeconds(180),
                recovered == null ? null : Duration.ofSeconds(45), recovered != null, null, drill, null);
    }
}
