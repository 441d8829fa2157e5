package io.jenkins.plugins.releaseplaybook.silences;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.alerting.ActiveSilence;
import io.jenkins.plugins.releaseplaybook.engine.alerting.MatchType;
import io.jenkins.plugins.releaseplaybook.engine.alerting.Matcher;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** How the report records silences and finishes their stages, whoever ends them. */
public class SilenceLedgerTest {
    private static final Instant START = Instant.parse("2026-05-01T12:00:00.123456789Z");

    @Test
    public void openedSilencesAreActiveUnderARunningStage() throws Exception {
        List<ActiveSilence> silences = List.of(silence("a"), silence("b"));
        StageRecord stage = SilenceLedger.runningStage("silenceAlerts", silences, START);

        ReleaseReport report = SilenceLedger.opened(ReleaseReport.empty(), silences, stage);

        assertThat(report.silences()).extracting(r -> r.state()).containsExactly(SilenceState.ACTIVE, SilenceState.ACTIVE);
        assertThat(report.timeline()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(StageKind.SILENCE);
            assertThat(s.name()).as("named after the step").isEqualTo("silenceAlerts");
            assertThat(s.status()).isEqualTo(StageStatus.RUNNING);
            assertThat(s.start()).isEqualTo(START);
        });
        assertThat(SilenceLedger.stageSilenceIds(stage)).containsExactlyInAnyOrder("a", "b");
        assertThat(SilenceLedger.active(report)).extracting(SilenceHandle::getId).containsExactly("a", "b");
        assertThat(SilenceLedger.created(report)).isEqualTo(2);
    }

    @Test
    public void aStageFinishesOnlyWhenNoneOfItsSilencesIsActive() throws Exception {
        List<ActiveSilence> silences = List.of(silence("a"), silence("b"));
        ReleaseReport report = SilenceLedger.opened(ReleaseReport.empty(), silences,
                SilenceLedger.runningStage("silenceAlerts", silences, START));
        Instant now = START.plusSeconds(60);

        ReleaseReport oneClosed = SilenceLedger.closed(report, List.of(expired(silences.get(0))), null,
                StageStatus.SUCCESS, now);
        assertThat(oneClosed.timeline().get(0).status()).isEqualTo(StageStatus.RUNNING);
        assertThat(SilenceLedger.active(oneClosed)).extracting(SilenceHandle::getId).containsExactly("b");

        ReleaseReport bothClosed = SilenceLedger.closed(oneClosed, List.of(expired(silences.get(1))), null,
                StageStatus.SUCCESS, now);
        assertThat(bothClosed.timeline()).singleElement().satisfies(stage -> {
            assertThat(stage.status()).isEqualTo(StageStatus.SUCCESS);
            assertThat(stage.end()).isEqualTo(now);
        });
        assertThat(SilenceLedger.active(bothClosed)).isEmpty();
    }

    @Test
    public void aSilenceThatCouldNotBeExpiredMakesItsStageUnstable() throws Exception {
        List<ActiveSilence> silences = List.of(silence("a"));
        ReleaseReport report = SilenceLedger.opened(ReleaseReport.empty(), silences,
                SilenceLedger.runningStage("silenceAlerts", silences, START));

        ReleaseReport closed = SilenceLedger.closed(report,
                List.of(new SilenceOutcome(silences.get(0), false, "HTTP 403", List.of())), null, StageStatus.SUCCESS,
                START.plusSeconds(1));

        assertThat(closed.silences()).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(SilenceState.EXPIRY_FAILED));
        assertThat(closed.timeline().get(0).status()).isEqualTo(StageStatus.UNSTABLE);
    }

    @Test
    public void aBlockFinishesItsOwnStageWithTheBodysOutcome() throws Exception {
        List<ActiveSilence> first = List.of(silence("a"));
        List<ActiveSilence> second = List.of(silence("b"));
        StageRecord own = SilenceLedger.runningStage("silenceAlerts", first, START);
        ReleaseReport report = SilenceLedger.opened(SilenceLedger.opened(ReleaseReport.empty(), first, own), second,
                SilenceLedger.runningStage("silenceAlerts", second, START));

        ReleaseReport closed = SilenceLedger.closed(report, List.of(expired(first.get(0))), own.id(),
                StageStatus.ABORTED, START.plusSeconds(5));

        assertThat(closed.timeline()).extracting(StageRecord::status)
                .containsExactly(StageStatus.ABORTED, StageStatus.RUNNING);
    }

    @Test
    public void silencesAlreadyClosedAreNotExpiredAgain() throws Exception {
        List<ActiveSilence> silences = List.of(silence("a"), silence("b"));
        ReleaseReport report = SilenceLedger.closed(SilenceLedger.opened(ReleaseReport.empty(), silences,
                SilenceLedger.runningStage("silenceAlerts", silences, START)), List.of(expired(silences.get(0))), null,
                StageStatus.SUCCESS, START);

        List<SilenceHandle> pending = SilenceLedger.stillActive(report, SilenceHandle.of(silences));

        assertThat(pending).extracting(SilenceHandle::getId).containsExactly("b");
        assertThat(SilenceLedger.stillActive(ReleaseReport.empty(), SilenceHandle.of(silences)))
                .as("silences the report does not know are expired all the same").hasSize(2);
    }

    @Test
    public void aFailedStageIsFinishedAndOpensNoSilences() throws Exception {
        StageRecord failed = SilenceLedger.failedStage("createSilences", START, StageStatus.FAILURE, "refused");

        assertThat(failed.status()).isEqualTo(StageStatus.FAILURE);
        assertThat(failed.name()).isEqualTo("createSilences");
        assertThat(failed.end()).isAfterOrEqualTo(START);
        assertThat(SilenceLedger.stageSilenceIds(failed)).isEmpty();
    }

    static ActiveSilence silence(String id) {
        return new ActiveSilence(id, List.of(new Matcher("service", MatchType.EQUAL, "checkout"),
                new Matcher("alertname", MatchType.REGEX, "High.*")),
                START, START.plus(Duration.ofMinutes(45)), "Jenkins: p #1", "checkout release",
                URI.create("http://alertmanager.example.com:9093"));
    }

    private static SilenceOutcome expired(ActiveSilence silence) {
        return new SilenceOutcome(silence, true, null, List.of("HighLatency{service=\"checkout\"}"));
    }
}
