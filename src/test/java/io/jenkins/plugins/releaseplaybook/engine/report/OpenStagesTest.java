package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** Closing the stages a build left RUNNING, and the gaps of a verification in the report's JSON. */
public class OpenStagesTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    public void closesOnlyTheStagesStillRunning() {
        StageRecord done = StageRecord.started(StageKind.BACKUP, "backup", T0).finished(StageStatus.SUCCESS,
                T0.plusSeconds(5), null);
        StageRecord verify = StageRecord.started(StageKind.VERIFY, "checkout", T0.plusSeconds(10));
        StageRecord rollback = StageRecord.started(StageKind.ROLLBACK, "checkout", T0.plusSeconds(20));
        ReleaseReport report = ReleaseReport.empty().withStage(done).withStage(verify).withStage(rollback);

        assertThat(OpenStages.of(report)).containsExactly(verify, rollback);
        ReleaseReport closed = OpenStages.close(report, StageStatus.ABORTED, T0.plusSeconds(60),
                "build ended while the stage was running");

        assertThat(OpenStages.of(closed)).isEmpty();
        assertThat(closed.timeline()).hasSize(3);
        assertThat(closed.timeline().get(0)).isEqualTo(done);
        assertThat(closed.timeline().subList(1, 3)).allSatisfy(stage -> {
            assertThat(stage.status()).isEqualTo(StageStatus.ABORTED);
            assertThat(stage.end()).isEqualTo(T0.plusSeconds(60));
            assertThat(stage.message()).isEqualTo("build ended while the stage was running");
        });
        assertThat(closed.timeline().get(1).id()).isEqualTo(verify.id());
    }

    @Test
    public void aSilenceStageIsLeftToTheSafetyNetWhileItsSilencesAreActive() {
        StageRecord silence = StageRecord.started(StageKind.SILENCE, "createSilences", T0);
        StageRecord verify = StageRecord.started(StageKind.VERIFY, "checkout", T0.plusSeconds(10));
        SilenceRecord active = new SilenceRecord("a", List.of(), List.of("service=\"x\""), T0, T0.plusSeconds(600),
                "Jenkins", "release", "http://am:9093", SilenceRecord.SilenceState.ACTIVE, List.of());
        ReleaseReport report = ReleaseReport.empty().withStage(silence).withStage(verify).withSilence(active);

        assertThat(OpenStages.of(report)).containsExactly(verify);
        assertThat(OpenStages.close(report, StageStatus.ABORTED, T0.plusSeconds(60), "ended").timeline())
                .filteredOn(stage -> stage.kind() == StageKind.SILENCE).singleElement()
                .satisfies(stage -> assertThat(stage.isRunning()).isTrue());

        SilenceRecord expired = new SilenceRecord("a", List.of(), active.matchers(), T0, T0.plusSeconds(600),
                "Jenkins", "release", "http://am:9093", SilenceRecord.SilenceState.EXPIRED, List.of());
        assertThat(OpenStages.of(report.withSilence(expired))).containsExactly(silence, verify);
    }

    @Test
    public void aReportWithoutOpenStagesIsReturnedAsItIs() {
        ReleaseReport report = ReleaseReport.empty().withStage(StageRecord.started(StageKind.VERIFY, "checkout", T0)
                .finished(StageStatus.FAILURE, T0.plusSeconds(1), "FAIL"));

        assertThat(OpenStages.close(report, StageStatus.ABORTED, T0.plusSeconds(5), "ended")).isSameAs(report);
    }

    @Test
    public void anEndBeforeTheStartIsTheStartAndRunningIsNoWayToClose() {
        ReleaseReport report = ReleaseReport.empty().withStage(StageRecord.started(StageKind.VERIFY, "checkout", T0));

        assertThat(OpenStages.close(report, StageStatus.ABORTED, T0.minusSeconds(5), "ended").timeline())
                .singleElement().satisfies(stage -> assertThat(stage.end()).isEqualTo(T0));
        assertThatThrownBy(() -> OpenStages.close(report, StageStatus.RUNNING, T0, "ended"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void gapsRoundTripAndOlderReportsReadWithout() throws Exception {
        GapRecord gap = new GapRecord(T0, T0.plusSeconds(90), 3, GapRecord.Cause.CONTROLLER_RESTART);
        ReleaseReport report = ReleaseReport.empty().withVerification(
                new VerificationRecord("checkout", T0, T0.plusSeconds(600), Verdict.PASS, List.of(), List.of(gap)));

        ReleaseReport read = ReleaseReportJson.read(new ByteArrayInputStream(ReleaseReportJson.toBytes(report)), "test");
        assertThat(read.verifications().get(0).gaps()).containsExactly(gap);

        String older = "{\"schemaVersion\":1,\"verifications\":[{\"name\":\"checkout\",\"start\":\"2026-11-25T12:00:00Z\","
                + "\"end\":\"2026-11-25T12:10:00Z\",\"verdict\":\"PASS\",\"checks\":[]}]}";
        ReleaseReport old = ReleaseReportJson.read(new ByteArrayInputStream(older.getBytes(StandardCharsets.UTF_8)), "old");
        assertThat(old.verifications().get(0).gaps()).isEmpty();
    }
}
