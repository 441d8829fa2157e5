package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import jenkins.model.JenkinsLocationConfiguration;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.StaplerRequest2;

/** {@code releasePlan} in real Pipelines: the report it writes, its failures, concurrency and its forms. */
public class ReleasePlanStepITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void recordsThePlanInTheReport() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "def plan = releasePlan(service: 'checkout', version: '1.4.2', risk: 'high',\n"
                        + "    owners: ['a@example.com'], scope: ['api'])\n"
                        + "echo \"planned ${plan.service} ${plan.version} ${plan.risk} drill=${plan.drill}\""));

        r.assertLogContains("Release plan: checkout 1.4.2 (risk high, owners a@example.com)", build);
        r.assertLogContains("planned checkout 1.4.2 high drill=false", build);
        ReleaseReportAction action = build.getAction(ReleaseReportAction.class);
        assertThat(action).isNotNull();

        ReleaseReport report = readReportFile(build);
        assertThat(report.header().service()).isEqualTo("checkout");
        assertThat(report.header().version()).isEqualTo("1.4.2");
        assertThat(report.header().risk()).isEqualTo(Risk.HIGH);
        assertThat(report.header().owners()).containsExactly("a@example.com");
        assertThat(report.header().scope()).containsExactly("api");
        assertThat(report.header().build().jobFullName()).isEqualTo("p");
        assertThat(report.header().build().number()).isEqualTo(build.getNumber());
        assertThat(report.timeline()).singleElement().satisfies(stage -> {
            assertThat(stage.kind()).isEqualTo(StageKind.PLAN);
            assertThat(stage.status()).isEqualTo(StageStatus.SUCCESS);
            assertThat(stage.end()).isNotNull();
        });
        assertThat(action.load()).isEqualTo(report);
    }

    @Test
    public void invalidPlanFailsTheBuildAndRecordsTheFailedStage() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE,
                pipeline("releasePlan(service: 'checkout', version: '1.4.2', risk: 'extreme')"));

        r.assertLogContains("'risk' value 'extreme' is unknown", build);
        ReleaseReport report = readReportFile(build);
        assertThat(report.hasHeader()).isFalse();
        assertThat(report.timeline()).singleElement().satisfies(stage -> {
            assertThat(stage.kind()).isEqualTo(StageKind.PLAN);
            assertThat(stage.status()).isEqualTo(StageStatus.FAILURE);
            assertThat(stage.message()).contains("extreme");
        });
    }

    @Test
    public void everyProblemIsReportedAtOnce() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE,
                pipeline("releasePlan(service: '', risk: 'extreme', owners: [''])"));

        r.assertLogContains("'service' is required", build);
        r.assertLogContains("'risk' value 'extreme' is unknown", build);
        r.assertLogContains("'owners' entry 1 is empty", build);
    }

    /**
     * Twenty branches append a stage each while a twenty-first declares the plan. Each branch creates the
     * action on first use and writes the report concurrently: nothing may be lost and only one action may exist.
     */
    @Test
    public void parallelBranchesLoseNoUpdates() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(
                "def branches = [:]\n"
                        + "for (int i = 0; i < 20; i++) {\n"
                        + "  def n = i\n"
                        + "  branches[\"b${n}\"] = { appendReleaseStage(name: \"stage-${n}\") }\n"
                        + "}\n"
                        + "branches['plan'] = { releasePlan(service: 'checkout', version: '1.4.2') }\n"
                        + "parallel branches"));

        assertThat(build.getActions(ReleaseReportAction.class)).hasSize(1);
        ReleaseReport report = readReportFile(build);
        assertThat(report.hasHeader()).isTrue();
        assertThat(report.timeline()).hasSize(21);
        assertThat(report.timeline().stream().filter(s -> s.kind() == StageKind.VERIFY).map(StageRecord::name))
                .containsExactlyInAnyOrder(IntStream.range(0, 20)
                        .mapToObj(i -> "stage-" + i).toArray(String[]::new));
        assertThat(report.timeline().stream().filter(s -> s.kind() == StageKind.PLAN)).hasSize(1);
    }

    @Test
    public void snippetsRoundTrip() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        ReleasePlanStep step = new ReleasePlanStep("checkout");
        snippetizer.assertRoundTrip(step, "releasePlan 'checkout'");

        step.setVersion("1.4.2");
        step.setRisk("high");
        step.setOwners(List.of("a@example.com", "b@example.com"));
        step.setScope(List.of("api"));
        step.setDrill(true);
        snippetizer.assertRoundTrip(step, "releasePlan drill: true, owners: ['a@example.com', 'b@example.com'],"
                + " risk: 'high', scope: ['api'], service: 'checkout', version: '1.4.2'");
    }

    /** The Snippet Generator form edits the lists as text areas, one entry a line. */
    @Test
    public void snippetGeneratorFormSplitsListsByLine() throws Exception {
        new SnippetizerTester(r).assertGenerateSnippet(
                "{'stapler-class': '" + ReleasePlanStep.class.getName() + "', 'service': 'checkout',"
                        + " 'version': '1.4.2', 'risk': 'low', 'ownersText': 'a@example.com\\n\\n b@example.com ',"
                        + " 'scopeText': '', 'drill': false}",
                "releasePlan owners: ['a@example.com', 'b@example.com'], risk: 'low', service: 'checkout',"
                        + " version: '1.4.2'",
                null);
    }

    @Test
    public void configFormRoundTrip() throws Exception {
        ReleasePlanStep step = new ReleasePlanStep("checkout");
        step.setVersion("1.4.2");
        step.setRisk("high");
        step.setOwners(List.of("a@example.com", "b@example.com"));
        step.setScope(List.of("api", "worker"));
        step.setDrill(true);

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));

        ReleasePlanStep minimal = new ReleasePlanStep("checkout");
        r.assertEqualDataBoundBeans(minimal, new StepConfigTester(r).configRoundTrip(minimal));
    }

    @Test
    public void riskChoicesAreTheEngineLevels() {
        ReleasePlanStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(ReleasePlanStep.DescriptorImpl.class);

        assertThat(descriptor.doFillRiskItems(null).stream().map(option -> option.value))
                .containsExactly("low", "medium", "high");
    }

    @Test
    public void buildLinkIsTheAbsoluteBuildUrlWhenTheJenkinsUrlIsSet() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline("releasePlan(service: 'checkout')"));

        assertThat(readReportFile(build).header().build().url()).isEqualTo(r.jenkins.getRootUrl() + build.getUrl());
    }

    @Test
    public void buildLinkFallsBackToTheRelativeBuildUrlWhenNoJenkinsUrlWasSaved() throws Exception {
        JenkinsLocationConfiguration.get().setUrl(null);

        WorkflowRun build = r.buildAndAssertSuccess(pipeline("releasePlan(service: 'checkout')"));

        assertThat(readReportFile(build).header().build().url()).isEqualTo(build.getUrl()).isEqualTo("job/p/1/");
    }

    @Test
    public void snippetGeneratorRefusesAnEmptyServiceWithTheMessage() throws Exception {
        ReleasePlanStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(ReleasePlanStep.DescriptorImpl.class);
        JSONObject form = JSONObject.fromObject("{'service': '  ', 'version': '1.4.2', 'risk': 'low'}");

        assertThatThrownBy(() -> descriptor.newInstance((StaplerRequest2) null, form))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(Messages.ReleasePlanStep_ServiceRequired());

        String answer = generateSnippet("{'stapler-class': '" + ReleasePlanStep.class.getName() + "', 'service': '',"
                + " 'version': '1.4.2', 'risk': 'low', 'ownersText': '', 'scopeText': '', 'drill': false}");
        assertThat(answer).contains(Messages.ReleasePlanStep_ServiceRequired()).doesNotContain("releasePlan(");
    }

    @Test
    public void serviceFieldSaysInlineThatItIsRequired() {
        ReleasePlanStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(ReleasePlanStep.DescriptorImpl.class);

        FormValidation empty = descriptor.doCheckService(null, " ");
        assertThat(empty.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(empty.getMessage()).isEqualTo(Messages.ReleasePlanStep_ServiceRequired());
        assertThat(descriptor.doCheckService(null, "checkout").kind).isEqualTo(FormValidation.Kind.OK);
    }

    /** A report that cannot be written fails the step with the message alone: no engine exception in the build. */
    @Test
    public void aReportFailureFailsTheStepWithTheMessageOnly() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "damageReleaseReport()\nreleasePlan(service: 'checkout')"));

        r.assertLogContains("ERROR: releasePlan could not record the plan in the Release Report: The release report in"
                + " release-report.json is not a valid report", build);
        r.assertLogNotContains("ReportException", build);
        r.assertLogNotContains("\tat ", build);
        r.assertLogNotContains(r.jenkins.getRootDir().getAbsolutePath(), build);
    }

    private String generateSnippet(String json) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(new URL(r.getURL(), "pipeline-syntax/generateSnippet"), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("json", json),
                new NameValuePair(r.jenkins.getCrumbIssuer().getDescriptor().getCrumbRequestField(),
                        r.jenkins.getCrumbIssuer().getCrumb())));
        WebResponse response = wc.getPage(request).getWebResponse();
        assertThat(response.getStatusCode()).isEqualTo(200);
        return response.getContentAsString();
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static ReleaseReport readReportFile(WorkflowRun build) throws Exception {
        Path file = build.getRootDir().toPath().resolve("release-report.json");
        assertThat(file).exists();
        try (InputStream in = Files.newInputStream(file)) {
            return ReleaseReportJson.read(in, file.toString());
        }
    }

    /** Test-only step: appends one finished VERIFY stage to the build's report, from a step thread. */
    public static final class AppendStageStep extends Step {
        private final String name;

        @DataBoundConstructor
        public AppendStageStep(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        @Override
        public StepExecution start(StepContext context) {
            return new Execution(context, name);
        }

        private static final class Execution extends SynchronousNonBlockingStepExecution<Void> {
            private static final long serialVersionUID = 1L;
            private final String name;

            Execution(StepContext context, String name) {
                super(context);
                this.name = name;
            }

            @Override
            protected Void run() throws Exception {
                Run<?, ?> run = getContext().get(Run.class);
                Instant start = Instant.now();
                StageRecord stage = StageRecord.started(StageKind.VERIFY, name, start)
                        .finished(StageStatus.SUCCESS, start, null);
                ReleaseReportAction.getOrCreate(run).update(report -> report.withStage(stage));
                return null;
            }
        }

        @TestExtension("parallelBranchesLoseNoUpdates")
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "appendReleaseStage";
            }

            @Override
            public String getDisplayName() {
                return "Append a stage to the Release Report (test only)";
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class, TaskListener.class);
            }
        }
    }

    /** Test-only step: writes a damaged report file into the build directory before anything read it. */
    public static final class DamageReportStep extends Step {
        @DataBoundConstructor
        public DamageReportStep() {}

        @Override
        public StepExecution start(StepContext context) {
            return new Execution(context);
        }

        private static final class Execution extends SynchronousNonBlockingStepExecution<Void> {
            private static final long serialVersionUID = 1L;

            Execution(StepContext context) {
                super(context);
            }

            @Override
            protected Void run() throws Exception {
                Run<?, ?> run = getContext().get(Run.class);
                Files.writeString(run.getRootDir().toPath().resolve("release-report.json"), "{ not json");
                return null;
            }
        }

        @TestExtension("aReportFailureFailsTheStepWithTheMessageOnly")
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "damageReleaseReport";
            }

            @Override
            public String getDisplayName() {
                return "Damage the Release Report file (test only)";
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class);
            }
        }
    }
}
