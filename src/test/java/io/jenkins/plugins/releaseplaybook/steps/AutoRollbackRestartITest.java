package io.jenkins.plugins.releaseplaybook.steps;

import static io.jenkins.plugins.releaseplaybook.steps.AutoRollbackStepITest.readReportFile;
import static io.jenkins.plugins.releaseplaybook.steps.AutoRollbackStepITest.stage;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.io.File;
import java.nio.file.Files;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** {@code autoRollback} across a controller restart: while the body runs, and while the rollback runs. */
public class AutoRollbackRestartITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** The body resumes by itself; its failure after the restart still rolls back, with the body's start kept. */
    @Test
    public void aRestartDuringTheBodyStillRollsBackWhenItFails() throws Throwable {
        File marker = new File(tmp.getRoot(), "rolled-back");
        sessions.then(r -> {
            WorkflowRun build = startBuild(r, "node {\n"
                    + "  autoRollback(command: 'touch \"" + marker + "\"') {\n"
                    + "    semaphore 'deploy'\n"
                    + "    error 'the deploy broke after the restart'\n"
                    + "  }\n"
                    + "}");
            SemaphoreStep.waitForStart("deploy/1", build);
        });
        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            SemaphoreStep.success("deploy/1", null);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(build));

            r.assertLogContains("Rolled back because error failed: the deploy broke after the restart", build);
            assertThat(marker).exists();
            ReleaseReport report = readReportFile(build);
            RollbackRecord rollback = report.rollbacks().get(0);
            assertThat(report.rollbacks()).hasSize(1);
            assertThat(rollback.outcome()).isEqualTo(StageStatus.SUCCESS);
            assertThat(rollback.releaseStart()).as("the body's start, from before the restart")
                    .isEqualTo(stage(report, StageKind.RELEASE).start());
            assertThat(stage(report, StageKind.RELEASE).status()).isEqualTo(StageStatus.FAILURE);
        });
    }

    /**
     * The first action is running when the controller stops: after the restart it is recorded as interrupted (and not
     * run again, its work may still be going on), the next action runs, and the rollback counts as failed.
     */
    @Test
    public void aRestartDuringTheRollbackGoesOnWithoutRunningTheInterruptedActionAgain() throws Throwable {
        File started = new File(tmp.getRoot(), "started");
        File second = new File(tmp.getRoot(), "second");
        sessions.then(r -> {
            WorkflowRun build = startBuild(r, "node {\n"
                    + "  autoRollback(actions: [[command: 'echo run >> \"" + started + "\"; echo first-action-\"running\";"
                    + " sleep 600'],\n"
                    + "                         [command: 'touch \"" + second + "\"']]) {\n"
                    + "    error 'the deploy broke'\n"
                    + "  }\n"
                    + "}");
            // The command's own output (the log line naming the action has the quotes): its first line has run.
            r.waitForMessage("first-action-running", build);
        });
        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(build));

            r.assertLogContains("[autoRollback] Resuming the rollback after a controller restart", build);
            r.assertLogContains("was running when the controller restarted: recorded as interrupted", build);
            r.assertLogContains("rollback FAILED", build);
            assertThat(second).as("the next action ran after the restart").exists();
            assertThat(Files.readAllLines(started.toPath())).as("not run again").hasSize(1);
            RollbackRecord rollback = readReportFile(build).rollbacks().get(0);
            assertThat(rollback.actions()).extracting(RollbackRecord.Action::status)
                    .containsExactly(StageStatus.FAILURE, StageStatus.SUCCESS);
            assertThat(rollback.actions().get(0).message()).contains("interrupted by a controller restart");
            assertThat(stage(readReportFile(build), StageKind.ROLLBACK).status()).isEqualTo(StageStatus.FAILURE);
        });
    }

    /** An abort during the rollback stops it cleanly and says what was done. */
    @Test
    public void anAbortDuringTheRollbackStopsItAndSaysWhatWasDone() throws Throwable {
        File second = new File(tmp.getRoot(), "second");
        sessions.then(r -> {
            WorkflowRun build = startBuild(r, "node {\n"
                    + "  autoRollback(actions: [[command: 'sleep 600'], [command: 'touch \"" + second + "\"']]) {\n"
                    + "    error 'the deploy broke'\n"
                    + "  }\n"
                    + "}");
            r.waitForMessage("rollback action 1/2: command sleep 600", build);

            build.getExecution().interrupt(Result.ABORTED, new CauseOfInterruption.UserInterruption("alice"));
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

            r.assertLogContains("rollback ABORTED: rolled back because error failed: the deploy broke", build);
            r.assertLogContains("rollback aborted: the remaining actions were not run", build);
            assertThat(second).doesNotExist();
            assertThat(readReportFile(build).rollbacks().get(0).actions()).extracting(RollbackRecord.Action::status)
                    .containsExactly(StageStatus.ABORTED, StageStatus.SKIPPED);
        });
    }

    private static WorkflowRun startBuild(JenkinsRule r, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job.scheduleBuild2(0).waitForStart();
    }
}
