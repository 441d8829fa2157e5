package io.jenkins.plugins.releaseplaybook.engine.report;

import static io.jenkins.plugins.releaseplaybook.engine.report.SampleReports.T0;
import static io.jenkins.plugins.releaseplaybook.engine.report.SampleReports.seconds;
import static io.jenkins.plugins.releaseplaybook.engine.report.SampleReports.stage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.Test;

public class ReleaseKpisTest {
    private static final ReleaseHeader PLANNED_AT_T0 = new ReleaseHeader("s", "1", Risk.LOW, List.of(), List.of(),
            false, null, T0);

    @Test
    public void rolledBackReleaseHasAllThreeKpis() {
        ReleaseKpis kpis = SampleReports.rolledBackRelease().kpis();

        assertThat(kpis.releaseDuration()).isEqualTo(seconds(800));
        // The change started at 100 s (RELEASE stage); the first failure ended at 520 s.
        assertThat(kpis.timeToDetect()).isEqualTo(seconds(420));
        // The rollback finished at 610 s.
        assertThat(kpis.timeToRecover()).isEqualTo(seconds(90));
    }

    @Test
    public void successfulReleaseHasOnlyADuration() {
        ReleaseReport report = ReleaseReport.empty().withHeader(PLANNED_AT_T0)
                .withStage(stage("v", StageKind.VERIFY, "v", 10, 70, StageStatus.SUCCESS, null));

        assertThat(report.kpis()).isEqualTo(new ReleaseKpis(seconds(70), null, null));
    }

    @Test
    public void durationIsUnknownWhileAStageRuns() {
        ReleaseReport report = ReleaseReport.empty().withHeader(PLANNED_AT_T0)
                .withStage(stage("v", StageKind.VERIFY, "v", 10, 70, StageStatus.SUCCESS, null))
                .withStage(StageRecord.started(StageKind.ROLLBACK, "r", T0.plusSeconds(80)));

        assertThat(report.kpis().releaseDuration()).isNull();
    }

    @Test
    public void withoutPlanTheFirstStageStartsTheRelease() {
        ReleaseReport report = ReleaseReport.empty()
                .withStage(stage("v", StageKind.VERIFY, "v", 10, 70, StageStatus.FAILURE, null));

        assertThat(report.kpis().releaseDuration()).isEqualTo(seconds(60));
        assertThat(report.kpis().timeToDetect()).isEqualTo(seconds(60));
        assertThat(report.kpis().timeToRecover()).as("never recovered").isNull();
    }

    @Test
    public void aFailedGateIsNotADetectionAndAnEarlierRollbackDoesNotCount() {
        ReleaseReport report = ReleaseReport.empty().withHeader(PLANNED_AT_T0)
                .withStage(stage("g", StageKind.GATE, "g", 0, 5, StageStatus.FAILURE, null))
                .withStage(stage("r0", StageKind.ROLLBACK, "drill", 6, 8, StageStatus.SUCCESS, null))
                .withStage(stage("rel", StageKind.RELEASE, "deploy", 10, 40, StageStatus.FAILURE, null))
                .withStage(stage("r1", StageKind.ROLLBACK, "undo", 40, 55, StageStatus.FAILURE, null))
                .withStage(stage("r2", StageKind.ROLLBACK, "undo again", 55, 75, StageStatus.SUCCESS, null));

        assertThat(report.kpis().timeToDetect()).isEqualTo(seconds(30));
        assertThat(report.kpis().timeToRecover()).isEqualTo(seconds(35));
    }

    @Test
    public void emptyReportHasNoKpis() {
        assertThat(ReleaseReport.empty().kpis()).isEqualTo(new ReleaseKpis(null, null, null));
    }
}
