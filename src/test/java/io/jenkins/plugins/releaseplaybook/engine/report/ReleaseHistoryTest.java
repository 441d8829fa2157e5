package io.jenkins.plugins.releaseplaybook.engine.report;

import static io.jenkins.plugins.releaseplaybook.engine.report.HistoryReports.build;
import static io.jenkins.plugins.releaseplaybook.engine.report.HistoryReports.gateFailed;
import static io.jenkins.plugins.releaseplaybook.engine.report.HistoryReports.rolledBack;
import static io.jenkins.plugins.releaseplaybook.engine.report.HistoryReports.start;
import static io.jenkins.plugins.releaseplaybook.engine.report.HistoryReports.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class ReleaseHistoryTest {
    private final ManualClock clock = new ManualClock(start(100));

    @Test
    public void emptyHistoryHasNoFigures() {
        ReleaseHistory history = ReleaseHistory.of(List.of(), 0, clock);

        assertThat(history.limit()).isEqualTo(ReleaseHistory.DEFAULT_LIMIT);
        assertThat(history.looked()).isZero();
        assertThat(history.releases()).isEmpty();
        HistoryKpis kpis = history.kpis();
        assertThat(kpis.releases()).isZero();
        assertThat(kpis.successRate()).isNull();
        assertThat(kpis.rollbackRate()).isNull();
        assertThat(kpis.changeFailureRate()).isNull();
        assertThat(kpis.medianDuration()).isNull();
        assertThat(kpis.p90Duration()).isNull();
        assertThat(kpis.meanTimeToDetect()).isNull();
        assertThat(kpis.meanTimeToRecover()).isNull();
        assertThat(kpis.drillPassRate()).isNull();
        assertThat(kpis.daysSinceLastDrill()).isNull();
        assertThat(kpis.lastDrillPassed()).isNull();
    }

    @Test
    public void ratesCountSuccessesRollbacksAndChangeFailuresOfDeployedReleases() {
        List<HistoryEntry> entries = List.of(
                HistoryEntry.of(build(6), BuildResult.SUCCESS, success(6, 300)),
                HistoryEntry.of(build(5), BuildResult.FAILURE, rolledBack(5, 60, 90, false)),
                HistoryEntry.of(build(4), BuildResult.FAILURE, gateFailed(4)),
                HistoryEntry.of(build(3), BuildResult.UNSTABLE, success(3, 200)),
                HistoryEntry.of(build(2), BuildResult.SUCCESS, success(2, 100)));

        HistoryKpis kpis = ReleaseHistory.of(entries, 50, clock).kpis();

        assertThat(kpis.releases()).isEqualTo(5);
        assertThat(kpis.succeeded()).as("SUCCESS without rollback; UNSTABLE is not a success").isEqualTo(2);
        assertThat(kpis.successRate()).isEqualTo(0.4);
        assertThat(kpis.rolledBack()).isEqualTo(1);
        assertThat(kpis.rollbackRate()).isEqualTo(0.2);
        assertThat(kpis.deployed()).as("the gate failure changed nothing").isEqualTo(4);
        assertThat(kpis.changeFailures()).isEqualTo(1);
        assertThat(kpis.changeFailureRate()).isEqualTo(0.25);
    }

    @Test
    public void aFailedVerificationWithoutRollbackIsAChangeFailure() {
        ReleaseReport failedVerification = success(1, 100)
                .withStage(HistoryReports.stage("verify", StageKind.VERIFY, start(1), 20, 100, StageStatus.FAILURE));

        HistoryKpis kpis = ReleaseHistory.of(List.of(HistoryEntry.of(build(1), BuildResult.FAILURE, failedVerification)),
                50, clock).kpis();

        assertThat(kpis.rolledBack()).isZero();
        assertThat(kpis.changeFailures()).isEqualTo(1);
        assertThat(kpis.meanTimeToDetect()).isEqualTo(Duration.ofSeconds(90));
        assertThat(kpis.meanTimeToRecover()).as("never recovered").isNull();
    }

    @Test
    public void percentilesOfOneRelease() {
        HistoryKpis kpis = ReleaseHistory.of(List.of(HistoryEntry.of(build(1), BuildResult.SUCCESS, success(1, 120))),
                50, clock).kpis();

        assertThat(kpis.durations()).isEqualTo(1);
        assertThat(kpis.medianDuration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(kpis.p90Duration()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    public void percentilesOfTwoReleasesInterpolate() {
        HistoryKpis kpis = ReleaseHistory.of(List.of(
                HistoryEntry.of(build(2), BuildResult.SUCCESS, success(2, 300)),
                HistoryEntry.of(build(1), BuildResult.SUCCESS, success(1, 100))), 50, clock).kpis();

        assertThat(kpis.medianDuration()).isEqualTo(Duration.ofSeconds(200));
        assertThat(kpis.p90Duration()).isEqualTo(Duration.ofSeconds(280));
    }

    @Test
    public void percentilesOfManyReleases() {
        List<Duration> sorted = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            sorted.add(Duration.ofSeconds(i * 10L));
        }
        assertThat(ReleaseHistory.percentile(sorted, 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(ReleaseHistory.percentile(sorted, 0.9)).isEqualTo(Duration.ofSeconds(100));
        assertThat(ReleaseHistory.percentile(List.of(Duration.ofMillis(1), Duration.ofMillis(2)), 0.5))
                .as("exact to the nanosecond").isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(ReleaseHistory.mean(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2))))
                .isEqualTo(Duration.ofNanos(1_666_666_667));
    }

    @Test
    public void meanTimesToDetectAndRecoverComeFromEachRelease() {
        HistoryKpis kpis = ReleaseHistory.of(List.of(
                HistoryEntry.of(build(3), BuildResult.FAILURE, rolledBack(3, 60, 30, false)),
                HistoryEntry.of(build(2), BuildResult.FAILURE, rolledBack(2, 120, -50, false)),
                HistoryEntry.of(build(1), BuildResult.FAILURE, rolledBack(1, 180, 90, false))), 50, clock).kpis();

        assertThat(kpis.detections()).isEqualTo(3);
        assertThat(kpis.meanTimeToDetect()).isEqualTo(Duration.ofSeconds(120));
        assertThat(kpis.recoveries()).as("the failed rollback never recovered").isEqualTo(2);
        assertThat(kpis.meanTimeToRecover()).isEqualTo(Duration.ofSeconds(60));
        assertThat(kpis.rollbackRate()).isEqualTo(1.0);
        assertThat(kpis.changeFailureRate()).isEqualTo(1.0);
    }

    @Test
    public void drillsAreKeptApartFromReleases() {
        ManualClock threeDaysLater = new ManualClock(start(10).plus(Duration.ofDays(3)).plusSeconds(5));
        HistoryKpis kpis = ReleaseHistory.of(List.of(
                HistoryEntry.of(build(11), BuildResult.SUCCESS, success(11, 100)),
                HistoryEntry.of(build(10), BuildResult.SUCCESS, rolledBack(10, 30, 20, true)),
                HistoryEntry.of(build(9), BuildResult.FAILURE, rolledBack(9, 30, -20, true)),
                HistoryEntry.of(build(8), BuildResult.SUCCESS, rolledBack(8, 30, 20, true))), 50, threeDaysLater).kpis();

        assertThat(kpis.releases()).isEqualTo(1);
        assertThat(kpis.successRate()).isEqualTo(1.0);
        assertThat(kpis.rollbackRate()).as("a drill's rollback is no release's").isEqualTo(0.0);
        assertThat(kpis.meanTimeToDetect()).isNull();
        assertThat(kpis.drills()).isEqualTo(3);
        assertThat(kpis.drillsPassed()).isEqualTo(2);
        assertThat(kpis.drillPassRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(kpis.lastDrillAt()).isEqualTo(start(10));
        assertThat(kpis.daysSinceLastDrill()).isEqualTo(3);
        assertThat(kpis.lastDrillPassed()).isTrue();
    }

    @Test
    public void aDrillWithoutRollbackFailedAndAnAbortedOneIsNotCounted() {
        ReleaseReport noRollback = ReleaseReport.empty().withHeader(HistoryReports.header(2, true));
        ReleaseHistory history = ReleaseHistory.of(List.of(
                HistoryEntry.of(build(3), BuildResult.ABORTED, ReleaseReport.empty().withHeader(HistoryReports.header(3, true))),
                HistoryEntry.of(build(2), BuildResult.FAILURE, noRollback)), 50, clock);

        assertThat(history.releases()).extracting(ReleaseHistory.Release::verdict)
                .containsExactly(ReleaseVerdict.ABORTED, ReleaseVerdict.DRILL_FAILED);
        assertThat(history.kpis().drills()).isEqualTo(1);
        assertThat(history.kpis().drillPassRate()).isEqualTo(0.0);
        assertThat(history.kpis().lastDrillPassed()).isFalse();
        assertThat(history.kpis().releases()).as("an aborted drill is no release either").isZero();
    }

    @Test
    public void missingCorruptNonReleaseAndRunningBuildsAreSkippedAndCounted() {
        ReleaseHistory history = ReleaseHistory.of(List.of(
                HistoryEntry.of(build(7), BuildResult.RUNNING, success(7, 100)),
                HistoryEntry.missing(build(6), BuildResult.SUCCESS),
                HistoryEntry.corrupt(build(5), BuildResult.SUCCESS, "not a valid report (line 1, column 2)"),
                HistoryEntry.of(build(4), BuildResult.SUCCESS, ReleaseReport.empty()
                        .withStage(HistoryReports.stage("b", StageKind.BACKUP, start(4), 0, 5, StageStatus.SUCCESS))),
                HistoryEntry.of(build(3), BuildResult.SUCCESS, success(3, 100))), 50, clock);

        assertThat(history.looked()).isEqualTo(5);
        assertThat(history.missing()).isEqualTo(1);
        assertThat(history.corrupt()).isEqualTo(1);
        assertThat(history.notReleases()).isEqualTo(1);
        assertThat(history.running()).isEqualTo(1);
        assertThat(history.releases()).extracting(r -> r.build().number()).containsExactly(7, 3);
        assertThat(history.releases().get(0).verdict()).isEqualTo(ReleaseVerdict.RUNNING);
        assertThat(history.kpis().releases()).as("only the finished release counts").isEqualTo(1);
        assertThat(history.kpis().successRate()).isEqualTo(1.0);
    }

    @Test
    public void onlyTheNewestLimitBuildsAreLookedAt() {
        List<HistoryEntry> entries = new ArrayList<>();
        for (int n = 60; n >= 1; n--) {
            entries.add(n > 10 ? HistoryEntry.of(build(n), BuildResult.SUCCESS, success(n, 100))
                    : HistoryEntry.of(build(n), BuildResult.FAILURE, rolledBack(n, 10, 10, false)));
        }

        ReleaseHistory history = ReleaseHistory.of(entries, 0, clock);

        assertThat(history.looked()).isEqualTo(50);
        assertThat(history.releases()).hasSize(50).first().extracting(r -> r.build().number()).isEqualTo(60);
        assertThat(history.kpis().rollbackRate()).as("the rollbacks of builds 1-10 are outside the window")
                .isEqualTo(0.0);
        assertThat(ReleaseHistory.of(entries, 60, clock).kpis().rolledBack()).isEqualTo(10);
        assertThat(ReleaseHistory.of(entries, Integer.MAX_VALUE, clock).limit()).isEqualTo(ReleaseHistory.MAX_LIMIT);
    }

    @Test
    public void verdictsFollowTheBuildResultAndTheRollback() {
        ReleaseReport ok = success(1, 60);
        assertThat(ReleaseVerdict.of(BuildResult.SUCCESS, ReleaseSummary.of(ok))).isEqualTo(ReleaseVerdict.SUCCEEDED);
        assertThat(ReleaseVerdict.of(BuildResult.UNSTABLE, ReleaseSummary.of(ok))).isEqualTo(ReleaseVerdict.UNSTABLE);
        assertThat(ReleaseVerdict.of(BuildResult.ABORTED, ReleaseSummary.of(ok))).isEqualTo(ReleaseVerdict.ABORTED);
        assertThat(ReleaseVerdict.of(BuildResult.NOT_BUILT, ReleaseSummary.of(ok))).isEqualTo(ReleaseVerdict.FAILED);
        assertThat(ReleaseVerdict.of(BuildResult.FAILURE, ReleaseSummary.of(rolledBack(1, 30, 10, false))))
                .isEqualTo(ReleaseVerdict.ROLLED_BACK);
        assertThat(BuildResult.of(null)).isEqualTo(BuildResult.RUNNING);
        assertThat(BuildResult.of("SUCCESS")).isEqualTo(BuildResult.SUCCESS);
        assertThat(BuildResult.of("RUNNING")).as("not a Jenkins result").isEqualTo(BuildResult.FAILURE);
        assertThat(BuildResult.of("SOMETHING_NEW")).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    public void summaryFallsBackToTheRollbackRecordsAccounting() {
        // A rollback recorded without ROLLBACK/VERIFY stages (e.g. an older report): its own accounting counts.
        ReleaseReport report = ReleaseReport.empty().withHeader(HistoryReports.header(1, false))
                .withRollback(new RollbackRecord("failed", start(1).plusSeconds(50), start(1).plusSeconds(60), List.of(),
                        StageStatus.SUCCESS, start(1), start(1).plusSeconds(50), start(1).plusSeconds(60),
                        Duration.ofSeconds(50), Duration.ofSeconds(10), true, null, false, null));

        ReleaseSummary summary = ReleaseSummary.of(report);

        assertThat(summary.deployed()).isTrue();
        assertThat(summary.rolledBack()).isTrue();
        assertThat(summary.timeToDetect()).isEqualTo(Duration.ofSeconds(50));
        assertThat(summary.timeToRecover()).isEqualTo(Duration.ofSeconds(10));
    }
}
