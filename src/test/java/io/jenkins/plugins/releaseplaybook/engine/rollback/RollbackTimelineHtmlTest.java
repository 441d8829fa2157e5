package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportHtml;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Test;

/**
 * What {@code autoRollback} writes into a drill's report (the body's RELEASE stage, the rollback's ROLLBACK stage and
 * record) shows on the report page: both stages on the timeline, the rollback section, the DRILL badges.
 */
public class RollbackTimelineHtmlTest {
    @Test
    public void theTimelineShowsTheReleaseAndTheRollbackAndADrillIsMarked() throws Exception {
        ManualClock clock = new ManualClock(T0);
        RollbackPlan plan = RollbackPlan.builder().action(RollbackAction.command("./deploy.sh --previous")).build();
        RollbackState state = RollbackState.begin(plan, true, clock.instant());
        clock.advance(Duration.ofSeconds(90));
        state = state.bodyFailed(Failure.bodyFailed("sh", "exit code 1", clock.instant()), clock.instant(), null);
        RollbackResult result = RollbackRun.builder(new Fakes.Actions(clock)).clock(clock).build().execute(state)
                .result();

        StageRecord release = new StageRecord("release-1", StageKind.RELEASE, "release", T0, T0.plusSeconds(90),
                StageStatus.FAILURE, "sh failed: exit code 1");
        ReleaseReport report = ReleaseReport.empty()
                .withHeader(new ReleaseHeader("checkout", "1.4.2", Risk.LOW, List.of(), List.of(), true,
                        new BuildRef("p", 1, "job/p/1/"), T0.minusSeconds(5)))
                .withStage(release).withStage(result.toStage("rollback-1")).withRollback(result.toRecord());

        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(report, Locale.ROOT));

        assertThat(page.select("svg.rp-timeline .rp-timeline-label").eachText())
                .containsExactly("release: release", "rollback: rollback");
        assertThat(page.select("svg.rp-timeline rect.rp-bar")).hasSize(2);
        assertThat(page.select("section.rp-section-rollbacks")).hasSize(1);
        assertThat(page.select(".rp-drill")).as("in the header and on the rollback").hasSize(2);
        assertThat(result.toStage("rollback-1").status()).isEqualTo(StageStatus.SUCCESS);
    }
}
