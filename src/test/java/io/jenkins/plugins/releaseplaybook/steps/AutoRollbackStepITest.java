package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * {@code autoRollback} in real Pipelines: when it rolls back and when not, each kind of action, the re-verification
 * against a Prometheus API the test switches back to healthy from the rollback's own command, drills, bad input and the
 * Snippet Generator form. Verification windows are a fraction of a second long.
 */
public class AutoRollbackStepITest {
    private static final Function<String, String> HEALTHY = query -> query.contains("node_memory") ? "0.6"
            : query.contains("increase(") ? "1000" : "0.005";
    private static final Function<String, String> ERRORS = query -> query.contains("code=~") ? "0.2" : HEALTHY.apply(query);
    private static final String SHORT_WINDOW = "checks: ['error_ratio'], duration: '500ms', interval: '100ms'";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FakePrometheus prometheus;

    @Before
    public void startPrometheus() throws Exception {
        prometheus = new FakePrometheus();
        prometheus.answer(HEALTHY);
        ReleasePlaybookConfiguration.get().setPrometheusUrl(prometheus.url());
    }

    @After
    public void stopPrometheus() {
        prometheus.close();
    }

    @Test
    public void aFailedBodyRollsBackAndFailsTheBuildSayingWhatWasDone() throws Exception {
        File marker = new File(tmp.getRoot(), "rolled-back");
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "node {\n"
                        + "  autoRollback(command: 'echo \"build $BUILD_NUMBER\" > \"" + marker + "\"') {\n"
                        + "    error 'the deploy broke'\n"
                        + "  }\n"
                        + "}\n"
                        + "echo 'not reached'"));

        r.assertLogContains("[autoRollback] If the release fails, the rollback runs: command echo", build);
        r.assertLogContains("[autoRollback] Rolling back because error failed: the deploy broke", build);
        r.assertLogContains("Rolled back because error failed: the deploy broke: command echo", build);
        r.assertLogContains("recovered in", build);
        r.assertLogNotContains("not reached", build);
        assertThat(Files.readString(marker.toPath(), StandardCharsets.UTF_8).strip())
                .as("run with the build's environment").isEqualTo("build 1");

        ReleaseReport report = readReportFile(build);
        RollbackRecord rollback = report.rollbacks().get(0);
        assertThat(report.rollbacks()).hasSize(1);
        assertThat(rollback.outcome()).isEqualTo(StageStatus.SUCCESS);
        assertThat(rollback.trigger()).isEqualTo("error failed: the deploy broke");
        assertThat(rollback.actions()).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo("command");
            assertThat(action.status()).isEqualTo(StageStatus.SUCCESS);
            assertThat(action.duration()).isNotNull();
        });
        assertThat(rollback.timeToDetect()).isNotNull();
        assertThat(rollback.timeToRecover()).isNotNull();
        assertThat(rollback.drill()).isFalse();
        assertThat(stage(report, StageKind.RELEASE).status()).isEqualTo(StageStatus.FAILURE);
        assertThat(stage(report, StageKind.ROLLBACK).status()).isEqualTo(StageStatus.SUCCESS);
        assertThat(stage(report, StageKind.ROLLBACK).end()).isNotNull();
    }

    @Test
    public void aSuccessfulBodyDoesNotRollBack() throws Exception {
        File marker = new File(tmp.getRoot(), "rolled-back");
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "node {\n"
                        + "  def version = autoRollback(command: 'touch \"" + marker + "\"') {\n"
                        + "    echo 'deployed'\n"
                        + "    '1.4.2'\n"
                        + "  }\n"
                        + "  echo \"body returned ${version}\"\n"
                        + "}"));

        r.assertLogContains("body returned 1.4.2", build);
        r.assertLogNotContains("Rolling back", build);
        assertThat(marker).doesNotExist();
        ReleaseReport report = readReportFile(build);
        assertThat(report.rollbacks()).isEmpty();
        assertThat(stage(report, StageKind.RELEASE).status()).isEqualTo(StageStatus.SUCCESS);
        assertThat(report.timeline()).noneMatch(s -> s.kind() == StageKind.ROLLBACK);
    }

    @Test
    public void aBodyThatCatchesItsFailureDoesNotRollBack() throws Exception {
        prometheus.answer(ERRORS);
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "node {\n"
                        + "  autoRollback(command: 'true') {\n"
                        + "    catchError(buildResult: 'SUCCESS', stageResult: 'FAILURE') {\n"
                        + "      verifyStability(service: 'checkout', " + SHORT_WINDOW + ")\n"
                        + "    }\n"
                        + "  }\n"
                        + "}"));

        r.assertLogNotContains("Rolling back", build);
        assertThat(readReportFile(build).rollbacks()).isEmpty();
    }

    @Test
    public void anAbortDoesNotRollBackByDefault() throws Exception {
        File marker = new File(tmp.getRoot(), "rolled-back");
        WorkflowJob job = pipeline("node {\n"
                + "  autoRollback(command: 'touch \"" + marker + "\"') {\n"
                + "    semaphore 'deploy'\n"
                + "  }\n"
                + "}");
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("deploy/1", build);

        build.getExecution().interrupt(Result.ABORTED, new CauseOfInterruption.UserInterruption("alice"));
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

        r.assertLogContains("not rolled back (autoRollback rolls back on an abort only with onAbort: true)", build);
        assertThat(marker).doesNotExist();
        ReleaseReport report = readReportFile(build);
        assertThat(report.rollbacks()).isEmpty();
        assertThat(stage(report, StageKind.RELEASE).status()).isEqualTo(StageStatus.ABORTED);
    }

    @Test
    public void anAbortRollsBackWithOnAbort() throws Exception {
        File marker = new File(tmp.getRoot(), "rolled-back");
        WorkflowJob job = pipeline("node {\n"
                + "  autoRollback(command: 'touch \"" + marker + "\"', onAbort: true) {\n"
                + "    semaphore 'deploy'\n"
                + "  }\n"
                + "}");
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("deploy/1", build);

        build.getExecution().interrupt(Result.ABORTED, new CauseOfInterruption.UserInterruption("alice"));
        r.waitForCompletion(build);

        assertThat(build.getResult()).isNotEqualTo(Result.SUCCESS);
        r.assertLogContains("Rolled back because the build was aborted by alice", build);
        assertThat(marker).exists();
        assertThat(readReportFile(build).rollbacks()).singleElement()
                .satisfies(rollback -> assertThat(rollback.outcome()).isEqualTo(StageStatus.SUCCESS));
    }

    @Test
    public void aTimeoutIsAFailureThatRollsBack() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "node {\n"
                        + "  autoRollback(command: 'true') {\n"
                        + "    timeout(time: 1, unit: 'SECONDS') {\n"
                        + "      semaphore 'hangs'\n"
                        + "    }\n"
                        + "  }\n"
                        + "}"));

        r.assertLogContains("Rolled back because a timeout ended the body", build);
    }

    @Test
    public void aFailedActionIsRecordedAndTheOthersStillRunUnlessStopOnError() throws Exception {
        File second = new File(tmp.getRoot(), "second");
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "node {\n"
                        + "  autoRollback(actions: [[command: 'exit 3'], [command: 'touch \"" + second + "\"']]) {\n"
                        + "    error 'the deploy broke'\n"
                        + "  }\n"
                        + "}"));
        r.assertLogContains("rollback FAILED: rolled back because error failed: the deploy broke", build);
        r.assertLogContains("ROLLBACK FAILED: the service may still be broken", build);
        assertThat(second).exists();
        assertThat(readReportFile(build).rollbacks().get(0).actions()).extracting(RollbackRecord.Action::status)
                .containsExactly(StageStatus.FAILURE, StageStatus.SUCCESS);

        File notRun = new File(tmp.getRoot(), "not-run");
        WorkflowRun stopped = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "node {\n"
                        + "  autoRollback(actions: [[command: 'exit 3'], [command: 'touch \"" + notRun + "\"']],"
                        + " stopOnError: true) {\n"
                        + "    error 'the deploy broke'\n"
                        + "  }\n"
                        + "}"));
        r.assertLogContains("rollback FAILED", stopped);
        assertThat(notRun).doesNotExist();
        assertThat(readReportFile(stopped).rollbacks().get(0).actions()).extracting(RollbackRecord.Action::status)
                .containsExactly(StageStatus.FAILURE, StageStatus.SKIPPED);
    }

    @Test
    public void aJobActionTriggersTheJobAndWaitsForIt() throws Exception {
        WorkflowJob downstream = r.createProject(WorkflowJob.class, "restore-checkout");
        downstream.setDefinition(new CpsFlowDefinition("echo 'restoring the previous version'", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "autoRollback(job: 'restore-checkout') {\n"
                        + "  error 'the deploy broke'\n"
                        + "}"));

        WorkflowRun restore = downstream.getBuildByNumber(1);
        assertThat(restore).isNotNull();
        assertThat(restore.getResult()).isEqualTo(Result.SUCCESS);
        r.assertLogContains("Rolled back because error failed: the deploy broke: job restore-checkout: SUCCESS", build);
    }

    /** The verification fails, the rollback's command puts the service back, the re-verification confirms it. */
    @Test
    public void theReVerificationConfirmsTheRecovery() throws Exception {
        Path healthyAgain = tmp.getRoot().toPath().resolve("healthy-again");
        prometheus.answer(query -> Files.exists(healthyAgain) ? HEALTHY.apply(query) : ERRORS.apply(query));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "node {\n"
                        + "  autoRollback(command: 'touch \"" + healthyAgain + "\"', verify: true,"
                        + " verifyDuration: '500ms') {\n"
                        + "    verifyStability(service: 'checkout', " + SHORT_WINDOW + ")\n"
                        + "  }\n"
                        + "}"));

        r.assertLogContains("Rolled back because verifyStability 'checkout' failed: Verification 'checkout': FAIL", build);
        r.assertLogContains("re-verification passed", build);
        ReleaseReport report = readReportFile(build);
        RollbackRecord rollback = report.rollbacks().get(0);
        assertThat(rollback.recoveryConfirmed()).isTrue();
        assertThat(rollback.detectedAt()).as("the failed verification's end")
                .isEqualTo(stage(report, StageKind.VERIFY).end());
        assertThat(rollback.recoveredAt()).isAfter(rollback.detectedAt());
        assertThat(report.verifications()).extracting(v -> v.verdict()).contains(Verdict.FAIL);
    }

    @Test
    public void aDrillWhoseRollbackWorksPasses() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "releasePlan(service: 'checkout', version: '1.4.2', drill: true)\n"
                        + "node {\n"
                        + "  autoRollback(command: 'true') {\n"
                        + "    verifyStability(service: 'checkout', " + SHORT_WINDOW + ")\n"
                        + "  }\n"
                        + "}"));

        r.assertLogContains("drill: verification failed on purpose", build);
        r.assertLogContains("drill passed: Rolled back because verifyStability 'checkout' failed", build);
        assertThat(build.getDescription()).contains(AutoRollbackExecution.DRILL);
        ReleaseReport report = readReportFile(build);
        assertThat(report.verifications()).singleElement().satisfies(verification -> {
            assertThat(verification.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(verification.checks().get(0).verdict()).as("what was really seen").isEqualTo(Verdict.PASS);
            assertThat(verification.checks().get(0).samples()).as("the first round only").hasSize(1);
        });
        assertThat(report.rollbacks()).singleElement().satisfies(rollback -> {
            assertThat(rollback.drill()).isTrue();
            assertThat(rollback.outcome()).isEqualTo(StageStatus.SUCCESS);
        });
    }

    @Test
    public void aDrillWhoseRollbackFailsFailsTheBuild() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "releasePlan(service: 'checkout', drill: true)\n"
                        + "node {\n"
                        + "  autoRollback(command: 'exit 1') {\n"
                        + "    verifyStability(service: 'checkout', " + SHORT_WINDOW + ")\n"
                        + "  }\n"
                        + "}"));

        r.assertLogContains("drill failed: the emergency plan did not work", build);
        assertThat(build.getDescription()).contains(AutoRollbackExecution.DRILL);
        assertThat(readReportFile(build).rollbacks()).singleElement()
                .satisfies(rollback -> assertThat(rollback.outcome()).isEqualTo(StageStatus.FAILURE));
    }

    @Test
    public void badActionsAreRefusedBeforeTheBodyRuns() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "autoRollback(actions: [[command: 'true'], [cmd: './deploy.sh --previous']]) {\n"
                        + "  echo 'body ran'\n"
                        + "}"));
        r.assertLogContains("actions[2]: unknown key \"cmd\"", build);
        r.assertLogNotContains("body ran", build);

        WorkflowRun none = r.buildAndAssertStatus(Result.FAILURE, pipeline("autoRollback { echo 'body ran' }"));
        r.assertLogContains("A rollback plan needs at least one action", none);

        WorkflowRun duration = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "autoRollback(command: 'true', verifyDuration: '2m') { echo 'body ran' }"));
        r.assertLogContains("verifyDuration \u201c2m\u201d needs verify: true", duration);
    }

    @Test
    public void theFormKeepsEveryField() throws Exception {
        AutoRollbackStep step = new AutoRollbackStep();
        step.setRestoreBackup("checkout");
        step.setCommand("./deploy.sh --previous");
        step.setJob("ops/restore");
        step.setParameters(Map.of("VERSION", "1.4.1"));
        step.setVerify(true);
        step.setVerifyDuration("90s");
        step.setOnAbort(true);
        step.setStopOnError(true);

        AutoRollbackStep after = new StepConfigTester(r).configRoundTrip(step);

        assertThat(after.getRestoreBackup()).isEqualTo("checkout");
        assertThat(after.getCommand()).isEqualTo("./deploy.sh --previous");
        assertThat(after.getJob()).isEqualTo("ops/restore");
        assertThat(after.getParameters()).containsExactly(Map.entry("VERSION", "1.4.1"));
        assertThat(after.isVerify()).isTrue();
        assertThat(after.getVerifyDuration()).isEqualTo("90s");
        assertThat(after.isOnAbort()).isTrue();
        assertThat(after.isStopOnError()).isTrue();
        assertThat(after.getActions()).isEqualTo(List.of());
    }

    @Test
    public void theFormKeepsSeveralActionsInOrder() throws Exception {
        AutoRollbackStep step = new AutoRollbackStep();
        step.setActions(List.of(Map.of("command", "./flush-cache.sh"),
                Map.of("job", "ops/cdn-purge", "parameters", Map.of("SERVICE", "checkout"))));

        AutoRollbackStep after = new StepConfigTester(r).configRoundTrip(step);

        assertThat(after.getActions()).containsExactly(Map.of("command", "./flush-cache.sh"),
                Map.of("job", "ops/cdn-purge", "parameters", Map.of("SERVICE", "checkout")));
        assertThat(after.getCommand()).isNull();
        assertThat(after.getJob()).isNull();
    }

    @Test
    public void theSnippetGeneratorWritesTheStepAsABlock() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        AutoRollbackStep step = new AutoRollbackStep();
        step.setRestoreBackup("checkout");
        step.setCommand("./deploy.sh --previous");
        step.setVerify(true);
        snippetizer.assertRoundTrip(step, "autoRollback(command: './deploy.sh --previous', restoreBackup: 'checkout',"
                + " verify: true) {\n    // some block\n}");

        AutoRollbackStep job = new AutoRollbackStep();
        job.setJob("ops/restore");
        job.setParameters(Map.of("VERSION", "1.4.1"));
        snippetizer.assertRoundTrip(job, "autoRollback(job: 'ops/restore', parameters: [VERSION: '1.4.1']) {\n"
                + "    // some block\n}");
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob job = r.jenkins.getItemByFullName("p", WorkflowJob.class);
        if (job == null) {
            job = r.createProject(WorkflowJob.class, "p");
        }
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    static StageRecord stage(ReleaseReport report, StageKind kind) {
        return report.timeline().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    static ReleaseReport readReportFile(WorkflowRun build) throws Exception {
        Path file = build.getRootDir().toPath().resolve("release-report.json");
        try (InputStream in = Files.newInputStream(file)) {
            return ReleaseReportJson.read(in, file.toString());
        }
    }
}
