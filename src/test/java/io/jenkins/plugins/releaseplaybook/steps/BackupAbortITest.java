package io.jenkins.plugins.releaseplaybook.steps;

import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.everything;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.fifo;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.manifests;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.q;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.tree;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.waitingDump;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
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
import org.jvnet.hudson.test.JenkinsRule;

/**
 * An abort during a backup: the build ends ABORTED promptly, the stage is ABORTED, and nothing is listed. The backup
 * is held mid-way by a dump command that waits on a named pipe nobody writes; the test knows it runs because the
 * command first writes a line into another pipe, which the test reads (no sleeps).
 */
public class BackupAbortITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void anAbortOnTheControllerListsNothingAndLeavesNoTemporaryFile() throws Exception {
        Path destination = temp.newFolder("backups").toPath();

        WorkflowRun build = abortMidway("node", destination);

        assertThat(manifests(destination, "checkout")).isEmpty();
        // On the controller the step ends only once the engine has stopped and cleaned up.
        assertThat(everything(destination, "checkout")).isEmpty();
    }

    @Test
    public void anAbortOnAnAgentStopsTheBackupThereAndListsNothing() throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        Path destination = temp.newFolder("agent-backups").toPath();

        abortMidway("node(" + q(agent.getNodeName()) + ")", destination);

        assertThat(manifests(destination, "checkout")).isEmpty();
    }

    private WorkflowRun abortMidway(String node, Path destination) throws Exception {
        Path data = tree(temp.newFolder().toPath());
        Path started = fifo(temp.getRoot().toPath().resolve("started-" + System.nanoTime()));
        Path gate = fifo(temp.getRoot().toPath().resolve("gate-" + System.nanoTime()));
        WorkflowJob job = j.createProject(WorkflowJob.class, j.createUniqueProjectName());
        job.setDefinition(new CpsFlowDefinition(node + " {\n"
                + "  releaseBackup(name: 'checkout', paths: [" + q(data) + "], destination: " + q(destination)
                + ", dumps: " + waitingDump(started, gate) + ")\n"
                + "}", true));

        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        // Blocks until the dump command has opened the pipe and written its line: the backup is under way.
        assertThat(Files.readString(started, StandardCharsets.UTF_8)).isEqualTo("running\n");
        build.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        assertThat(ReleaseBackupStepITest.report(build).timeline()).singleElement().satisfies(stage -> {
            assertThat(stage.kind()).isEqualTo(StageKind.BACKUP);
            assertThat(stage.status()).isEqualTo(StageStatus.ABORTED);
            assertThat(stage.message()).startsWith("Aborted: a backup that did not finish is not listed");
        });
        assertThat(ReleaseBackupStepITest.report(build).backups()).isEmpty();
        return build;
    }
}
