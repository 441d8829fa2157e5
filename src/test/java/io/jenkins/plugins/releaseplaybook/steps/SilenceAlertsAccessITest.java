package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.config.AccessSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The administrator's setting of which jobs may create silences, as both silence steps apply it: a job the setting
 * allows creates them; any other job fails with the setting's message before anything reaches Alertmanager.
 */
public class SilenceAlertsAccessITest {
    private static final String CHECKOUT = "matchers: ['service=\"checkout\"', 'severity!=\"critical\"'],"
            + " comment: 'checkout release'";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private FakeAlertmanager alertmanager;

    @Before
    public void onlyReleaseJobsMayCreateSilences() throws Exception {
        alertmanager = new FakeAlertmanager();
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.setAlertmanagerUrls(alertmanager.url());
        AccessSection access = config.getAccess();
        access.setSilenceJobs("release-*\nteam-a/**");
        config.setAccess(access);
    }

    @After
    public void stopAlertmanager() {
        alertmanager.close();
    }

    @Test
    public void anAllowedJobCreatesSilences() throws Exception {
        WorkflowRun block = r.buildAndAssertSuccess(pipeline("release-checkout",
                "silenceAlerts(" + CHECKOUT + ") {\n  echo 'deploying'\n}"));
        r.assertLogContains("deploying", block);

        WorkflowRun plain = r.buildAndAssertSuccess(pipeline("release-worker",
                "def ids = createSilences(" + CHECKOUT + ")\nexpireSilences(ids: ids)"));
        r.assertLogContains("[createSilences] silenced", plain);

        assertThat(alertmanager.createdBodies()).hasSize(2);
        assertThat(alertmanager.expiredIds()).containsExactlyInAnyOrder("silence-1", "silence-2");
    }

    @Test
    public void anotherJobIsRefusedNamingTheSettingAndSendsNothing() throws Exception {
        String refusal = ReleasePlaybookConfiguration.get().getAccess().refusalToCreateSilences("checkout-deploy");
        assertThat(refusal).as("the setting refuses checkout-deploy").isNotNull();

        WorkflowRun block = r.buildAndAssertStatus(Result.FAILURE, pipeline("checkout-deploy",
                "silenceAlerts(" + CHECKOUT + ") {\n  echo 'not reached'\n}"));
        r.assertLogContains(refusal, block);
        r.assertLogNotContains("not reached", block);
        SilenceAlertsStepITest.assertPlainAbort(block, refusal);
        assertThat(SilenceAlertsStepITest.readReportFile(block).timeline())
                .filteredOn(stage -> stage.kind() == StageKind.SILENCE).singleElement()
                .satisfies(stage -> assertThat(stage.status()).isEqualTo(StageStatus.FAILURE));

        WorkflowJob plainJob = r.jenkins.getItemByFullName("checkout-deploy", WorkflowJob.class);
        assertThat(plainJob).isNotNull();
        plainJob.setDefinition(new CpsFlowDefinition("createSilences(" + CHECKOUT + ")\necho 'not reached'", true));
        WorkflowRun plain = r.buildAndAssertStatus(Result.FAILURE, plainJob);
        r.assertLogContains(refusal, plain);
        r.assertLogNotContains("not reached", plain);

        assertThat(alertmanager.requests()).as("nothing reaches Alertmanager").isEmpty();
    }

    private WorkflowJob pipeline(String name, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
