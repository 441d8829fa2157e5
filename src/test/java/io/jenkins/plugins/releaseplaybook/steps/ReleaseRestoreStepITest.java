package io.jenkins.plugins.releaseplaybook.steps;

import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.q;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.tree;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.RestoreRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
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
 * {@code releaseRestore} in a real Jenkins: back to the original places (what it replaced), a dry run that writes
 * nothing, the newest backup of a name, and the ways of naming a backup that are refused before the node is asked.
 */
public class ReleaseRestoreStepITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aDryRunChangesNothingAndARestorePutsBackWhatWasThere() throws Exception {
        Path data = tree(temp.newFolder("data").toPath());
        Path destination = temp.newFolder("backups").toPath();
        Path changed = data.resolve("app.properties");

        WorkflowRun build = j.buildAndAssertSuccess(job("restore", "node {\n"
                + "  releaseBackup(name: 'checkout', paths: [" + q(data) + "], destination: " + q(destination) + ")\n"
                + "  writeFile(file: " + q(changed) + ", text: 'port=9090\\n')\n"
                + "  def preview = releaseRestore(name: 'checkout', latest: true, destination: " + q(destination)
                + ", dryRun: true)\n"
                + "  echo \"dryRun=${preview.dryRun} changes=${preview.changes.size()} port=${readFile(" + q(changed)
                + ").trim()}\"\n"
                + "  def back = releaseRestore(name: 'checkout', latest: true, destination: " + q(destination) + ")\n"
                + "  echo \"replaced=${back.replaced} port=${readFile(" + q(changed) + ").trim()}\"\n"
                + "}"));

        j.assertLogContains("dryRun=true", build);
        j.assertLogContains("port=9090", build); // after the dry run
        j.assertLogContains("replaced=[" + data + "] port=8080", build);
        assertThat(Files.readString(changed)).isEqualTo("port=8080\n");
        ReleaseReport report = ReleaseBackupStepITest.report(build);
        assertThat(report.restores()).hasSize(2);
        RestoreRecord preview = report.restores().get(0);
        assertThat(preview.dryRun()).isTrue();
        assertThat(preview.changes()).isNotEmpty();
        assertThat(preview.restored()).isEmpty();
        RestoreRecord restore = report.restores().get(1);
        assertThat(restore.dryRun()).isFalse();
        assertThat(restore.target()).isNull();
        assertThat(restore.backupId()).isEqualTo(report.backups().get(0).id());
        assertThat(restore.replaced()).containsExactly(data.toString());
    }

    /** Which backup must be said exactly once; a backup map of another node is refused naming the node to use. */
    @Test
    public void whichBackupIsCheckedBeforeTheNodeIsAsked() throws Exception {
        assertRefused("node { releaseRestore(target: 'x') }",
                "releaseRestore needs to know which backup: give id, or backup (the map releaseBackup returned),"
                        + " or name with latest: true.");
        assertRefused("node { releaseRestore(id: 'checkout-20261201T104512Z-a1b2c3', name: 'checkout', latest: true) }",
                "releaseRestore got more than one way to say which backup (id, name)");
        assertRefused("node { releaseRestore(name: 'checkout') }",
                "releaseRestore(name: \u201ccheckout\u201d) restores the newest backup of that name only with latest: true");
        assertRefused("node { releaseRestore(backup: [archive: '/x.tar.zst']) }", "The backup map has no id");
        WorkflowRun elsewhere = assertRefused(
                "node { releaseRestore(backup: [id: 'checkout-20261201T104512Z-a1b2c3', node: 'web-9']) }",
                "Backup checkout-20261201T104512Z-a1b2c3 lives on the node web-9, but this releaseRestore runs on"
                        + " built-in: run it inside node('web-9') { ... }.");
        assertThat(ReleaseBackupStepITest.report(elsewhere).timeline()).singleElement().satisfies(stage -> {
            assertThat(stage.kind()).isEqualTo(StageKind.RESTORE);
            assertThat(stage.name()).isEqualTo("checkout-20261201T104512Z-a1b2c3");
            assertThat(stage.status()).isEqualTo(StageStatus.FAILURE);
        });
    }

    @Test
    public void anUnknownIdIsNotFoundNamingTheDestination() throws Exception {
        Path destination = temp.newFolder("backups").toPath();
        WorkflowRun build = assertRefused("node { releaseRestore(id: 'checkout-20261201T104512Z-a1b2c3', destination: "
                + q(destination) + ") }", "No backup checkout-20261201T104512Z-a1b2c3 in " + destination);
        assertThat(ReleaseBackupStepITest.report(build).restores()).isEmpty();
    }

    private WorkflowRun assertRefused(String script, String message) throws Exception {
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job(j.createUniqueProjectName(), script));
        j.assertLogContains(message, build);
        return build;
    }

    private WorkflowJob job(String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
