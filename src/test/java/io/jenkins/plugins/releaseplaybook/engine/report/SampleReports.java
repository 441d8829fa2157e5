package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord.DistributionOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import io.jenkins.plugins.releaseplaybook.engine.verification.SampleOutcome;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Reports for tests: a realistic one with every section, and one with a chosen string in every field. */
final class SampleReports {
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private SampleReports() {}

    /** A release that failed verification and rolled back, with every section filled. */
    static ReleaseReport rolledBackRelease() {
        return withEveryField(UnaryOperator.identity(), "https://ci.example.com/job/checkout/42/");
    }

    /**
     * A report in which every user-supplied string went through {@code text}: pass a hostile transform to
     * test escaping.
     */
    static ReleaseReport withEveryField(UnaryOperator<String> text, String buildUrl) {
        ReleaseHeader header = new ReleaseHeader(text.apply("checkout"), text.apply("1.4.2"), Risk.HIGH,
                List.of(text.apply("oncall-checkout@example.com"), text.apply("alice@example.com")),
                List.of(text.apply("checkout-api"), text.apply("checkout-worker")), true,
                new BuildRef(text.apply("shop/checkout/main"), 42, buildUrl), T0)
                // No mail or phone that becomes a link: the tests of this class count the page's links.
                .withEmergency(new EmergencyPlan(List.of(new EmergencyPlan.Contact(text.apply("Li Lei"),
                        text.apply("DBA on call"), text.apply("ext. 1234"), text.apply("Li Lei <lilei@example.com>"),
                        text.apply("@lilei"))), List.of(text.apply("error ratio above 2% for 5 minutes")),
                        text.apply("1. stop the rollout\n2. ./deploy.sh --previous"), List.of(text.apply("#checkout"))))
                .withAcknowledgement(new RollbackRecord.Acknowledgement(text.apply("alice"), T0.minusSeconds(600),
                        "acknowledgeRollbacks"));
        ReleaseReport report = ReleaseReport.empty().withHeader(header);
        report = report.withStage(stage("plan", StageKind.PLAN, text.apply("plan"), 0, 1, StageStatus.SUCCESS, null));
        report = report.withStage(stage("backup", StageKind.BACKUP, text.apply("checkout"), 1, 40, StageStatus.SUCCESS,
                text.apply("3 paths, 1204 files")));
        report = report.withStage(stage("dist", StageKind.DISTRIBUTE, text.apply("checkout jars"), 40, 95,
                StageStatus.SUCCESS, null));
        report = report.withStage(stage("silence", StageKind.SILENCE, text.apply("checkout release"), 95, 800,
                StageStatus.SUCCESS, null));
        report = report.withStage(stage("release", StageKind.RELEASE, text.apply("deploy"), 100, 520,
                StageStatus.FAILURE, text.apply("verification failed")));
        report = report.withStage(stage("verify", StageKind.VERIFY, text.apply("checkout"), 160, 520,
                StageStatus.FAILURE, text.apply("p99 latency above limit")));
        report = report.withStage(stage("rollback", StageKind.ROLLBACK, text.apply("./deploy.sh --previous"), 520,
                610, StageStatus.SUCCESS, null));
        PolicyRecord policy = new PolicyRecord(T0, List.of(
                new PolicyRecord.Level(Risk.LOW, List.of("plan"), List.of()),
                new PolicyRecord.Level(Risk.HIGH, List.of("plan", "backupVerified", "drill"),
                        List.of(text.apply("load test passed")))), 30, "Europe/Berlin",
                List.of(text.apply("Mon-Fri 09:00-17:00")), List.of(text.apply("2026-12-20 to 2027-01-03 freeze")));
        report = report.withPolicy(policy);
        report = report.withGate(new GateRecord(T0.plusSeconds(96), Risk.HIGH, false,
                List.of(text.apply("load test passed")), List.of("silencesActive"), policy), List.of(
                new ChecklistItem(text.apply("plan declared"), true, true, text.apply("risk high")),
                new ChecklistItem(text.apply("backup verified"), true, true, text.apply("backup b-1")),
                new ChecklistItem(text.apply("silences active"), false, false, text.apply("none yet")),
                new ChecklistItem("Confirmed by the job", true, true, null, "custom:" + text.apply("load test passed"),
                        ChecklistStatus.SATISFIED, TrailLine.of(Text.of("policy.item.custom", text.apply("load test passed"))),
                        TrailLine.of(Text.of("policy.evidence.declared", text.apply("load test passed"))),
                        null, true),
                new ChecklistItem("Alert silences active", true, false, null, "silencesActive",
                        ChecklistStatus.MISSING, TrailLine.of(Text.of("policy.item.silencesActive")),
                        TrailLine.of(Text.of("policy.evidence.silencesInactive", text.apply("5c7e0a4e-1d2b"))),
                        TrailLine.of(Text.of("policy.remedy.silences")), false)));
        report = report.withBackup(new BackupRecord(text.apply("b-1"), text.apply("checkout"), text.apply("web-agent-1"),
                text.apply("/var/backups/checkout/b-1.tar.zst"), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                1204, 73_400_320, true, T0.plusSeconds(40),
                List.of(text.apply("/opt/checkout/current"), text.apply("/etc/checkout"))));
        report = report.withDistributionRun(new DistributionRunRecord(T0.plusSeconds(95), "sftp",
                text.apply("/opt/checkout/releases"), List.of(text.apply("checkout-1.4.2.jar"), text.apply("checkout-cli.jar")),
                2, 1, 2, text.apply("all"), 10_000_000, 55_000, false, List.of(text.apply("deploy@web2:2222")),
                List.of(text.apply("web1:22 SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"))), List.of(
                new DistributionRecord(text.apply("web1"), text.apply("checkout-1.4.2.jar"), "ab12", 5_000_000,
                        DistributionOutcome.UPLOADED, 1, null, 4_200, text.apply("sha256sum on target")),
                new DistributionRecord(text.apply("deploy@web2:2222"), text.apply("checkout-1.4.2.jar"), "ab12",
                        5_000_000, DistributionOutcome.UPLOADED, 3, text.apply("2 retries after connection reset"),
                        31_000, text.apply("read back over SFTP")),
                new DistributionRecord(text.apply("web1"), text.apply("checkout-cli.jar"), "cd34", 10_000,
                        DistributionOutcome.SKIPPED_IDENTICAL, 0, null, 40, null),
                new DistributionRecord(text.apply("deploy@web2:2222"), text.apply("checkout-cli.jar"), "cd34", 10_000,
                        DistributionOutcome.FAILED, 3, text.apply("checksum mismatch on target"), 2_500, null)));
        report = report.withSilence(new SilenceRecord(text.apply("5c7e0a4e-1d2b"), List.of(text.apply("0b1c")),
                List.of(text.apply("service=\"checkout\""), text.apply("alertname=~\"HighLatency|HighErrorRate\"")),
                T0.plusSeconds(95), T0.plusSeconds(95 + 45 * 60), text.apply("jenkins: shop/checkout/main #42"),
                text.apply("checkout release"), text.apply("http://alertmanager:9093"), SilenceState.EXPIRED,
                List.of(text.apply("HighLatency{instance=\"web1\"}"))));
        report = report.withVerification(new VerificationRecord(text.apply("checkout"), T0.plusSeconds(160),
                T0.plusSeconds(520), Verdict.FAIL, List.of(latencyCheck(text), errorCheck(text))));
        report = report.withRollback(new RollbackRecord(text.apply("verifyStability failed: p99 latency"),
                T0.plusSeconds(520), T0.plusSeconds(610), List.of(
                        new RollbackRecord.Action(text.apply("restore backup b-1"), StageStatus.SUCCESS, text.apply("restored 2 paths"),
                                "restoreBackup", java.time.Duration.ofSeconds(40)),
                        new RollbackRecord.Action(text.apply("./deploy.sh --previous"), StageStatus.SUCCESS, null,
                                "command", java.time.Duration.ofMillis(12_500))),
                StageStatus.SUCCESS, T0.plusSeconds(150), T0.plusSeconds(520), T0.plusSeconds(730),
                java.time.Duration.ofSeconds(370), java.time.Duration.ofSeconds(210), true,
                text.apply("PASSED: Verification 'checkout': PASS: all 2 checks passed"), false,
                new RollbackRecord.Acknowledgement(text.apply("alice"), T0.plusSeconds(900), "page")));
        return report;
    }

    private static CheckRecord latencyCheck(UnaryOperator<String> text) {
        List<SamplePoint> samples = new ArrayList<>();
        double[] values = {0.21, 0.23, 0.22, 0.25, 0.31, 0.48, 0.82, 0.91};
        for (int i = 0; i < values.length; i++) {
            samples.add(new SamplePoint(T0.plusSeconds(160 + 30L * i), values[i],
                    values[i] > 0.5 ? SampleOutcome.FAIL : SampleOutcome.PASS));
        }
        return CheckRecord.of(text.apply("p99 latency"),
                text.apply("histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service=\"checkout\"}[1m])))"),
                TrailLine.of(Text.of("verification.threshold.withFailAfter",
                        Text.of("verification.threshold.absolute", "<=", text.apply("0.50 s")),
                        Text.of("verification.threshold.failAfter", "2"))),
                0.5, 0.91, 0.22, 0.2, 0.24, Verdict.FAIL, samples,
                List.of(TrailLine.of(Text.of("verification.trail.failRun", text.apply("p99 latency"), "0.82 s, 0.91 s", ">",
                        "0.50 s", "2", "12:05:10, 12:05:40"))));
    }

    private static CheckRecord errorCheck(UnaryOperator<String> text) {
        List<SamplePoint> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            samples.add(new SamplePoint(T0.plusSeconds(160 + 30L * i), i == 3 ? null : 0.002 + 0.0005 * (i % 3),
                    i == 3 ? SampleOutcome.NODATA : SampleOutcome.PASS));
        }
        return CheckRecord.of(text.apply("error ratio"), text.apply("sum(rate(http_requests_total{code=~\"5..\"}[1m]))"),
                TrailLine.plain(text.apply("<= 0.01")), 0.01, 0.0025, null, null, null, Verdict.PASS, samples,
                List.of(TrailLine.plain(text.apply("error ratio 0.0025 <= 0.01 (median of 7 samples)")),
                        TrailLine.of(Text.of("verification.trail.noBaseline", text.apply("error ratio"),
                                Text.of("verification.baseline.noData"), Text.of("verification.limit.relative", "20%",
                                        Text.of("verification.direction.above"))))));
    }

    static StageRecord stage(String id, StageKind kind, String name, long startSeconds, long endSeconds,
            StageStatus status, String message) {
        return new StageRecord(id, kind, name, T0.plusSeconds(startSeconds), T0.plusSeconds(endSeconds), status, message);
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
