package io.jenkins.plugins.releaseplaybook.steps;

import static io.jenkins.plugins.releaseplaybook.steps.BackupScripts.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord.DistributionOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRunRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.remote.AgentTransport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * {@code preDistribute(agents: ...)} in a real Jenkins with two agents: the files arrive on both, verified there, an
 * identical re-run skips everything, a target that fails is listed and fails the step unless {@code minSuccess}
 * allows it, and the run is recorded in the Release Report either way.
 */
public class PreDistributeAgentsITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static final String APP = "checkout-1.4.2.jar";
    private static final String CONF = "checkout.yaml";

    @Test
    public void distributesToEveryMatchingAgentAndSkipsIdenticalFilesOnARerun() throws Exception {
        DumbSlave one = j.createOnlineSlave(Label.get("deploy"));
        DumbSlave two = j.createOnlineSlave(Label.get("deploy"));
        WorkflowJob job = job("agents", "node {\n"
                + "  writeFile file: 'target/" + APP + "', text: 'the application'\n"
                + "  writeFile file: 'conf/" + CONF + "', text: 'port: 8080'\n"
                + "  def d = preDistribute(artifacts: 'target/*.jar, conf/*.yaml', agents: 'deploy',"
                + " remoteDirectory: 'releases/1.4.2', createDirectory: true)\n"
                + "  echo \"ok=${d.ok} transport=${d.transport} succeeded=${d.succeeded}\"\n"
                + "  d.targets.each { name, t -> echo \"target ${name} ${t.status} " + APP + "=${t.artifacts['" + APP
                + "'].outcome} verifiedBy=${t.artifacts['" + APP + "'].verifiedBy}\" }\n"
                + "}");

        WorkflowRun first = j.buildAndAssertSuccess(job);

        for (DumbSlave agent : new DumbSlave[] {one, two}) {
            FilePath dir = agent.getRootPath().child("releases/1.4.2");
            assertThat(dir.child(APP).readToString()).isEqualTo("the application");
            assertThat(dir.child(CONF).readToString()).isEqualTo("port: 8080");
            assertThat(dir.child("." + APP + ".rp-sha256").readToString()).startsWith(sha256("the application") + " ");
            assertThat(dir.list()).noneMatch(f -> f.getName().endsWith(".rp-part"));
            j.assertLogContains("target " + agent.getNodeName() + " OK " + APP + "=UPLOADED verifiedBy="
                    + AgentTransport.VERIFIED_ON_AGENT, first);
        }
        j.assertLogContains("ok=true transport=agents succeeded=2", first);
        j.assertLogContains("2/2 targets, 2 artifacts", first);

        WorkflowRun second = j.buildAndAssertSuccess(job);
        j.assertLogContains("target " + one.getNodeName() + " OK " + APP + "=SKIPPED_IDENTICAL", second);
        j.assertLogContains("target " + two.getNodeName() + " OK " + APP + "=SKIPPED_IDENTICAL", second);
        j.assertLogContains("4 skipped identical", second);

        ReleaseReport report = ReleaseBackupStepITest.report(second);
        assertThat(report.distributionRuns()).singleElement().satisfies(run -> {
            assertThat(run.transport()).isEqualTo("agents");
            assertThat(run.targets()).isEqualTo(2);
            assertThat(run.ok()).isTrue();
            assertThat(run.artifacts()).containsExactly(APP, CONF);
            assertThat(run.bytesSent()).isZero();
        });
        assertThat(report.distributions()).hasSize(4)
                .allSatisfy(cell -> assertThat(cell.outcome()).isEqualTo(DistributionOutcome.SKIPPED_IDENTICAL));
        assertThat(report.timeline()).singleElement().satisfies(stage -> {
            assertThat(stage.kind()).isEqualTo(StageKind.DISTRIBUTE);
            assertThat(stage.status()).isEqualTo(StageStatus.SUCCESS);
        });
    }

    /** A file on a target that is not the artifact (changed behind our back) is hashed there and replaced. */
    @Test
    public void aChangedFileOnATargetIsReplacedAfterItsChecksumDiffers() throws Exception {
        DumbSlave agent = j.createOnlineSlave(Label.get("deploy"));
        FilePath dir = agent.getRootPath().child("releases");
        dir.mkdirs();
        dir.child(APP).write("tampered!!!!!!!", "UTF-8"); // same length as the artifact, other bytes
        WorkflowRun build = j.buildAndAssertSuccess(job("changed", "node {\n"
                + "  writeFile file: '" + APP + "', text: 'the application'\n"
                + "  def d = preDistribute(artifacts: '" + APP + "', agents: " + q(agent.getNodeName())
                + ", remoteDirectory: 'releases')\n"
                + "  echo \"outcome=${d.targets[" + q(agent.getNodeName()) + "].artifacts['" + APP + "'].outcome}\"\n"
                + "}"));

        j.assertLogContains("outcome=UPLOADED", build);
        assertThat(dir.child(APP).readToString()).isEqualTo("the application");
    }

    @Test
    public void aFailedTargetFailsTheStepUnlessMinSuccessAllowsItAndIsRecordedEitherWay() throws Exception {
        DumbSlave good = j.createOnlineSlave(Label.get("deploy"));
        DumbSlave bad = j.createOnlineSlave(Label.get("deploy"));
        // on the bad agent the directory is a regular file: the target fails, not retried
        bad.getRootPath().child("releases").write("not a directory", "UTF-8");
        String call = "preDistribute(artifacts: '" + APP + "', agents: 'deploy', remoteDirectory: 'releases',"
                + " createDirectory: true";
        String write = "  writeFile file: '" + APP + "', text: 'the application'\n";

        WorkflowRun strict = j.buildAndAssertStatus(Result.FAILURE, job("strict", "node {\n" + write + "  " + call
                + ")\n}"));
        j.assertLogContains("1/2 targets", strict);
        j.assertLogContains(bad.getNodeName() + ": FAILED", strict);
        ReleaseReport report = ReleaseBackupStepITest.report(strict);
        DistributionRunRecord run = report.distributionRuns().get(0);
        assertThat(run.ok()).isFalse();
        assertThat(run.failedTargets()).containsExactly(bad.getNodeName());
        assertThat(run.minSuccess()).isEqualTo("all");
        assertThat(report.distributions()).extracting(DistributionRecord::target, DistributionRecord::outcome)
                .contains(tuple(good.getNodeName(), DistributionOutcome.UPLOADED));
        assertThat(report.timeline().get(0).status()).isEqualTo(StageStatus.FAILURE);

        WorkflowRun lenient = j.buildAndAssertSuccess(job("lenient", "node {\n" + write + "  def d = " + call
                + ", minSuccess: '50%')\n  echo \"ok=${d.ok} failed=${d.failedTargets}\"\n}"));
        j.assertLogContains("ok=true failed=[" + bad.getNodeName() + "]", lenient);
        assertThat(ReleaseBackupStepITest.report(lenient).distributionRuns().get(0).minSuccess()).isEqualTo("50%");
    }

    @Test
    public void anOfflineOrUnknownLabelIsAClearFailure() throws Exception {
        WorkflowRun none = j.buildAndAssertStatus(Result.FAILURE, job("none", "node {\n"
                + "  writeFile file: '" + APP + "', text: 'x'\n"
                + "  preDistribute(artifacts: '" + APP + "', agents: 'nobody-has-this', remoteDirectory: 'r')\n}"));
        j.assertLogContains("No agent matches \u201cnobody-has-this\u201d", none);

        WorkflowRun both = j.buildAndAssertStatus(Result.FAILURE, job("both", "node {\n"
                + "  preDistribute(artifacts: 'x', agents: 'a', hosts: ['h'], credentialsId: 'c', remoteDirectory: 'r')\n}"));
        j.assertLogContains("exactly one kind of target", both);
    }

    private WorkflowJob job(String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
