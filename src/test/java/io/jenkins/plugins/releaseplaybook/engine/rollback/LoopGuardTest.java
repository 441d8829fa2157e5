package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.Test;

/** Consecutive rolled-back releases, counted from the builds' reports, newest first. */
public class LoopGuardTest {
    private static final String JOB = "shop/checkout";

    private static BuildRef build(int number) {
        return new BuildRef(JOB, number, "https://ci.example.com/job/shop/job/checkout/" + number + "/");
    }

    private static ReleaseReport release(int number, boolean drill) {
        return ReleaseReport.empty().withHeader(new ReleaseHeader("checkout", "1." + number, Risk.HIGH, List.of(),
                List.of(), drill, build(number), T0.plusSeconds(number * 3600L)));
    }

    private static ReleaseReport rolledBack(int number, boolean drill) {
        Instant at = T0.plusSeconds(number * 3600L + 600);
        return release(number, drill).withRollback(new RollbackRecord("sh failed", at, at.plusSeconds(60), List.of(),
                StageStatus.SUCCESS));
    }

    /** Builds from {@code newest} down, each a report (null: no report). */
    private static List<LoopGuard.Entry> history(int newest, ReleaseReport... reports) {
        List<LoopGuard.Entry> entries = new ArrayList<>();
        for (int i = 0; i < reports.length; i++) {
            entries.add(LoopGuard.entry(build(newest - i), reports[i]));
        }
        return entries;
    }

    @Test
    public void threeConsecutiveRollbacksRefuseTheNextReleaseNamingTheBuilds() {
        List<LoopGuard.Entry> builds = history(12, rolledBack(12, false), rolledBack(11, false), rolledBack(10, false),
                release(9, false));

        LoopGuard.Decision decision = LoopGuard.decide(JOB, builds, LoopGuard.DEFAULT_MAX_CONSECUTIVE_ROLLBACKS, false);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.consecutive()).isEqualTo(3);
        assertThat(decision.rolledBack()).extracting(BuildRef::number).containsExactly(12, 11, 10);
        assertThat(decision.message().english()).isEqualTo("3 consecutive releases of shop/checkout rolled back"
                + " (#12 (https://ci.example.com/job/shop/job/checkout/12/), #11 (https://ci.example.com/job/shop/job/"
                + "checkout/11/), #10 (https://ci.example.com/job/shop/job/checkout/10/)); the limit is 3. Find the"
                + " cause, then acknowledge on the job's Release History page (needs Configure) or pass"
                + " releasePlan(acknowledgeRollbacks: true).");
        assertThat(decision.message().message(Locale.SIMPLIFIED_CHINESE)).contains("#12").contains("acknowledgeRollbacks");
        assertThatThrownBy(decision::requireAllowed).isInstanceOfSatisfying(RollbackException.class,
                e -> assertThat(e.kind()).isEqualTo(RollbackException.Kind.LOOP_GUARDED));
    }

    @Test
    public void theCountStopsAtTheFirstReleaseThatDidNotRollBack() throws Exception {
        List<LoopGuard.Entry> builds = history(12, rolledBack(12, false), rolledBack(11, false), release(10, false),
                rolledBack(9, false), rolledBack(8, false));

        LoopGuard.Decision decision = LoopGuard.decide(JOB, builds, 3, false);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.consecutive()).isEqualTo(2);
        decision.requireAllowed();
    }

    @Test
    public void drillsAndBuildsThatAreNoReleaseAreLeftOutOfTheCount() {
        List<LoopGuard.Entry> builds = history(15, rolledBack(15, false), rolledBack(14, true), null,
                ReleaseReport.empty(), rolledBack(11, false), rolledBack(10, false));

        assertThat(LoopGuard.consecutive(builds)).extracting(BuildRef::number).containsExactly(15, 11, 10);
        assertThat(LoopGuard.decide(JOB, builds, 3, false).allowed()).isFalse();
    }

    @Test
    public void anAcknowledgementOnThePageResetsTheCountAtThatBuild() {
        ReleaseReport acknowledged = release(12, false).withRollback(rolledBack(12, false).rollbacks().get(0)
                .acknowledged(new RollbackRecord.Acknowledgement("alice", T0.plusSeconds(13 * 3600L), "page")));
        List<LoopGuard.Entry> builds = history(12, acknowledged, rolledBack(11, false), rolledBack(10, false));

        assertThat(LoopGuard.consecutive(builds)).isEmpty();
        assertThat(LoopGuard.decide(JOB, builds, 3, false).allowed()).isTrue();
        // Two more rollbacks after it do not reach the limit; a third does.
        List<LoopGuard.Entry> later = new ArrayList<>(history(14, rolledBack(14, false), rolledBack(13, false)));
        later.addAll(builds);
        assertThat(LoopGuard.decide(JOB, later, 3, false).allowed()).isTrue();
        later.add(0, LoopGuard.entry(build(15), rolledBack(15, false)));
        assertThat(LoopGuard.decide(JOB, later, 3, false).rolledBack()).extracting(BuildRef::number)
                .containsExactly(15, 14, 13);
    }

    @Test
    public void aBuildThatAcknowledgedAndThenRolledBackStillCountsItself() {
        Instant before = T0.plusSeconds(12 * 3600L + 1); // at releasePlan, before its own rollback
        ReleaseReport again = release(12, false).withRollback(rolledBack(12, false).rollbacks().get(0)
                .acknowledged(new RollbackRecord.Acknowledgement("bob", before, "acknowledgeRollbacks")));

        assertThat(LoopGuard.consecutive(history(12, again, rolledBack(11, false), rolledBack(10, false))))
                .extracting(BuildRef::number).containsExactly(12);
    }

    @Test
    public void acknowledgeRollbacksLetsTheReleaseRunAndZeroTurnsTheGuardOff() {
        List<LoopGuard.Entry> builds = history(12, rolledBack(12, false), rolledBack(11, false), rolledBack(10, false));

        assertThat(LoopGuard.decide(JOB, builds, 3, true).allowed()).isTrue();
        assertThat(LoopGuard.decide(JOB, builds, 3, true).consecutive()).isEqualTo(3);
        assertThat(LoopGuard.decide(JOB, builds, 0, false).allowed()).isTrue();
        assertThat(LoopGuard.decide(JOB, builds, 4, false).allowed()).isTrue();
    }

    @Test
    public void aLongRunNamesTheNewestFiveBuilds() {
        List<LoopGuard.Entry> builds = new ArrayList<>();
        for (int n = 20; n > 12; n--) {
            builds.add(LoopGuard.entry(build(n), rolledBack(n, false)));
        }

        String message = LoopGuard.decide(JOB, builds, 3, false).message().english();

        assertThat(message).startsWith("8 consecutive releases").contains("#16 (").doesNotContain("#15 (")
                .contains(", …)");
    }

    /** The Release History form's path: the report of the newest build gets the acknowledgement, stored and read back. */
    @Test
    public void acknowledgingTheNewestRolledBackReportThroughItsJsonLetsTheNextReleaseRun() throws Exception {
        ReleaseReport newest = rolledBack(12, false);
        List<LoopGuard.Entry> before = history(12, newest, rolledBack(11, false), rolledBack(10, false));
        assertThat(LoopGuard.decide(JOB, before, 3, false).allowed()).isFalse();

        Instant now = newest.rollbacks().get(0).end().plusSeconds(3600);
        ReleaseReport acknowledged = newest.withRollbackAcknowledged(
                new RollbackRecord.Acknowledgement("alice", now, "page"));
        ReleaseReport stored = ReleaseReportJson.read(
                new ByteArrayInputStream(ReleaseReportJson.toBytes(acknowledged)), "12/release-report.json");
        List<LoopGuard.Entry> after = history(12, stored, rolledBack(11, false), rolledBack(10, false));

        LoopGuard.Decision decision = LoopGuard.decide(JOB, after, 3, false);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.consecutive()).isZero();
        assertThat(stored.rollbacks().get(0).acknowledgement())
                .isEqualTo(new RollbackRecord.Acknowledgement("alice", now, "page"));

        // The next release rolls back too: it counts alone, the acknowledged ones stay forgiven.
        List<LoopGuard.Entry> later = new ArrayList<>();
        later.add(LoopGuard.entry(build(13), rolledBack(13, false)));
        later.addAll(after);
        assertThat(LoopGuard.consecutive(later)).extracting(BuildRef::number).containsExactly(13);
    }

    @Test
    public void acknowledgingAnOlderBuildThanTheNewestRolledBackOneDoesNotClearTheNewerOnes() {
        ReleaseReport middle = rolledBack(11, false).withRollbackAcknowledged(
                new RollbackRecord.Acknowledgement("alice", T0.plusSeconds(11 * 3600L + 900), "page"));

        assertThat(LoopGuard.consecutive(history(13, rolledBack(13, false), rolledBack(12, false), middle,
                rolledBack(10, false)))).extracting(BuildRef::number).containsExactly(13, 12);
    }
}
