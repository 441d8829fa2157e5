package io.jenkins.plugins.releaseplaybook.steps;

import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.fifo;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.manifests;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.q;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.tree;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.waitingDump;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * A controller restart during {@code releaseBackup}: the call to the node does not survive it, so the resumed step
 * fails saying so (and that nothing unfinished is listed), and the stage is finished as FAILURE.
 */
public class ReleaseBackupRestartITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aRestartDuringABackupFailsTheStepClearly() throws Throwable {
        Path data = tree(temp.newFolder("data").toPath());
        Path destination = temp.newFolder("backups").toPath();
        Path started = fifo(temp.getRoot().toPath().resolve("started"));
        Path gate = fifo(temp.getRoot().toPath().resolve("gate"));
        sessions.then(j -> {
            WorkflowJob job = j.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  releaseBackup(name: 'checkout', paths: [" + q(data) + "], destination: " + q(destination)
                    + ", dumps: " + waitingDump(started, gate) + ")\n"
                    + "}", true));
            job.scheduleBuild2(0).waitForStart();
            assertThat(Files.readString(started, StandardCharsets.UTF_8)).isEqualTo("running\n");
        });
        sessions.then(j -> {
            WorkflowJob job = j.jenkins.getItemByFullName("p", WorkflowJob.class);
            WorkflowRun build = job.getBuildByNumber(1);
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
            j.assertLogContains("The controller restarted while releaseBackup \u201ccheckout\u201d was running, so"
                    + " whether it finished is unknown. A backup that did not finish is never listed; run the step"
                    + " again.", build);
            assertThat(ReleaseBackupStepITest.report(build).timeline()).singleElement()
                    .satisfies(stage -> assertThat(stage.status()).isEqualTo(StageStatus.FAILURE));
            assertThat(manifests(destination, "checkout")).isEmpty();
        });
    }
}
