package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRunRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackAction;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackException;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reports and records for the gate tests: a complete release, and its parts to leave out or spoil. */
final class GateFixtures {
    /** Tue 2026-06-02 10:00 in Berlin (CEST). */
    static final Instant NOW = Instant.parse("2026-06-02T08:00:00Z");

    static final EmergencyPlan EMERGENCY = new EmergencyPlan(
            List.of(new EmergencyPlan.Contact("Alice", "release owner", "+49 30 1234", "alice@example.com", "@alice")),
            List.of("error ratio above 2% for 5 minutes"), "redeploy 1.4.1 with ./deploy.sh --previous",
            List.of("#checkout-releases"));

    private GateFixtures() {}

    static ReleaseHeader header(Risk risk, List<String> owners, EmergencyPlan emergency) {
        return new ReleaseHeader("checkout", "1.4.2", risk, owners, List.of("api"), false,
                new BuildRef("shop/checkout", 42, "https://ci.example.com/job/shop/job/checkout/42/"),
                NOW.minusSeconds(600), emergency);
    }

    static BackupRecord backup(String id, boolean verified, boolean restoreTested) {
        return new BackupRecord(id, "checkout", "web-1", "/var/backups/checkout/" + id + ".tar.zst", "ab", 10, 100,
                verified, NOW.minusSeconds(500), List.of("/opt/checkout"), List.of(), List.of(), "zstd", 50,
                restoreTested, "/var/backups");
    }

    static DistributionRunRecord run(String directory, int targets, int succeeded, boolean ok, List<String> failed) {
        return new DistributionRunRecord(NOW.minusSeconds(400), "sftp", directory, List.of("checkout.jar"), targets,
                succeeded, targets, "all", 1000, 2000, ok, failed, List.of());
    }

    static SilenceRecord silence(String id, Instant start, Instant end, SilenceRecord.SilenceState state) {
        return new SilenceRecord(id, List.of(), List.of("service=\"checkout\""), start, end, "jenkins", "release",
                "http://alertmanager:9093", state, List.of());
    }

    static RollbackPlan autoRollback() {
        try {
            return RollbackPlan.builder().action(RollbackAction.command("./deploy.sh --previous"))
                    .action(RollbackAction.restoreBackup("b-1")).build();
        } catch (RollbackException e) {
            throw new AssertionError(e);
        }
    }

    /** Everything any level can ask for, with the drill passed a week ago. */
    static ReleaseReport completeRelease(Risk risk) {
        return ReleaseReport.empty()
                .withHeader(header(risk, List.of("oncall-checkout@example.com"), EMERGENCY))
                .withBackup(backup("b-1", true, true))
                .withDistributionRun(run("/opt/checkout/releases/1.4.2", 3, 3, true, List.of()), List.of())
                .withSilence(silence("s-1", NOW.minusSeconds(300), NOW.plus(Duration.ofMinutes(45)),
                        SilenceRecord.SilenceState.ACTIVE));
    }

    static GateInputs inputs(ReleaseReport report) {
        return new GateInputs(report, autoRollback(), NOW.minus(Duration.ofDays(7)), List.of());
    }

    static ReleaseReport drillBuild(Instant recoveredAt, StageStatus outcome) {
        ReleaseHeader drill = new ReleaseHeader("checkout", "1.4.1", Risk.HIGH, List.of("a@example.com"), List.of(),
                true, null, recoveredAt.minusSeconds(900));
        return ReleaseReport.empty().withHeader(drill).withRollback(new RollbackRecord("drill: verification failed",
                recoveredAt.minusSeconds(120), recoveredAt.plusSeconds(5), List.of(), outcome, recoveredAt.minusSeconds(600),
                recoveredAt.minusSeconds(120), outcome == StageStatus.SUCCESS ? recoveredAt : null, null, null, true,
                null, true, null));
    }
}
