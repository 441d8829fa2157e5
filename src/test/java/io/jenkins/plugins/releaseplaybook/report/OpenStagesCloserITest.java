package io.jenkins.plugins.releaseplaybook.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/** A stage left RUNNING when its build completes is closed as ABORTED, and the build log says so. */
public class OpenStagesCloserITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void aStageStillRunningWhenTheBuildEndsIsClosed() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("semaphore 'release'", true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("release/1", build);
        // As a step whose end was never recorded leaves it: running, and nothing left to finish it.
        StageRecord orphan = StageRecord.started(StageKind.VERIFY, "checkout", Instant.now());
        StageRecord done = StageRecord.started(StageKind.BACKUP, "config", Instant.now())
                .finished(StageStatus.SUCCESS, Instant.now(), null);
        ReleaseReportAction.getOrCreate(build).update(report -> report.withStage(orphan).withStage(done));

        SemaphoreStep.success("release/1", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(build));

        ReleaseReport report = ReleaseReportAction.getOrCreate(build).load();
        assertThat(report.timeline()).hasSize(2);
        assertThat(report.timeline().get(0)).satisfies(stage -> {
            assertThat(stage.id()).isEqualTo(orphan.id());
            assertThat(stage.status()).isEqualTo(StageStatus.ABORTED);
            assertThat(stage.message()).isEqualTo("build ended while the stage was running");
            assertThat(stage.end()).isNotNull();
        });
        assertThat(report.timeline().get(1)).isEqualTo(done);
        r.assertLogContains("[Release Report] The build ended while 1 stage(s) were still running; they are recorded"
                + " as ABORTED: VERIFY checkout", build);
    }

    @Test
    public void buildsWithoutAReportAreLeftAlone() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "plain");
        job.setDefinition(new CpsFlowDefinition("echo 'no release here'", true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        assertThat(build.getAction(ReleaseReportAction.class)).isNull();
        r.assertLogNotContains("[Release Report]", build);
    }
}
