package io.jenkins.plugins.releaseplaybook.engine.report;

import static io.jenkins.plugins.releaseplaybook.engine.report.SampleReports.T0;
import static io.jenkins.plugins.releaseplaybook.engine.report.SampleReports.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.util.List;
import org.junit.Test;

public class ReleaseReportTest {
    @Test
    public void aStartedStageIsFinishedInPlace() {
        StageRecord running = StageRecord.started(StageKind.VERIFY, "checkout", T0);
        ReleaseReport report = ReleaseReport.empty()
                .withStage(stage("plan", StageKind.PLAN, "plan", 0, 0, StageStatus.SUCCESS, null))
                .withStage(running);

        ReleaseReport finished = report.withStage(running.finished(StageStatus.FAILURE, T0.plusSeconds(30), "p99"));

        assertThat(finished.timeline()).hasSize(2);
        assertThat(finished.timeline().get(1).status()).isEqualTo(StageStatus.FAILURE);
        assertThat(finished.timeline().get(1).end()).isEqualTo(T0.plusSeconds(30));
        assertThat(report.timeline().get(1).isRunning()).as("the old value is unchanged").isTrue();
    }

    @Test
    public void stagesValidateTheirTimes() {
        StageRecord running = StageRecord.started(StageKind.BACKUP, "b", T0);
        assertThat(running.finished(StageStatus.SUCCESS, T0.minusSeconds(1), null).end())
                .as("a clock that stepped back does not make a stage end before it began").isEqualTo(T0);
        assertThatThrownBy(() -> new StageRecord("x", StageKind.BACKUP, "b", T0, T0.minusSeconds(1), StageStatus.SUCCESS, null))
                .hasMessageContaining("ends")
                .hasMessageContaining("before it starts");
        assertThatThrownBy(() -> running.finished(StageStatus.RUNNING, T0, null))
                .hasMessageContaining("cannot finish as RUNNING");
        assertThat(StageRecord.started(StageKind.BACKUP, "b", T0).id()).isNotEqualTo(running.id());
    }

    @Test
    public void listsAreImmutable() {
        ReleaseReport report = SampleReports.rolledBackRelease();
        assertThatThrownBy(() -> report.timeline().add(report.timeline().get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    public void anUpdatedSilenceReplacesTheRecordOfItsPreviousId() {
        SilenceRecord first = new SilenceRecord("a", List.of(), List.of("service=\"x\""), T0, T0.plusSeconds(60),
                "me", "c", "http://am", SilenceState.ACTIVE, List.of());
        SilenceRecord renewed = new SilenceRecord("b", List.of("a"), first.matchers(), T0, T0.plusSeconds(120),
                "me", "c", "http://am", SilenceState.ACTIVE, List.of());
        SilenceRecord expired = new SilenceRecord("b", List.of("a"), first.matchers(), T0, T0.plusSeconds(120),
                "me", "c", "http://am", SilenceState.EXPIRED, List.of());

        ReleaseReport report = ReleaseReport.empty().withSilence(first).withSilence(renewed).withSilence(expired);

        assertThat(report.silences()).containsExactly(expired);
    }

    @Test
    public void distributionCellsAreKeyedByTargetAndArtifact() {
        DistributionRecord failed = new DistributionRecord("web1", "a.jar", "x", 1, DistributionRecord.DistributionOutcome.FAILED, 3, "no");
        DistributionRecord retried = new DistributionRecord("web1", "a.jar", "x", 1, DistributionRecord.DistributionOutcome.UPLOADED, 1, null);
        DistributionRecord other = new DistributionRecord("web2", "a.jar", "x", 1, DistributionRecord.DistributionOutcome.UPLOADED, 1, null);

        ReleaseReport report = ReleaseReport.empty().withDistribution(failed).withDistribution(other).withDistribution(retried);

        assertThat(report.distributions()).containsExactly(retried, other);
    }

    @Test
    public void verdictOrderIsFailErrorInconclusivePass() {
        assertThat(Verdict.PASS.worst(Verdict.INCONCLUSIVE)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.ERROR.worst(Verdict.INCONCLUSIVE)).isEqualTo(Verdict.ERROR);
        assertThat(Verdict.ERROR.worst(Verdict.FAIL)).isEqualTo(Verdict.FAIL);
        assertThat(Verdict.FAIL.worst(Verdict.PASS)).isEqualTo(Verdict.FAIL);
    }

    @Test
    public void anAcknowledgementReplacesOnlyTheLastRollbackRecord() {
        RollbackRecord first = new RollbackRecord("sh failed", T0, T0.plusSeconds(60), List.of(), StageStatus.SUCCESS);
        RollbackRecord second = new RollbackRecord("verify failed", T0.plusSeconds(120), T0.plusSeconds(180),
                List.of(new RollbackRecord.Action("restoreBackup app", StageStatus.SUCCESS, null)), StageStatus.FAILURE);
        ReleaseReport report = ReleaseReport.empty().withRollback(first).withRollback(second);
        RollbackRecord.Acknowledgement ack = new RollbackRecord.Acknowledgement("alice", T0.plusSeconds(3600), "page");

        ReleaseReport acknowledged = report.withRollbackAcknowledged(ack);

        assertThat(acknowledged.rollbacks()).containsExactly(first, second.acknowledged(ack));
        assertThat(acknowledged.rollbacks().get(1).trigger()).isEqualTo("verify failed");
        assertThat(report.rollbacks().get(1).acknowledgement()).as("the old value is unchanged").isNull();
    }

    @Test
    public void anAcknowledgementWithoutARollbackIsRefused() {
        RollbackRecord.Acknowledgement ack = new RollbackRecord.Acknowledgement("alice", T0, "page");

        assertThatThrownBy(() -> ReleaseReport.empty().withRollbackAcknowledged(ack))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No rollback to acknowledge");
        assertThatThrownBy(() -> ReleaseReport.empty().withRollbackAcknowledged(null))
                .isInstanceOf(NullPointerException.class);
    }
}
