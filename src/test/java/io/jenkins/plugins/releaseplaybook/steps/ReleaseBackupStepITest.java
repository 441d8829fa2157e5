package io.jenkins.plugins.releaseplaybook.steps;

import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.contents;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.manifests;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.q;
import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.releaseplaybook.config.BackupsSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupLayout;
import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.nio.file.Path;
import java.util.Objects;
import java.util.TreeMap;
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

/**
 * {@code releaseBackup} in a real Jenkins, on the controller and on an agent: the archive on the node, the returned
 * map, the report's record with its restore call, defaults from the global configuration, retention that spares
 * what running builds reference, and a failure recorded as a failed stage.
 */
public class ReleaseBackupStepITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void backsUpAndRestoresOnTheController() throws Exception {
        Path data = tree(temp.newFolder("data").toPath());
        Path destination = temp.newFolder("backups").toPath();
        Path restored = temp.newFolder("restored").toPath();

        WorkflowRun build = j.buildAndAssertSuccess(job("roundtrip", "node {\n"
                + "  def saved = releaseBackup(name: 'checkout', paths: [" + q(data) + "], excludes: ['**/*.log'],"
                + " destination: " + q(destination) + ")\n"
                + "  echo \"id=${saved.id} name=${saved.name} files=${saved.files} verified=${saved.verified}"
                + " restoreTested=${saved.restoreTested} node=${saved.node}\"\n"
                + "  echo \"archive=${saved.archive} sha256=${saved.sha256} compression=${saved.compression}\"\n"
                + "  def back = releaseRestore(backup: saved, target: " + q(restored) + ")\n"
                + "  echo \"dryRun=${back.dryRun} restored=${back.restored}\"\n"
                + "}"));

        ReleaseReport report = report(build);
        assertThat(report.backups()).hasSize(1);
        BackupRecord backup = report.backups().get(0);
        assertThat(backup.name()).isEqualTo("checkout");
        assertThat(backup.node()).isEqualTo("built-in");
        assertThat(backup.paths()).containsExactly(data.toString());
        assertThat(backup.excludes()).containsExactly("**/*.log");
        assertThat(backup.compression()).isEqualTo("zstd");
        assertThat(backup.files()).isEqualTo(2);
        assertThat(backup.verified()).isTrue();
        assertThat(backup.destination()).isEqualTo(destination.toString());
        assertThat(backup.archive()).isEqualTo(destination.resolve("checkout").resolve(backup.id() + ".tar.zst").toString());
        assertThat(backup.restoreCall()).isEqualTo("node('built-in') { releaseRestore(id: '" + backup.id()
                + "', destination: '" + destination + "') }");
        assertThat(manifests(destination, "checkout"))
                .containsExactly(destination.resolve("checkout").resolve(backup.id() + BackupLayout.MANIFEST_SUFFIX));

        j.assertLogContains("id=" + backup.id() + " name=checkout files=2 verified=true restoreTested=false"
                + " node=built-in", build);
        j.assertLogContains("archive=" + backup.archive() + " sha256=" + backup.sha256() + " compression=zstd", build);
        j.assertLogContains("[releaseBackup] Restore it with: " + backup.restoreCall(), build);

        Path copy = restored.resolve(BackupLayout.archivePath(data));
        TreeMap<String, String> expected = contents(data);
        expected.remove("server.log");
        assertThat(contents(copy)).isEqualTo(expected);
        j.assertLogContains("dryRun=false restored=[" + copy + "]", build);
        assertThat(report.restores()).singleElement().satisfies(restore -> {
            assertThat(restore.backupId()).isEqualTo(backup.id());
            assertThat(restore.node()).isEqualTo("built-in");
            assertThat(restore.target()).isEqualTo(restored.toString());
            assertThat(restore.dryRun()).isFalse();
            assertThat(restore.restored()).containsExactly(copy.toString());
        });
        assertThat(report.timeline()).extracting(StageRecord::kind, StageRecord::name, StageRecord::status)
                .containsExactly(
                        tuple(StageKind.BACKUP, "checkout", StageStatus.SUCCESS),
                        tuple(StageKind.RESTORE, backup.id(), StageStatus.SUCCESS));
    }

    /** On an agent: the engine runs there, and the default destination is under the agent's root directory. */
    @Test
    public void backsUpAndRestoresOnAnAgentUnderItsRootByDefault() throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        Path data = tree(temp.newFolder("agent-data").toPath());
        Path agentRoot = Path.of(Objects.requireNonNull(agent.getRootPath()).getRemote());
        Path destination = agentRoot.resolve("release-backups");

        WorkflowRun build = j.buildAndAssertSuccess(job("on-agent", "node(" + q(agent.getNodeName()) + ") {\n"
                + "  def saved = releaseBackup(name: 'checkout', paths: [" + q(data) + "])\n"
                + "  echo \"node=${saved.node} destination=${saved.destination}\"\n"
                + "  releaseRestore(id: saved.id, target: 'restored')\n"
                + "}"));

        BackupRecord backup = report(build).backups().get(0);
        assertThat(backup.node()).isEqualTo(agent.getNodeName());
        assertThat(backup.destination()).isEqualTo(destination.toString());
        assertThat(backup.restoreCall()).startsWith("node('" + agent.getNodeName() + "') { releaseRestore(id: ");
        assertThat(manifests(destination, "checkout")).hasSize(1);
        j.assertLogContains("node=" + agent.getNodeName() + " destination=" + destination, build);
        Path copy = agentRoot.resolve("workspace").resolve("on-agent").resolve("restored")
                .resolve(BackupLayout.archivePath(data));
        assertThat(contents(copy)).isEqualTo(contents(data));
        assertThat(report(build).restores().get(0).node()).isEqualTo(agent.getNodeName());
    }

    /** Destination, compression and keep come from Manage Jenkins when the job does not say. */
    @Test
    public void defaultsComeFromTheGlobalConfigurationAndRetentionKeepsTheNewest() throws Exception {
        Path data = tree(temp.newFolder("data").toPath());
        Path destination = temp.newFolder("shared").toPath();
        BackupsSection defaults = new BackupsSection();
        defaults.setDefaultDestination(destination.toString());
        defaults.setDefaultCompression("gzip");
        defaults.setDefaultKeep(1);
        ReleasePlaybookConfiguration.get().setBackups(defaults);
        WorkflowJob job = job("defaults", "node {\n"
                + "  def saved = releaseBackup(name: 'checkout', paths: [" + q(data) + "])\n"
                + "  echo \"compression=${saved.compression} deleted=${saved.deleted}\"\n"
                + "}");

        WorkflowRun first = j.buildAndAssertSuccess(job);
        WorkflowRun second = j.buildAndAssertSuccess(job);

        String firstId = report(first).backups().get(0).id();
        BackupRecord kept = report(second).backups().get(0);
        assertThat(kept.archive()).endsWith(".tar.gz").startsWith(destination.toString());
        assertThat(manifests(destination, "checkout"))
                .containsExactly(destination.resolve("checkout").resolve(kept.id() + BackupLayout.MANIFEST_SUFFIX));
        j.assertLogContains("compression=gzip deleted=[]", first);
        j.assertLogContains("compression=gzip deleted=[" + firstId + "]", second);
        j.assertLogContains("[releaseBackup] Retention removed older backups of checkout: " + firstId, second);
    }

    /** Retention never deletes a backup that the report of a running build lists, whatever keep says. */
    @Test
    public void aBackupThatARunningBuildReferencesIsKept() throws Exception {
        Path data = tree(temp.newFolder("data").toPath());
        Path destination = temp.newFolder("backups").toPath();
        String backup = "releaseBackup(name: 'checkout', paths: [" + q(data) + "], destination: " + q(destination)
                + ", keep: 1)";
        WorkflowJob holding = job("holding", "node { " + backup + " }\nsemaphore 'hold'");
        WorkflowJob next = job("next", "node {\n  def saved = " + backup + "\n  echo \"deleted=${saved.deleted}\"\n}");

        WorkflowRun running = holding.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("hold/1", running);
        String held = report(running).backups().get(0).id();
        WorkflowRun whileRunning = j.buildAndAssertSuccess(next);
        j.assertLogContains("deleted=[]", whileRunning);
        assertThat(manifests(destination, "checkout")).hasSize(2);

        SemaphoreStep.success("hold/1", null);
        j.assertBuildStatusSuccess(j.waitForCompletion(running));
        WorkflowRun afterwards = j.buildAndAssertSuccess(next);
        assertThat(manifests(destination, "checkout")).hasSize(1);
        j.assertLogContains(held, afterwards);
    }

    @Test
    public void aMissingPathFailsTheStepAsAFailedStageAndListsNothing() throws Exception {
        Path destination = temp.newFolder("backups").toPath();
        Path missing = temp.getRoot().toPath().resolve("no-such-dir");

        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job("missing", "node {\n"
                + "  releaseBackup(name: 'checkout', paths: [" + q(missing) + "], destination: " + q(destination) + ")\n"
                + "}"));

        j.assertLogContains(missing.toString(), build);
        ReleaseReport report = report(build);
        assertThat(report.backups()).isEmpty();
        assertThat(report.timeline()).singleElement().satisfies(stage -> {
            assertThat(stage.kind()).isEqualTo(StageKind.BACKUP);
            assertThat(stage.status()).isEqualTo(StageStatus.FAILURE);
            assertThat(stage.message()).contains(missing.toString());
        });
        assertThat(manifests(destination, "checkout")).isEmpty();
    }

    /** What the plugin checks before the node is asked: a name, something to back up, a readable keep. */
    @Test
    public void requestsThatCannotRunAreRefusedWithWhatToDo() throws Exception {
        WorkflowRun nothing = j.buildAndAssertStatus(Result.FAILURE, job("nothing",
                "node { releaseBackup(name: 'checkout') }"));
        j.assertLogContains("releaseBackup \u201ccheckout\u201d has nothing to back up: give paths, dumps, or both.",
                nothing);
        assertThat(report(nothing).timeline().get(0).status()).isEqualTo(StageStatus.FAILURE);

        WorkflowRun badName = j.buildAndAssertStatus(Result.FAILURE, job("bad-name",
                "node { releaseBackup(name: '../etc', paths: ['x']) }"));
        j.assertLogContains("Backup name \"../etc\" is not allowed", badName);

        WorkflowRun badCompression = j.buildAndAssertStatus(Result.FAILURE, job("bad-compression",
                "node { releaseBackup(name: 'checkout', paths: ['x'], compression: 'lz4') }"));
        j.assertLogContains("Unknown compression \"lz4\": use one of none, gzip, zstd.", badCompression);

        WorkflowRun outside = j.buildAndAssertStatus(Result.FAILURE, job("outside",
                "releaseBackup(name: 'checkout', paths: ['x'])"));
        j.assertLogContains("hudson.FilePath", outside); // the missing context: it must run in a node block
    }

    private WorkflowJob job(String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    static ReleaseReport report(WorkflowRun build) throws Exception {
        return ReleaseReportAction.getOrCreate(build).load();
    }
}
