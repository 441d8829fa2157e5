package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Executor;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.config.AccessSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;

/**
 * {@code verifyStability} in real Pipelines against a Prometheus API whose values each test decides: verdicts and
 * build results, the report, the log, aborts, and the Snippet Generator. Windows are a fraction of a second long.
 */
public class VerifyStabilityStepITest {
    /** Every metric healthy: 0.5 % errors, 5 ms latency, load 0.005, 60 % memory available. */
    /**
     * Healthy values: free memory, enough traffic for the ratio checks' guard, every instance on the plan's version
     * (the build_info query of deployed_version), a low value for everything else (presence counts included).
     */
    private static final Function<String, String> HEALTHY = query -> query.contains("node_memory") ? "0.6"
            : query.contains("increase(") ? "1000"
            : query.startsWith("build_info") ? "{\"version\":\"1.4.2\"}|1" : "0.005";
    /** As healthy, but 20 % of the requests fail (the error ratio query is the one with the 5xx matcher). */
    private static final Function<String, String> ERRORS = query -> query.contains("code=~") ? "0.2" : HEALTHY.apply(query);
    /** Five rounds over half a second: enough samples to compare with the baseline (at least 5 each). */
    private static final String SHORT_WINDOW = "duration: '500ms', interval: '100ms'";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

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
    public void healthyReleasePassesAndIsRecorded() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "releasePlan(service: 'checkout', version: '1.4.2')\n"
                        + "def result = verifyStability(service: 'checkout', " + SHORT_WINDOW + ")\n"
                        + "echo \"verdict=${result.verdict} error_ratio=${result.checks.error_ratio.verdict}"
                        + " observed=${result.checks.error_ratio.observed}\""));

        r.assertLogContains("verdict=PASS error_ratio=PASS observed=0.005", build);
        // The default set and deployed_version: the plan declared a version.
        r.assertLogContains("[verifyStability] Verifying checkout: 6 checks for 500 ms, one sample every 100 ms", build);
        r.assertLogContains("[verifyStability] check error_ratio: <= 0.01", build);
        r.assertLogContains("[verifyStability] check latency_p99: <= 1 s, at most 50% above baseline", build);
        r.assertLogContains("[verifyStability] round 1/6", build);
        r.assertLogContains("[verifyStability] round 6/6", build);
        r.assertLogContains("[verifyStability] Verification 'checkout': PASS", build);
        assertThat(prometheus.queries()).isNotEmpty().allSatisfy(query -> assertThat(query).contains("service=\"checkout\""));

        ReleaseReport report = readReportFile(build);
        assertThat(report.verifications()).singleElement().satisfies(verification -> {
            assertThat(verification.name()).isEqualTo("checkout");
            assertThat(verification.verdict()).isEqualTo(Verdict.PASS);
            assertThat(verification.checks()).hasSize(6);
        });
        StageRecord stage = verifyStage(report).orElseThrow();
        assertThat(stage.status()).isEqualTo(StageStatus.SUCCESS);
        assertThat(stage.name()).isEqualTo("checkout");
        assertThat(stage.end()).isNotNull();
    }

    @Test
    public void degradedReleaseFailsNamingTheCheck() throws Exception {
        prometheus.answer(ERRORS);

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "verifyStability(service: 'checkout', " + SHORT_WINDOW + ")\n"
                        + "echo 'not reached'"));

        r.assertLogContains("FAIL: error_ratio", build);
        r.assertLogContains("error_ratio: error ratio 0.2 > 0.01", build);
        r.assertLogNotContains("not reached", build);
        ReleaseReport report = readReportFile(build);
        assertThat(report.verifications()).singleElement()
                .satisfies(verification -> assertThat(verification.verdict()).isEqualTo(Verdict.FAIL));
        StageRecord stage = verifyStage(report).orElseThrow();
        assertThat(stage.status()).isEqualTo(StageStatus.FAILURE);
        assertThat(stage.message()).contains("error_ratio");
    }

    @Test
    public void missingDataMarksTheStepAndTheBuildUnstable() throws Exception {
        prometheus.answer(query -> null);

        WorkflowRun build = r.buildAndAssertStatus(Result.UNSTABLE, pipeline(
                "def result = verifyStability(service: 'checkout', " + SHORT_WINDOW + ")\n"
                        + "echo \"after verification: ${result.verdict}\""));

        r.assertLogContains("after verification: INCONCLUSIVE", build);
        r.assertLogContains("no data in any of", build);
        assertThat(warnings(build)).singleElement().satisfies(warning -> {
            assertThat(warning.getResult()).isEqualTo(Result.UNSTABLE);
            assertThat(warning.getMessage()).contains("INCONCLUSIVE");
        });
        StageRecord stage = verifyStage(readReportFile(build)).orElseThrow();
        assertThat(stage.status()).isEqualTo(StageStatus.UNSTABLE);
    }

    @Test
    public void inconclusiveFailsTheStepWhenAskedTo() throws Exception {
        prometheus.answer(query -> null);

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "verifyStability(service: 'checkout', onInconclusive: 'FAILURE', " + SHORT_WINDOW + ")"));

        r.assertLogContains("INCONCLUSIVE: error_ratio", build);
        assertThat(warnings(build)).isEmpty();
        assertThat(verifyStage(readReportFile(build)).orElseThrow().status()).isEqualTo(StageStatus.FAILURE);
    }

    @Test
    public void looseningAThresholdIsRefusedBeforeAnyQuery() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "verifyStability(service: 'checkout', customChecks: [[name: 'error_ratio', limit: 0.5]], "
                        + SHORT_WINDOW + ")"));

        r.assertLogContains("Check 'error_ratio': limit 0.5 is looser than the admin's limit 0.01", build);
        assertThat(prometheus.queries()).isEmpty();
        StageRecord stage = verifyStage(readReportFile(build)).orElseThrow();
        assertThat(stage.status()).isEqualTo(StageStatus.FAILURE);
        assertThat(stage.message()).contains("looser");
    }

    @Test
    public void administratorsMayAllowLoosening() throws Exception {
        ReleasePlaybookConfiguration.get().getVerification().setAllowLoosening(true);

        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "verifyStability(service: 'checkout', checks: ['error_ratio'],"
                        + " customChecks: [[name: 'error_ratio', limit: 0.5]], " + SHORT_WINDOW + ")"));

        r.assertLogContains("check error_ratio: <= 0.5", build);
        r.assertLogContains("changed by this job: limit loosened", build);
    }

    @Test
    public void customChecksAndTheSelectorReachThePrometheusQueries() throws Exception {
        prometheus.answer(query -> query.startsWith("max(queue_depth") ? "3" : HEALTHY.apply(query));

        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "def result = verifyStability(selector: 'job=\"api\",env=\"prod\"', customChecks: [\n"
                        + "    [name: 'queue_depth', query: 'max(queue_depth{{selector}})', direction: 'higher', limit: 10]],\n"
                        + "    " + SHORT_WINDOW + ")\n"
                        + "echo \"checks=${result.checks.keySet()}\""));

        // A job with checks of its own and no named checks runs only its own.
        r.assertLogContains("checks=[queue_depth]", build);
        assertThat(prometheus.queries()).contains("max(queue_depth{job=\"api\",env=\"prod\"})");
    }

    @Test
    public void serviceAndSelectorAreExclusive() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "verifyStability(service: 'checkout', selector: 'job=\"api\"')"));

        r.assertLogContains("Give either service or selector, not both", build);
        assertThat(prometheus.queries()).isEmpty();
    }

    @Test
    public void withoutPrometheusTheStepSaysWhatToConfigure() throws Exception {
        ReleasePlaybookConfiguration.get().setPrometheusUrl(null);

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline("verifyStability(service: 'checkout')"));

        r.assertLogContains("No Prometheus server is configured", build);
        r.assertLogContains("Manage Jenkins > System > Release Playbook", build);
        assertThat(verifyStage(readReportFile(build)).orElseThrow().status()).isEqualTo(StageStatus.FAILURE);
    }

    /** An hour-long window is aborted after its first round: the build ends at once, and so does the stage. */
    @Test
    public void abortEndsALongVerificationPromptly() throws Exception {
        WorkflowJob job = pipeline("verifyStability(service: 'checkout', checks: ['error_ratio'], duration: '1h',"
                + " interval: '1s')");
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[verifyStability] round 1/3601", build);

        long abortedAt = System.nanoTime();
        Executor executor = build.getExecutor();
        assertThat(executor).as("the executor of the running build").isNotNull();
        executor.interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

        assertThat(Duration.ofNanos(System.nanoTime() - abortedAt)).isLessThan(Duration.ofSeconds(30));
        // The step records its stage before it ends, so the build cannot complete first.
        StageRecord stage = verifyStage(readReportFile(build)).orElseThrow();
        assertThat(stage.status()).isEqualTo(StageStatus.ABORTED);
        assertThat(stage.message()).contains("Aborted");
        assertThat(stage.end()).isNotNull();
        // What was sampled before the abort stays in the report.
        assertThat(readReportFile(build).verifications()).singleElement()
                .satisfies(v -> assertThat(v.checks().get(0).samples()).isNotEmpty());
    }

    /** The abort interrupts a round whose query is in flight: the interrupt ends the step and the stage too. */
    @Test
    public void abortWhileAQueryIsInFlightFinishesTheStage() throws Exception {
        prometheus.holdQueriesAfter(1);
        WorkflowRun build = pipeline("verifyStability(service: 'checkout', checks: ['error_ratio'], duration: '1h',"
                + " interval: '1s')").scheduleBuild2(0).waitForStart();
        assertThat(prometheus.awaitHeldQuery(Duration.ofMinutes(1))).as("the second round is in flight").isTrue();

        build.getExecution().interrupt(Result.ABORTED);
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

        StageRecord stage = verifyStage(readReportFile(build)).orElseThrow();
        assertThat(stage.status()).isEqualTo(StageStatus.ABORTED);
        assertThat(readReportFile(build).verifications()).singleElement()
                .satisfies(v -> assertThat(v.checks().get(0).samples()).hasSize(1));
    }

    /** A job outside the administrator's pattern may tighten catalogue checks, but not run PromQL of its own. */
    @Test
    public void customQueriesAreRefusedWhereTheAdministratorDidNotAllowThem() throws Exception {
        AccessSection access = new AccessSection();
        access.setCustomQueryJobs("team-a/**");
        ReleasePlaybookConfiguration.get().setAccess(access);
        String refusal = ReleasePlaybookConfiguration.get().getAccess().refusalToRunCustomQueries("p");
        assertThat(refusal).as("the setting refuses job p").isNotNull();

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "verifyStability(service: 'checkout', customChecks: [[name: 'queue_depth',"
                        + " query: 'max(queue_depth{{selector}})', direction: 'higher', limit: 10]], " + SHORT_WINDOW + ")"));

        r.assertLogContains(refusal, build);
        assertThat(prometheus.queries()).as("refused before any query").isEmpty();
        StageRecord stage = verifyStage(readReportFile(build)).orElseThrow();
        assertThat(stage.status()).isEqualTo(StageStatus.FAILURE);
        assertThat(stage.message()).isEqualTo(refusal);

        // Tightening a catalogue check runs the administrator's query: allowed everywhere.
        WorkflowJob tightening = r.createProject(WorkflowJob.class, "tightening");
        tightening.setDefinition(new CpsFlowDefinition("verifyStability(service: 'checkout', checks: ['error_ratio'],"
                + " customChecks: [[name: 'error_ratio', limit: 0.008]], " + SHORT_WINDOW + ")", true));
        r.buildAndAssertSuccess(tightening);
    }

    @Test
    public void customQueriesRunInJobsTheAdministratorAllowed() throws Exception {
        AccessSection access = new AccessSection();
        access.setCustomQueryJobs("team-a/**");
        ReleasePlaybookConfiguration.get().setAccess(access);
        prometheus.answer(query -> query.startsWith("max(queue_depth") ? "3" : HEALTHY.apply(query));
        MockFolder folder = r.createFolder("team-a");
        WorkflowJob job = folder.createProject(WorkflowJob.class, "checkout");
        job.setDefinition(new CpsFlowDefinition("verifyStability(service: 'checkout', customChecks: [[name: 'queue_depth',"
                + " query: 'max(queue_depth{{selector}})', direction: 'higher', limit: 10]], " + SHORT_WINDOW + ")", true));

        r.buildAndAssertSuccess(job);

        assertThat(prometheus.queries()).contains("max(queue_depth{service=\"checkout\"})");
    }

    @Test
    public void snippetsRoundTrip() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        VerifyStabilityStep step = new VerifyStabilityStep();
        step.setService("checkout");
        snippetizer.assertRoundTrip(step, "verifyStability service: 'checkout'");

        step.setChecks(List.of("error_ratio", "latency_p99"));
        step.setCustomChecks(List.of(tightened(), ownCheck()));
        step.setDuration("5m");
        step.setInterval("15s");
        step.setBaseline("none");
        step.setFailAfter(3);
        step.setNoData("fail");
        step.setOnInconclusive("FAILURE");
        snippetizer.assertRoundTrip(step, "verifyStability baseline: 'none', checks: ['error_ratio', 'latency_p99'],"
                + " customChecks: [[limit: '0.5', name: 'latency_p99'], [critical: true, direction: 'HIGHER_IS_WORSE',"
                + " failAfter: 3, limit: '100', maxChange: '30%', name: 'queue_depth', noData: 'FAIL',"
                + " query: 'max(queue_depth{{selector}})', unit: 'jobs']], duration: '5m', failAfter: 3,"
                + " interval: '15s', noData: 'FAIL', onInconclusive: 'FAILURE', service: 'checkout'");
    }

    /** The Snippet Generator form edits the check names as a text area and the custom checks as repeated blocks. */
    @Test
    public void snippetGeneratorFormReadsLinesAndCustomChecks() throws Exception {
        new SnippetizerTester(r).assertGenerateSnippet(
                "{'stapler-class': '" + VerifyStabilityStep.class.getName() + "', 'service': 'checkout',"
                        + " 'selector': '', 'checksText': 'error_ratio\\n\\n latency_p99 ',"
                        + " 'customChecks': {'name': 'latency_p99', 'query': '', 'direction': '', 'limit': '0.5',"
                        + " 'maxChange': '', 'failAfter': '', 'critical': false, 'noData': '', 'unit': ''},"
                        + " 'duration': '', 'interval': '30s', 'baseline': '', 'failAfter': '', 'noData': '',"
                        + " 'onInconclusive': 'UNSTABLE'}",
                "verifyStability checks: ['error_ratio', 'latency_p99'], customChecks: [[limit: '0.5',"
                        + " name: 'latency_p99']], interval: '30s', service: 'checkout'",
                null);
    }

    /**
     * A typo in a number gives the Snippet Generator an IllegalArgumentException, whose message it shows in the
     * snippet box (a checked FormException answered an error page), and the field says what is wrong next to it.
     */
    @Test
    public void aMistypedNumberIsNamedInlineAndInTheSnippetBox() throws Exception {
        VerifyStabilityStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(VerifyStabilityStep.DescriptorImpl.class);
        FormValidation inline = descriptor.doCheckFailAfter(null, "three");
        assertThat(inline.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(inline.getMessage()).contains("failAfter").contains("three").contains("whole number");
        assertThat(descriptor.doCheckFailAfter(null, "0").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckFailAfter(null, "3").kind).isEqualTo(FormValidation.Kind.OK);

        String answer = generateSnippet("{'stapler-class': '" + VerifyStabilityStep.class.getName() + "',"
                + " 'service': 'checkout', 'failAfter': 'three'}");
        assertThat(answer).startsWith("java.lang.IllegalArgumentException: ").contains("failAfter \"three\" is not a whole number");
        String custom = generateSnippet("{'stapler-class': '" + VerifyStabilityStep.class.getName() + "',"
                + " 'service': 'checkout', 'customChecks': {'name': 'latency_p99', 'limit': 'half', 'failAfter': ''}}");
        assertThat(custom).startsWith("java.lang.IllegalArgumentException: ").contains("\"half\" is not a number");
    }

    @Test
    public void configFormRoundTrip() throws Exception {
        VerifyStabilityStep step = new VerifyStabilityStep();
        step.setService("checkout");
        step.setChecks(List.of("error_ratio", "latency_p99"));
        step.setCustomChecks(List.of(tightened(), ownCheck()));
        step.setDuration("5m");
        step.setInterval("15s");
        step.setBaseline("30m");
        step.setFailAfter(3);
        step.setNoData("fail");
        step.setOnInconclusive("FAILURE");

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));

        VerifyStabilityStep minimal = new VerifyStabilityStep();
        minimal.setSelector("job=\"api\"");
        r.assertEqualDataBoundBeans(minimal, new StepConfigTester(r).configRoundTrip(minimal));
    }

    @Test
    public void onInconclusiveChoicesAreTheBuildResults() {
        VerifyStabilityStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(VerifyStabilityStep.DescriptorImpl.class);

        assertThat(descriptor.doFillOnInconclusiveItems(null).stream().map(option -> option.value))
                .containsExactly("UNSTABLE", "FAILURE", "SUCCESS");
        assertThat(descriptor.doFillNoDataItems(null).stream().map(option -> option.value))
                .containsExactly("", "INCONCLUSIVE", "FAIL", "IGNORE");
    }

    /** What the Snippet Generator answers for a form, as its page shows it in the snippet box. */
    private String generateSnippet(String json) throws Exception {
        JenkinsRule.WebClient web = r.createWebClient();
        WebRequest request = new WebRequest(new URL(r.getURL(), "pipeline-syntax/generateSnippet"), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        parameters.add(new NameValuePair("json", json));
        parameters.add(new NameValuePair(r.jenkins.getCrumbIssuer().getDescriptor().getCrumbRequestField(),
                r.jenkins.getCrumbIssuer().getCrumb()));
        request.setRequestParameters(parameters);
        WebResponse response = web.getPage(request).getWebResponse();
        assertThat(response.getStatusCode()).as("no error page").isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("text/plain");
        return response.getContentAsString().trim();
    }

    private static CustomCheck tightened() {
        CustomCheck check = new CustomCheck("latency_p99");
        check.setLimit(0.5);
        return check;
    }

    private static CustomCheck ownCheck() {
        CustomCheck check = new CustomCheck("queue_depth");
        check.setQuery("max(queue_depth{{selector}})");
        check.setDirection("HIGHER_IS_WORSE");
        check.setLimit(100.0);
        check.setMaxChange("30%");
        check.setFailAfter(3);
        check.setCritical(true);
        check.setNoData("fail");
        check.setUnit("jobs");
        return check;
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static Optional<StageRecord> verifyStage(ReleaseReport report) {
        return report.timeline().stream().filter(stage -> stage.kind() == StageKind.VERIFY).findFirst();
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

    private static ReleaseReport readReportFile(WorkflowRun build) throws Exception {
        Path file = build.getRootDir().toPath().resolve("release-report.json");
        assertThat(file).exists();
        try (InputStream in = Files.newInputStream(file)) {
            return ReleaseReportJson.read(in, file.toString());
        }
    }
}
