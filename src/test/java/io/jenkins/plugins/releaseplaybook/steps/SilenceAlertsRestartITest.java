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
 * Controller restarts: while the body of {@code silenceAlerts} runs (the body's callback is restored with the program,
 * and the silences are expired when the body ends in the new session); after {@code createSilences} (the IDs it
 * returned still expire them, and so does the safety net); and after a silence step failed (the build's record of the
 * failure is read back). The Alertmanager outlives both sessions, as a real one would.
 */
public class SilenceAlertsRestartITest {
    private static final String CHECKOUT = "matchers: ['service=\"checkout\"', 'severity!=\"critical\"'],"
            + " comment: 'checkout release'";

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
            configure();
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
            configure();
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

    @Test
    public void theIdsOfCreateSilencesStillExpireThemAfterARestart() throws Throwable {
        sessions.then(r -> {
            configure();
            WorkflowJob job = r.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition(
                    "def ids = createSilences(" + CHECKOUT + ")\n"
                            + "semaphore 'deploy'\n"
                            + "def outcomes = expireSilences(ids: ids)\n"
                            + "echo \"expired=${outcomes.size()} ${outcomes[0].id} ${outcomes[0].state}\"", true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("deploy/1", build);
            assertThat(alertmanager.activeIds()).containsExactly("silence-1");
        });
        assertThat(alertmanager.expiredIds()).as("a restart alone expires nothing").isEmpty();

        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            SemaphoreStep.success("deploy/1", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(build));
            r.assertLogContains("expired=1 silence-1 EXPIRED", build);
            r.assertLogNotContains("Silences still active at the end of the build", build);
            assertThat(alertmanager.expiredIds()).containsExactly("silence-1");
            ReleaseReport report = SilenceAlertsStepITest.readReportFile(build);
            assertThat(report.timeline().stream().filter(stage -> stage.kind() == StageKind.SILENCE).toList())
                    .singleElement().satisfies(stage -> {
                        assertThat(stage.name()).isEqualTo("createSilences");
                        assertThat(stage.status()).isEqualTo(StageStatus.SUCCESS);
                    });
        });
    }

    @Test
    public void theSafetyNetExpiresWhatCreateSilencesLeftAfterARestart() throws Throwable {
        sessions.then(r -> {
            configure();
            WorkflowJob job = r.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition(
                    "createSilences(" + CHECKOUT + ")\n"
                            + "semaphore 'deploy'", true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("deploy/1", build);
        });
        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            SemaphoreStep.success("deploy/1", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(build));
            r.assertLogContains("Silences still active at the end of the build: 1 (silence-1)", build);
            SilenceAlertsStepITest.await(() -> alertmanager.expiredIds().contains("silence-1"),
                    "the safety net expires silence-1");
            SilenceAlertsStepITest.await(() -> SilenceAlertsStepITest.readReport(build).silences().stream()
                    .allMatch(silence -> silence.state() == SilenceState.EXPIRED), "the report shows it EXPIRED");
        });
    }

    @Test
    public void theFailureOfASilenceStepIsReadBackAfterARestart() throws Throwable {
        sessions.then(r -> {
            configure();
            alertmanager.refuseCreation(body -> body.contains("QueueBacklog"));
            WorkflowJob job = r.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition(
                    "createSilences(silences: ['{service=\"checkout\", alertname=\"HighLatency\", severity!=\"critical\"}',\n"
                            + "                          '{service=\"checkout\", alertname=\"QueueBacklog\", severity!=\"critical\"}'],\n"
                            + "               comment: 'checkout release')", true));
            WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);
            SilenceAlertsStepITest.assertPlainAbort(build, "Could not create silence 2 of 2");
        });
        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            assertThat(build.getResult()).isEqualTo(Result.FAILURE);
            SilenceAlertsStepITest.assertPlainAbort(build, "Could not create silence 2 of 2");
        });
    }

    private void configure() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.setAlertmanagerUrls(alertmanager.url());
        config.save();
    }
}
