package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Reading a job's earlier builds for the loop guard: newest first, only as far as needed, damage passed over. */
public class LoopGuardHistoryTest {
    private static final String JOB = "checkout";

    private final List<Integer> read = new ArrayList<>();

    private static BuildRef build(int number) {
        return new BuildRef(JOB, number, null);
    }

    private static ReleaseReport release(int number) {
        return ReleaseReport.empty().withHeader(new ReleaseHeader("checkout", "1." + number, Risk.HIGH, List.of(),
                List.of(), false, build(number), T0.plusSeconds(number * 3600L)));
    }

    private static ReleaseReport rolledBack(int number) {
        Instant at = T0.plusSeconds(number * 3600L + 600);
        return release(number).withRollback(new RollbackRecord("sh failed", at, at.plusSeconds(60), List.of(),
                StageStatus.SUCCESS));
    }

    /** Builds from {@code newest} down; each source records that it was read. */
    private List<LoopGuardHistory.PastBuild> builds(int newest, LoopGuardHistory.ReportSource... sources) {
        List<LoopGuardHistory.PastBuild> builds = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            int number = newest - i;
            LoopGuardHistory.ReportSource source = sources[i];
            builds.add(new LoopGuardHistory.PastBuild(build(number), () -> {
                read.add(number);
                return source.read();
            }));
        }
        return builds;
    }

    private static LoopGuardHistory.ReportSource of(ReleaseReport report) {
        return () -> report;
    }

    @Test
    public void stopsReadingAtTheFirstReleaseThatDidNotRollBack() {
        LoopGuardHistory.Read history = LoopGuardHistory.read(builds(9, of(rolledBack(9)), of(null),
                of(rolledBack(7)), of(release(6)), of(rolledBack(5))).iterator(), 50);

        assertThat(read).containsExactly(9, 8, 7, 6);
        assertThat(LoopGuard.consecutive(history.entries())).extracting(BuildRef::number).containsExactly(9, 7);
        assertThat(history.unreadable()).isEmpty();
    }

    @Test
    public void readsAtMostTheLimit() {
        LoopGuardHistory.Read history = LoopGuardHistory.read(builds(5, of(rolledBack(5)), of(rolledBack(4)),
                of(rolledBack(3)), of(rolledBack(2)), of(rolledBack(1))).iterator(), 3);

        assertThat(read).containsExactly(5, 4, 3);
        assertThat(LoopGuard.decide(JOB, history.entries(), 3, false).allowed()).isFalse();
    }

    @Test
    public void aDamagedReportIsNoReleaseAndIsNamed() {
        LoopGuardHistory.Read history = LoopGuardHistory.read(builds(4, of(rolledBack(4)), () -> {
            throw new IOException("not JSON");
        }, () -> {
            throw new IllegalStateException("a record refused its value");
        }, of(rolledBack(1)), of(rolledBack(0))).iterator(), 50);

        assertThat(history.unreadable()).extracting(BuildRef::number).containsExactly(3, 2);
        assertThat(history.entries()).hasSize(5);
        assertThat(LoopGuard.consecutive(history.entries())).extracting(BuildRef::number).containsExactly(4, 1, 0);
    }

    @Test
    public void anAcknowledgementOfReleasePlanEndsTheCountAtItsBuild() {
        ReleaseReport acknowledged = rolledBack(6);
        Instant before = acknowledged.rollbacks().get(0).start().minusSeconds(300);
        acknowledged = acknowledged.withHeader(acknowledged.header().withAcknowledgement(
                new RollbackRecord.Acknowledgement("alice", before, "acknowledgeRollbacks")));

        LoopGuardHistory.Read history = LoopGuardHistory.read(builds(7, of(rolledBack(7)), of(acknowledged),
                of(rolledBack(5)), of(rolledBack(4))).iterator(), 50);

        assertThat(read).containsExactly(7, 6);
        // #6 passed acknowledgeRollbacks: true and then rolled back again: it counts, the older ones do not.
        assertThat(LoopGuard.consecutive(history.entries())).extracting(BuildRef::number).containsExactly(7, 6);
        assertThat(LoopGuard.decide(JOB, history.entries(), 3, false).allowed()).isTrue();
    }

    @Test
    public void aReleasePlanAcknowledgementWithoutARollbackEndsTheCountWithoutCounting() {
        ReleaseReport acknowledged = release(6);
        acknowledged = acknowledged.withHeader(acknowledged.header().withAcknowledgement(
                new RollbackRecord.Acknowledgement("alice", T0, "acknowledgeRollbacks")));

        LoopGuardHistory.Read history = LoopGuardHistory.read(builds(6, of(acknowledged), of(rolledBack(5))).iterator(),
                50);

        assertThat(LoopGuard.consecutive(history.entries())).isEmpty();
        assertThat(read).containsExactly(6);
    }

    @Test
    public void aPageAcknowledgementAfterTheHeaderOneWins() {
        ReleaseReport report = rolledBack(6);
        Instant rollback = report.rollbacks().get(0).start();
        report = report.withHeader(report.header().withAcknowledgement(
                new RollbackRecord.Acknowledgement("alice", rollback.minusSeconds(60), "acknowledgeRollbacks")))
                .withRollbackAcknowledged(new RollbackRecord.Acknowledgement("bob", rollback.plusSeconds(600), "page"));

        LoopGuard.Entry entry = LoopGuard.entry(build(6), report);

        assertThat(entry.acknowledgement().by()).isEqualTo("bob");
        assertThat(LoopGuard.consecutive(List.of(entry))).isEmpty();
    }
}
