package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import hudson.AbortException;
import hudson.model.Executor;
import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.actions.ErrorAction;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * {@code silenceAlerts}, {@code createSilences} and {@code expireSilences} in real Pipelines against an Alertmanager
 * API that records what it received: the block on success, failure and abort, the policy's refusals, all-or-none
 * creation, {@code createSilences} with {@code expireSilences} and the safety net, and what the report and the log
 * show, and what a failed step hands to the Pipeline. The administrator's access setting is in
 * {@link SilenceAlertsAccessITest}.
 */
public class SilenceAlertsStepITest {
    /** Pins the service and keeps clear of the protected critical alerts, as the default policy requires. */
    private static final String CHECKOUT = "matchers: ['service=\"checkout\"', 'alertname=~\"HighLatency|HighErrorRate\"',"
            + " 'severity!=\"critical\"']";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private FakeAlertmanager alertmanager;

    @Before
    public void startAlertmanager() throws Exception {
        alertmanager = new FakeAlertmanager();
        alertmanager.fire(List.of(Map.of("alertname", "HighLatency", "service", "checkout")));
        ReleasePlaybookConfiguration.get().setAlertmanagerUrls(alertmanager.url());
    }

    @After
    public void stopAlertmanager() {
        alertmanager.close();
    }

    @Test
    public void blockSilencesWhileTheBodyRunsAndExpiresAfterIt() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "silenceAlerts(" + CHECKOUT + ", duration: '45m', comment: 'checkout release') {\n"
                        + "  echo 'deploying'\n"
                        + "}\n"
                        + "echo 'released'"));

        assertThat(alertmanager.createdBodies()).singleElement().satisfies(body -> {
            assertThat(body).contains("\"name\":\"service\",\"value\":\"checkout\",\"isRegex\":false,\"isEqual\":true");
            assertThat(body).contains("\"name\":\"alertname\",\"value\":\"HighLatency|HighErrorRate\",\"isRegex\":true");
            assertThat(body).contains("\"name\":\"severity\",\"value\":\"critical\",\"isRegex\":false,\"isEqual\":false");
            assertThat(body).contains("\"createdBy\":\"Jenkins: p #1\"");
            assertThat(body).contains("\"comment\":\"checkout release (" + r.getURL() + "job/p/1/)\"");
        });
        assertThat(alertmanager.expiredIds()).containsExactly("silence-1");
        assertThat(alertmanager.activeIds()).isEmpty();
        String log = JenkinsRule.getLog(build);
        assertThat(log.indexOf("deploying"))
                .isLessThan(log.indexOf("[silenceAlerts] expired silence silence-1"))
                .isGreaterThan(log.indexOf("[silenceAlerts] silenced {service=\"checkout\""));
        r.assertLogContains("it suppressed 1 alert: HighLatency{service=\"checkout\"}", build);

        ReleaseReport report = readReportFile(build);
        assertThat(report.silences()).singleElement().satisfies(silence -> {
            assertThat(silence.id()).isEqualTo("silence-1");
            assertThat(silence.state()).isEqualTo(SilenceState.EXPIRED);
            assertThat(silence.matchers()).containsExactly("service=\"checkout\"", "alertname=~\"HighLatency|HighErrorRate\"",
                    "severity!=\"critical\"");
            assertThat(silence.createdBy()).isEqualTo("Jenkins: p #1");
            assertThat(silence.endpoint()).isEqualTo(alertmanager.url());
            assertThat(Duration.between(silence.startsAt(), silence.endsAt())).isEqualTo(Duration.ofMinutes(45));
            assertThat(silence.suppressedAlerts()).containsExactly("HighLatency{service=\"checkout\"}");
        });
        StageRecord stage = silenceStage(report);
        assertThat(stage.status()).isEqualTo(StageStatus.SUCCESS);
        assertThat(stage.name()).isEqualTo("silenceAlerts");
        assertThat(stage.end()).isNotNull();
    }

    @Test
    public void theBodysFailureStaysTheFailureAndTheSilencesStillEnd() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "silenceAlerts(" + CHECKOUT + ", comment: 'checkout release') {\n"
                        + "  error 'deploy.sh failed with exit code 3'\n"
                        + "}"));

        r.assertLogContains("deploy.sh failed with exit code 3", build);
        assertThat(alertmanager.expiredIds()).containsExactly("silence-1");
        ReleaseReport report = readReportFile(build);
        assertThat(report.silences()).singleElement()
                .satisfies(silence -> assertThat(silence.state()).isEqualTo(SilenceState.EXPIRED));
        assertThat(silenceStage(report).status()).isEqualTo(StageStatus.FAILURE);
    }

    @Test
    public void anAbortedBodyStillExpiresTheSilences() throws Exception {
        WorkflowJob job = pipeline("silenceAlerts(" + CHECKOUT + ", comment: 'checkout release') {\n"
                + "  semaphore 'deploy'\n"
                + "}");
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("deploy/1", build);
        assertThat(alertmanager.activeIds()).containsExactly("silence-1");

        Executor executor = build.getExecutor();
        assertThat(executor).as("the executor of the running build").isNotNull();
        executor.interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

        assertThat(alertmanager.expiredIds()).containsExactly("silence-1");
        ReleaseReport report = readReportFile(build);
        assertThat(report.silences()).singleElement()
                .satisfies(silence -> assertThat(silence.state()).isEqualTo(SilenceState.EXPIRED));
        assertThat(silenceStage(report).status()).isEqualTo(StageStatus.ABORTED);
    }

    @Test
    public void aRefusalNamesEveryReasonAndSendsNothing() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "silenceAlerts(matchers: ['alertname=\"HighLatency\"'], duration: '2h') {\n"
                        + "  echo 'not reached'\n"
                        + "}"));

        r.assertLogContains("The silence policy refused these silences, so nothing was sent to Alertmanager", build);
        r.assertLogContains("2h is longer than the 1h allowed", build);
        r.assertLogContains("give a comment saying why the alerts are silenced", build);
        r.assertLogContains("it must pin the label 'service' with an equality matcher", build);
        r.assertLogContains("it could match alerts of the protected set {severity=\"critical\"}", build);
        r.assertLogNotContains("not reached", build);
        assertThat(alertmanager.requests()).as("nothing reaches Alertmanager").isEmpty();
        ReleaseReport report = readReportFile(build);
        assertThat(report.silences()).isEmpty();
        StageRecord stage = silenceStage(report);
        assertThat(stage.status()).isEqualTo(StageStatus.FAILURE);
        assertThat(stage.message()).contains("refused");
    }

    @Test
    public void aSilenceThatCouldMatchProtectedAlertsIsRefusedNamingTheSet() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "silenceAlerts(matchers: ['service=\"checkout\"', 'alertname=~\"HighLatency|HighErrorRate\"'],"
                        + " comment: 'checkout release') {\n"
                        + "  echo 'not reached'\n"
                        + "}"));

        r.assertLogContains("it could match alerts of the protected set {severity=\"critical\"};"
                + " exclude them, e.g. with severity!=\"critical\"", build);
        assertThat(alertmanager.requests()).isEmpty();
    }

    @Test
    public void aMatcherThatCannotBeReadIsNamedBeforeAnythingIsSent() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "silenceAlerts(matchers: ['service=checkout,env=prod'], comment: 'checkout release') {\n"
                        + "  echo 'not reached'\n"
                        + "}"));

        r.assertLogContains("silenceAlerts parameter matchers", build);
        r.assertLogContains("service=checkout,env=prod", build);
        r.assertLogContains("looks like two matchers", build);
        assertThat(alertmanager.requests()).isEmpty();
    }

    @Test
    public void severalSilencesAreCreatedAllOrNone() throws Exception {
        alertmanager.refuseCreation(body -> body.contains("QueueBacklog"));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "silenceAlerts(silences: ['{service=\"checkout\", alertname=\"HighLatency\", severity!=\"critical\"}',\n"
                        + "                         '{service=\"checkout\", alertname=\"QueueBacklog\", severity!=\"critical\"}'],\n"
                        + "              comment: 'checkout release') {\n"
                        + "  echo 'not reached'\n"
                        + "}"));

        r.assertLogContains("Could not create silence 2 of 2", build);
        r.assertLogContains("silence invalid: refused by the test", build);
        r.assertLogContains("the 1 created before it were expired again", build);
        r.assertLogNotContains("not reached", build);
        assertThat(alertmanager.createdBodies()).hasSize(2);
        assertThat(alertmanager.expiredIds()).containsExactly("silence-1");
        assertThat(alertmanager.activeIds()).isEmpty();
        ReleaseReport report = readReportFile(build);
        assertThat(report.silences()).isEmpty();
        assertThat(silenceStage(report).status()).isEqualTo(StageStatus.FAILURE);
    }

    @Test
    public void createSilencesAppliesThePolicyAndNamesItselfInErrors() throws Exception {
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "createSilences(matchers: ['alertname=\"HighLatency\"'], comment: 'checkout release')\n"
                        + "echo 'not reached'"));
        r.assertLogContains("it must pin the label 'service' with an equality matcher", refused);
        r.assertLogNotContains("not reached", refused);
        StageRecord stage = silenceStage(readReportFile(refused));
        assertThat(stage.name()).isEqualTo("createSilences");
        assertThat(stage.status()).isEqualTo(StageStatus.FAILURE);

        WorkflowJob job = r.jenkins.getItemByFullName("p", WorkflowJob.class);
        assertThat(job).isNotNull();
        job.setDefinition(new CpsFlowDefinition(
                "createSilences(matchers: ['service=checkout,env=prod'], comment: 'checkout release')", true));
        WorkflowRun bad = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("createSilences parameter matchers", bad);
        r.assertLogContains("looks like two matchers", bad);
        assertThat(alertmanager.requests()).isEmpty();
    }

    /**
     * What the Pipeline keeps of a failed silence step (the flow graph's ErrorAction, persisted with the build) is
     * Jenkins' AbortException with the message only: core's class filter would replace an exception with engine
     * types in its cause chain by a proxy, and it could not be restored after a restart.
     */
    @Test
    public void aFailedSilenceStepHandsThePipelineAPlainAbortException() throws Exception {
        alertmanager.refuseCreation(body -> body.contains("QueueBacklog"));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "createSilences(silences: ['{service=\"checkout\", alertname=\"HighLatency\", severity!=\"critical\"}',\n"
                        + "                          '{service=\"checkout\", alertname=\"QueueBacklog\", severity!=\"critical\"}'],\n"
                        + "               comment: 'checkout release')"));

        r.assertLogContains("Could not create silence 2 of 2", build);
        assertPlainAbort(build, "Could not create silence 2 of 2");
    }

    @Test
    public void aFailedExpiryHandsThePipelineAPlainAbortException() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "expireSilences(ids: ['silence-of-someone-else'])"));

        assertPlainAbort(build, "Not silences of this build: silence-of-someone-else");
    }

    /**
     * Every error the flow graph recorded (the step's, and the build's at its end) is an AbortException with the
     * message, and every type in its cause chain and among its suppressed exceptions is a JDK or Jenkins type.
     */
    static void assertPlainAbort(WorkflowRun build, String message) {
        List<Throwable> errors = new ArrayList<>();
        for (FlowNode node : new DepthFirstScanner().allNodes(build.getExecution())) {
            ErrorAction action = node.getPersistentAction(ErrorAction.class);
            if (action != null) {
                errors.add(action.getError());
            }
        }
        assertThat(errors).as("errors in the flow graph").isNotEmpty();
        for (Throwable error : errors) {
            assertThat(error).isExactlyInstanceOf(AbortException.class).hasMessageContaining(message);
            assertThat(error.getCause()).isNull();
            Deque<Throwable> pending = new ArrayDeque<>(List.of(error));
            Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            while (!pending.isEmpty()) {
                Throwable t = pending.pop();
                if (!seen.add(t)) {
                    continue;
                }
                assertThat(t.getClass().getName()).as("a type in the cause chain of " + error)
                        .matches("(java|hudson|jenkins|org\\.jenkinsci\\.plugins\\.workflow)\\..+");
                if (t.getCause() != null) {
                    pending.push(t.getCause());
                }
                pending.addAll(Arrays.asList(t.getSuppressed()));
            }
            assertThatCode(() -> Jenkins.XSTREAM2.toXML(error)).as("core's class filter accepts it")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    public void severalSilencesShareTheBody() throws Exception {
        r.buildAndAssertSuccess(pipeline(
                "silenceAlerts(silences: ['{service=\"checkout\", alertname=\"HighLatency\", severity!=\"critical\"}',\n"
                        + "                         'service=\"checkout-worker\", severity=\"warning\"'],\n"
                        + "              comment: 'checkout release') {\n"
                        + "  echo 'deploying'\n"
                        + "}"));

        assertThat(alertmanager.createdBodies()).hasSize(2);
        assertThat(alertmanager.expiredIds()).containsExactlyInAnyOrder("silence-1", "silence-2");
    }

    @Test
    public void silenceAlertsWithoutABodyIsRefusedBeforeAnythingIsSent() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "silenceAlerts(" + CHECKOUT + ", comment: 'checkout release')\n"
                        + "echo 'not reached'"));

        r.assertLogContains("silenceAlerts step must be called with a body", build);
        r.assertLogNotContains("not reached", build);
        assertThat(alertmanager.requests()).isEmpty();
    }

    @Test
    public void createSilencesReturnsTheIdsAndTheSafetyNetExpiresThemWhenTheBuildEnds() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "def ids = createSilences(" + CHECKOUT + ", duration: '45m', comment: 'checkout release')\n"
                        + "echo \"ids=${ids}\""));

        r.assertLogContains("ids=[silence-1]", build);
        r.assertLogContains("[createSilences] silenced {service=\"checkout\"", build);
        r.assertLogContains("[createSilences] The silences stay active until expireSilences ends them or the build ends",
                build);
        assertThat(alertmanager.createdBodies()).singleElement().satisfies(body -> {
            assertThat(body).contains("\"name\":\"service\",\"value\":\"checkout\",\"isRegex\":false,\"isEqual\":true");
            assertThat(body).contains("\"createdBy\":\"Jenkins: p #1\"");
        });
        r.assertLogContains("Silences still active at the end of the build: 1 (silence-1); they are being expired now",
                build);
        await(() -> alertmanager.expiredIds().contains("silence-1"), "the safety net expires silence-1");
        await(() -> silence(build, "silence-1").state() == SilenceState.EXPIRED, "the report shows it EXPIRED");
        await(() -> silenceStage(readReport(build)).status() == StageStatus.SUCCESS, "the stage finished");
        assertThat(alertmanager.expiredIds()).containsExactly("silence-1");
    }

    @Test
    public void whileTheBuildRunsTheStageOfCreateSilencesIsRunning() throws Exception {
        WorkflowJob job = pipeline("def ids = createSilences(" + CHECKOUT + ", comment: 'checkout release')\n"
                + "semaphore 'deploy'");
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("deploy/1", build);

        ReleaseReport report = readReportFile(build);
        assertThat(report.silences()).singleElement()
                .satisfies(silence -> assertThat(silence.state()).isEqualTo(SilenceState.ACTIVE));
        assertThat(silenceStage(report).status()).isEqualTo(StageStatus.RUNNING);
        assertThat(silenceStage(report).name()).isEqualTo("createSilences");

        SemaphoreStep.success("deploy/1", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(build));
        await(() -> alertmanager.expiredIds().contains("silence-1"), "the safety net expires silence-1");
    }

    @Test
    public void expireSilencesEndsTheGivenSilencesAndReturnsTheirOutcome() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "def ids = createSilences(" + CHECKOUT + ", comment: 'checkout release')\n"
                        + "def outcomes = expireSilences(ids: ids)\n"
                        + "echo \"id=${outcomes[0].id} state=${outcomes[0].state} expired=${outcomes[0].expired}"
                        + " suppressed=${outcomes[0].suppressedAlerts}\""));

        r.assertLogContains("id=silence-1 state=EXPIRED expired=true suppressed=[HighLatency{service=\"checkout\"}]",
                build);
        r.assertLogNotContains("still active", build);
        assertThat(alertmanager.expiredIds()).containsExactly("silence-1");
        ReleaseReport report = readReportFile(build);
        assertThat(report.silences()).singleElement()
                .satisfies(silence -> assertThat(silence.state()).isEqualTo(SilenceState.EXPIRED));
        assertThat(silenceStage(report).status()).isEqualTo(StageStatus.SUCCESS);
    }

    @Test
    public void expireSilencesWithoutIdsEndsEveryActiveSilence() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "createSilences(" + CHECKOUT + ", comment: 'checkout release')\n"
                        + "createSilences(matchers: ['service=\"payments\"', 'severity=\"warning\"'], comment: 'payments release')\n"
                        + "echo \"expired ${expireSilences().size()}\"\n"
                        + "echo \"then ${expireSilences().size()}\""));

        r.assertLogContains("expired 2", build);
        r.assertLogContains("then 0", build);
        r.assertLogContains("No silence of this build is active; nothing to expire.", build);
        assertThat(alertmanager.expiredIds()).containsExactlyInAnyOrder("silence-1", "silence-2");
        assertThat(readReportFile(build).timeline().stream().filter(s -> s.kind() == StageKind.SILENCE))
                .hasSize(2).allSatisfy(stage -> assertThat(stage.status()).isEqualTo(StageStatus.SUCCESS));
    }

    @Test
    public void expireSilencesRefusesSilencesOfOtherBuilds() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "createSilences(" + CHECKOUT + ", comment: 'checkout release')\n"
                        + "expireSilences(ids: ['silence-of-someone-else'])"));

        r.assertLogContains("Not silences of this build: silence-of-someone-else", build);
        r.assertLogContains("which are: silence-1", build);
        await(() -> alertmanager.expiredIds().equals(List.of("silence-1")), "only the safety net expires silence-1");
    }

    @Test
    public void aSilenceThatCannotBeExpiredMarksTheBuildUnstableAndSaysWhenItEnds() throws Exception {
        alertmanager.answerExpiryWith(403);

        WorkflowRun build = r.buildAndAssertStatus(Result.UNSTABLE, pipeline(
                "silenceAlerts(" + CHECKOUT + ", comment: 'checkout release') {\n"
                        + "  echo 'deploying'\n"
                        + "}"));

        r.assertLogContains("[silenceAlerts] could not expire silence silence-1", build);
        r.assertLogContains("answered HTTP 403", build);
        r.assertLogContains("it ends on its own at", build);
        r.assertLogContains("Could not expire 1 of 1 silences", build);
        r.assertLogContains("The build is marked UNSTABLE", build);
        ReleaseReport report = readReportFile(build);
        SilenceRecord silence = report.silences().get(0);
        assertThat(silence.state()).isEqualTo(SilenceState.EXPIRY_FAILED);
        assertThat(silence.endsAt()).isAfter(Instant.now());
        StageRecord stage = silenceStage(report);
        assertThat(stage.status()).isEqualTo(StageStatus.UNSTABLE);
        assertThat(stage.message()).contains("silence-1");
        assertThat(warnings(build)).singleElement()
                .satisfies(warning -> assertThat(warning.getResult()).isEqualTo(Result.UNSTABLE));
    }

    @Test
    public void withoutAlertmanagerTheStepSaysWhatToConfigure() throws Exception {
        ReleasePlaybookConfiguration.get().setAlertmanagerUrls(null);

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "silenceAlerts(" + CHECKOUT + ", comment: 'checkout release') {\n"
                        + "  echo 'not reached'\n"
                        + "}"));

        r.assertLogContains("No Alertmanager is configured", build);
        r.assertLogContains("Manage Jenkins > System > Release Playbook", build);
        assertThat(silenceStage(readReportFile(build)).status()).isEqualTo(StageStatus.FAILURE);
    }

    @Test
    public void theCapCountsEverySilenceOfTheBuild() throws Exception {
        ReleasePlaybookConfiguration.get().setMaxSilencesPerBuild(2);

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "silenceAlerts(" + CHECKOUT + ", comment: 'first') {\n"
                        + "  silenceAlerts(silences: ['service=\"checkout\", severity=\"warning\"',"
                        + " 'service=\"checkout\", severity=\"info\"'], comment: 'second') {\n"
                        + "    echo 'not reached'\n"
                        + "  }\n"
                        + "}"));

        r.assertLogContains("this build would have 3 silences, more than the 2 allowed per build", build);
        assertThat(alertmanager.createdBodies()).hasSize(1);
        assertThat(alertmanager.expiredIds()).containsExactly("silence-1");
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static StageRecord silenceStage(ReleaseReport report) {
        return report.timeline().stream().filter(stage -> stage.kind() == StageKind.SILENCE).findFirst()
                .orElseThrow(() -> new AssertionError("no SILENCE stage in " + report.timeline()));
    }

    private static SilenceRecord silence(WorkflowRun build, String id) {
        return readReport(build).silences().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no silence " + id));
    }

    private static List<WarningAction> warnings(WorkflowRun build) {
        List<WarningAction> warnings = new ArrayList<>();
        for (FlowNode node : new DepthFirstScanner().allNodes(build.getExecution())) {
            WarningAction warning = node.getAction(WarningAction.class);
            if (warning != null) {
                warnings.add(warning);
            }
        }
        return warnings;
    }

    /** Waits up to 15 seconds for something the background threads do. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    static ReleaseReport readReport(WorkflowRun build) {
        try {
            return readReportFile(build);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ReleaseReport readReportFile(WorkflowRun build) throws Exception {
        Path file = build.getRootDir().toPath().resolve("release-report.json");
        assertThat(file).exists();
        try (InputStream in = Files.newInputStream(file)) {
            return ReleaseReportJson.read(in, file.toString());
        }
    }
}
