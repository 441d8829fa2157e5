package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * A controller restart while the body of {@code silenceAlerts} runs: the body's callback is restored with the
 * program, and the silences are expired when the body ends in the new session. The Alertmanager outlives both
 * sessions, as a real one would.
 */
public class SilenceAlertsRestartITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    private FakeAlertmanager alertmanager;

    @Before
    public void startAlertmanager() throws Exception {
        alertmanager = new FakeAlertmanager();
    }

    @After
    public void stopAlertmanager() {
        alertmanager.close();
    }

    @Test
    public void silencesAreExpiredWhenTheBodyEndsAfterARestart() throws Throwable {
        sessions.then(r -> {
            ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
            config.setAlertmanagerUrls(alertmanager.url());
            config.save();
            WorkflowJob job = r.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition(
                    "silenceAlerts(matchers: ['service=\"checkout\"', 'severity!=\"critical\"'], comment: 'checkout release') {\n"
                            + "  semaphore 'deploy'\n"
                            + "  echo 'deployed'\n"
                            + "}", true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("deploy/1", build);
            assertThat(alertmanager.activeIds()).containsExactly("silence-1");
        });
        assertThat(alertmanager.expiredIds()).as("a restart alone expires nothing").isEmpty();

        sessions.then(r -> {
            WorkflowJob job = r.jenkins.getItemByFullName("p", WorkflowJob.class);
            WorkflowRun build = job.getBuildByNumber(1);
            SemaphoreStep.success("deploy/1", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(build));
            r.assertLogContains("deployed", build);
            r.assertLogContains("[silenceAlerts] expired silence silence-1", build);

            assertThat(alertmanager.expiredIds()).containsExactly("silence-1");
            ReleaseReport report = SilenceAlertsStepITest.readReportFile(build);
            assertThat(report.silences()).singleElement()
                    .satisfies(silence -> assertThat(silence.state()).isEqualTo(SilenceState.EXPIRED));
            assertThat(report.timeline().stream().filter(stage -> stage.kind() == StageKind.SILENCE).toList())
                    .singleElement().satisfies(stage -> assertThat(stage.status()).isEqualTo(StageStatus.SUCCESS));
        });
    }

    @Test
    public void aBodyThatFailsAfterTheRestartKeepsItsFailure() throws Throwable {
        sessions.then(r -> {
            ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
            config.setAlertmanagerUrls(alertmanager.url());
            config.save();
            WorkflowJob job = r.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition(
                    "silenceAlerts(matchers: ['service=\"checkout\"', 'severity!=\"critical\"'], comment: 'checkout release') {\n"
                            + "  semaphore 'deploy'\n"
                            + "}", true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("deploy/1", build);
        });
        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            SemaphoreStep.failure("deploy/1", new AbortException("deploy.sh failed after the restart"));
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(build));
            r.assertLogContains("deploy.sh failed after the restart", build);
            assertThat(alertmanager.expiredIds()).isEqualTo(List.of("silence-1"));
        });
    }
}
