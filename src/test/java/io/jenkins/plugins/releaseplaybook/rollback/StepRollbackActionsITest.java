package io.jenkins.plugins.releaseplaybook.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.BooleanParameterDefinition;
import hudson.model.ChoiceParameterDefinition;
import hudson.model.Item;
import hudson.model.ParametersAction;
import hudson.model.PasswordParameterDefinition;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.StringParameterDefinition;
import hudson.model.TaskListener;
import hudson.model.User;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionResult;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackException;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.TestExtension;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@link StepRollbackActions} in a real Jenkins, each action called from a background thread of a real build (the
 * test-only step {@code rollbackActionForTest}, as {@code autoRollback} calls them): a command on an agent (success,
 * failure with its exit code, abort killing the process tree, no node), the restore of a real {@code releaseBackup}
 * on an agent, and a triggered job (parameters, relative names, failure, missing job, unknown parameter, no
 * permission as the build's own user, abort cancelling the downstream build).
 */
public class StepRollbackActionsITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aCommandRunsOnTheAgentInTheWorkspaceWithTheBuildsEnvironment() throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        WorkflowRun build = j.buildAndAssertSuccess(job("command", "node(" + q(agent.getNodeName()) + ") {\n"
                + "  writeFile(file: 'marker.txt', text: 'in the workspace')\n"
                + "  rollbackActionForTest(kind: 'command', target: " + q("echo \"ws=$(pwd) build=$BUILD_NUMBER"
                + " job=$JOB_NAME\" && cat marker.txt | tr a-z A-Z") + ")\n"
                + "}"));
        j.assertLogContains("ws=" + agent.getRemoteFS(), build);
        j.assertLogContains("build=1 job=command", build);
        j.assertLogContains("IN THE WORKSPACE", build);
        j.assertLogContains("[autoRollback] running on " + agent.getNodeName(), build);
        j.assertLogContains("RESULT succeeded: command \"echo", build);
    }

    @Test
    public void aFailingCommandFailsTheActionWithItsExitCode() throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        WorkflowRun build = j.buildAndAssertSuccess(job("failing", "node(" + q(agent.getNodeName()) + ") {\n"
                + "  rollbackActionForTest(kind: 'command', target: 'echo going-wrong | tr a-z A-Z; exit 3')\n"
                + "}"));
        j.assertLogContains("GOING-WRONG", build); // the output, not the command line the launcher prints
        j.assertLogContains("RESULT failed: command \"echo going-wrong | tr a-z A-Z; exit 3\" failed with exit code 3",
                build);
    }

    @Test
    public void anAbortKillsTheCommandsProcessTree() throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        Path pidFile = temp.newFolder().toPath().resolve("sleep.pid");
        WorkflowJob job = job("abort", "node(" + q(agent.getNodeName()) + ") {\n"
                + "  rollbackActionForTest(kind: 'command', target: " + q("sleep 600 & echo $! > " + pidFile
                + "; printf 'sta%s\\n' rted; wait; printf 'nev%s\\n' er") + ")\n"
                + "}");
        WorkflowRun build = Objects.requireNonNull(job.scheduleBuild2(0)).waitForStart();
        j.waitForMessage("started", build); // printed by the command: the launcher's echo of it says "sta%s"
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        build.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        j.assertLogNotContains("never", build);
        j.assertLogNotContains("RESULT", build);
        // the background child of the shell, too: Jenkins kills the whole tree (by its environment cookie)
        ProcessHandle sleeper = ProcessHandle.of(pid).orElse(null);
        if (sleeper != null) {
            assertThat(sleeper.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        }
    }

    @Test
    public void aCommandOutsideANodeSaysWhereToPutAutoRollback() throws Exception {
        WorkflowRun build = j.buildAndAssertSuccess(job("nonode",
                "rollbackActionForTest(kind: 'command', target: './deploy.sh --previous')"));
        j.assertLogContains("RESULT failed: command \"./deploy.sh --previous\" needs a node to run on, and this"
                + " autoRollback has none: put autoRollback inside node { }", build);
    }

    @Test
    public void aBackupOfThisBuildIsRestoredOnItsAgentByNameAndById() throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        Path data = temp.newFolder("data").toPath();
        Files.writeString(data.resolve("app.properties"), "version=1.4.0\n");
        Path destination = temp.newFolder("backups").toPath();
        Path changed = data.resolve("app.properties");
        WorkflowRun build = j.buildAndAssertSuccess(job("restore", "node(" + q(agent.getNodeName()) + ") {\n"
                + "  def backup = releaseBackup(name: 'checkout', paths: [" + q(data) + "], destination: "
                + q(destination) + ")\n"
                + "  writeFile(file: " + q(changed) + ", text: 'version=1.5.0-bad\\n')\n"
                + "  rollbackActionForTest(kind: 'restoreBackup', target: 'checkout')\n"
                + "  echo \"after name: ${readFile(" + q(changed) + ").trim()}\"\n"
                + "  writeFile(file: " + q(changed) + ", text: 'version=1.5.0-bad\\n')\n"
                + "  rollbackActionForTest(kind: 'restoreBackup', target: backup.id)\n"
                + "  echo \"after id: ${readFile(" + q(changed) + ").trim()}\"\n"
                + "}"));
        j.assertLogContains("after name: version=1.4.0", build);
        j.assertLogContains("after id: version=1.4.0", build);
        assertThat(Files.readString(changed)).isEqualTo("version=1.4.0\n");
        ReleaseReport report = ReleaseReportAction.getOrCreate(build).load();
        String id = report.backups().get(0).id();
        j.assertLogContains("RESULT succeeded: restored " + id + " on " + agent.getNodeName() + ": 1 path(s), 1 of"
                + " them replaced", build);
        assertThat(report.restores()).hasSize(2).allSatisfy(restore -> {
            assertThat(restore.backupId()).isEqualTo(id);
            assertThat(restore.node()).isEqualTo(agent.getNodeName());
            assertThat(restore.dryRun()).isFalse();
            assertThat(restore.replaced()).containsExactly(data.toString());
        });
    }

    @Test
    public void aNameThisBuildTookNoBackupOfFailsTheActionAndTouchesNothing() throws Exception {
        WorkflowRun build = j.buildAndAssertSuccess(job("nobackup",
                "node { rollbackActionForTest(kind: 'restoreBackup', target: 'checkout') }"));
        j.assertLogContains("RESULT failed: restoreBackup \"checkout\" is neither a backup id nor the name of one of"
                + " the 0 backups this build took", build);
        assertThat(ReleaseReportAction.getOrCreate(build).load().restores()).isEmpty();
    }

    @Test
    public void aJobIsTriggeredWithItsParametersAndWaitedFor() throws Exception {
        WorkflowJob deploy = job("deploy", "echo \"VERSION=${params.VERSION} DRY_RUN=${params.DRY_RUN}"
                + " REGION=${params.REGION}\"\n"
                + "if (params.DRY_RUN) { error('dry run only') }");
        deploy.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("VERSION", "0.0.0"),
                new BooleanParameterDefinition("DRY_RUN", true, ""),
                new StringParameterDefinition("REGION", "eu-west-1")));
        WorkflowRun build = j.buildAndAssertSuccess(job("upstream", "rollbackActionForTest(kind: 'job', target:"
                + " 'deploy', parameters: [VERSION: '1.4.1', DRY_RUN: 'false'])"));

        WorkflowRun downstream = Objects.requireNonNull(deploy.getBuildByNumber(1));
        j.assertBuildStatus(Result.SUCCESS, downstream);
        j.assertLogContains("VERSION=1.4.1 DRY_RUN=false REGION=eu-west-1", downstream); // the default for the rest
        j.assertLogContains("Started by upstream project", downstream);
        j.assertLogContains("[autoRollback] triggered deploy with VERSION=1.4.1, DRY_RUN=false, waiting for it", build);
        j.assertLogContains("RESULT succeeded: deploy #1 succeeded: ", build);
        j.assertLogContains(downstream.getUrl(), build);
    }

    @Test
    public void aPasswordParameterIsPassedButNeverLogged() throws Exception {
        WorkflowJob deploy = job("deploy", "echo \"VERSION=${params.VERSION}\"");
        deploy.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("VERSION", "0.0.0"),
                new PasswordParameterDefinition("TOKEN", Secret.fromString("none"), "")));
        WorkflowRun build = j.buildAndAssertSuccess(job("upstream", "rollbackActionForTest(kind: 'job', target:"
                + " 'deploy', parameters: [VERSION: '1.4.1', TOKEN: 's3cr3t-t0ken'])"));
        j.assertLogContains("triggered deploy with VERSION=1.4.1, TOKEN=****, waiting for it", build);
        j.assertLogNotContains("s3cr3t-t0ken", build);
        WorkflowRun downstream = Objects.requireNonNull(deploy.getBuildByNumber(1));
        j.assertLogContains("VERSION=1.4.1", downstream);
        ParametersAction given = Objects.requireNonNull(downstream.getAction(ParametersAction.class));
        assertThat(given.getParameter("TOKEN")).isNotNull();
        assertThat(Objects.requireNonNull(given.getParameter("TOKEN")).isSensitive()).isTrue();
    }

    @Test
    public void aFailedDownstreamBuildFailsTheAction() throws Exception {
        WorkflowJob deploy = job("deploy", "error('the previous version does not start either')");
        WorkflowRun build = j.buildAndAssertSuccess(job("upstream", "rollbackActionForTest(kind: 'job', target: 'deploy')"));
        j.assertBuildStatus(Result.FAILURE, Objects.requireNonNull(deploy.getBuildByNumber(1)));
        j.assertLogContains("RESULT failed: deploy #1 ended FAILURE: ", build);
    }

    @Test
    public void relativeNamesAreResolvedFromTheBuildsFolder() throws Exception {
        MockFolder team = j.createFolder("team");
        WorkflowJob deploy = team.createProject(WorkflowJob.class, "deploy");
        deploy.setDefinition(new CpsFlowDefinition("echo 'deploying in team'", true));
        job("deploy", "error('the wrong deploy: the root one')");
        WorkflowJob upstream = team.createProject(WorkflowJob.class, "upstream");
        upstream.setDefinition(new CpsFlowDefinition("rollbackActionForTest(kind: 'job', target: 'deploy')", true));
        WorkflowRun build = j.buildAndAssertSuccess(upstream);
        j.assertLogContains("RESULT succeeded: team/deploy #1 succeeded", build);
        assertThat(deploy.getLastBuild()).isNotNull();
    }

    @Test
    public void aMissingJobAndAnUnknownParameterAreRefusedBeforeAnythingIsQueued() throws Exception {
        WorkflowJob deploy = job("deploy", "echo 'never'");
        deploy.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("VERSION", "0.0.0")));
        WorkflowRun build = j.buildAndAssertSuccess(job("upstream",
                "rollbackActionForTest(kind: 'job', target: 'deploy-typo')\n"
                        + "rollbackActionForTest(kind: 'job', target: 'deploy', parameters: [version: '1.4.1'])\n"
                        + "rollbackActionForTest(kind: 'job', target: 'deploy', parameters: [VERSION: '1.4.1',"
                        + " ZONE: 'b'])"));
        j.assertLogContains("RESULT failed: no job named \"deploy-typo\" (relative names are resolved from /)", build);
        j.assertLogContains("RESULT failed: deploy has no parameter version (it has: VERSION): parameter names are"
                + " case-sensitive", build);
        j.assertLogContains("RESULT failed: deploy has no parameter ZONE (it has: VERSION)", build);
        assertThat(deploy.getLastBuild()).as("nothing was triggered").isNull();
    }

    @Test
    public void aChoiceOutsideTheChoicesIsRefusedNamingTheParameter() throws Exception {
        WorkflowJob deploy = job("deploy", "echo \"MODE=${params.MODE}\"");
        deploy.addProperty(new ParametersDefinitionProperty(
                new ChoiceParameterDefinition("MODE", new String[] {"rollback", "forward"}, "")));
        WorkflowRun build = j.buildAndAssertSuccess(job("upstream",
                "rollbackActionForTest(kind: 'job', target: 'deploy', parameters: [MODE: 'sideways'])"));
        j.assertLogContains("RESULT failed: deploy: parameter MODE does not accept \"sideways\"", build);
        assertThat(deploy.getLastBuild()).isNull();
    }

    @Test
    public void theBuildsOwnUserNeedsReadAndBuildOnTheJob() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        WorkflowJob readable = job("deploy", "echo 'must not run'");
        WorkflowJob hidden = job("secret", "echo 'must not run'");
        WorkflowJob allowed = job("allowed", "echo 'allowed to run'");
        WorkflowJob upstream = job("upstream", "rollbackActionForTest(kind: 'job', target: 'deploy')\n"
                + "rollbackActionForTest(kind: 'job', target: 'secret')\n"
                + "rollbackActionForTest(kind: 'job', target: 'allowed')");
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("dev")
                .grant(Item.READ).onItems(readable, allowed, upstream).to("dev")
                .grant(Item.BUILD).onItems(allowed, upstream).to("dev"));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(new MockQueueItemAuthenticator()
                .authenticate(upstream.getFullName(), Objects.requireNonNull(User.getById("dev", true)).impersonate2()));

        WorkflowRun build = j.buildAndAssertSuccess(upstream);
        j.assertLogContains("RESULT failed: dev may not build deploy: grant Job/Build on it", build);
        j.assertLogContains("RESULT failed: no job named \"secret\"", build);
        j.assertLogContains("RESULT succeeded: allowed #1 succeeded", build);
        assertThat(readable.getLastBuild()).isNull();
        assertThat(hidden.getLastBuild()).isNull();
    }

    @Test
    public void anAbortAbortsTheTriggeredBuild() throws Exception {
        WorkflowJob deploy = job("deploy", "semaphore('deploying')");
        WorkflowJob upstream = job("upstream", "rollbackActionForTest(kind: 'job', target: 'deploy')");
        WorkflowRun build = Objects.requireNonNull(upstream.scheduleBuild2(0)).waitForStart();
        SemaphoreStep.waitForStart("deploying/1", null);
        WorkflowRun downstream = Objects.requireNonNull(deploy.getBuildByNumber(1));

        build.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(downstream));
        j.assertLogNotContains("RESULT", build);
    }

    private WorkflowJob job(String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /** A single-quoted Groovy string literal. */
    private static String q(Object text) {
        return "'" + text.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Test-only step {@code rollbackActionForTest(kind:, target:, parameters:)}: calls one action of
     * {@link StepRollbackActions} from a background thread of a real build, as {@code autoRollback} does, and prints
     * {@code RESULT succeeded: ...} or {@code RESULT failed: ...}. (A test step may use
     * {@link SynchronousNonBlockingStepExecution}: it is what gives it a background thread that an abort interrupts.)
     */
    public static final class RollbackActionStep extends Step {
        private final String kind;
        private final String target;
        private Map<String, Object> parameters = Map.of();

        @DataBoundConstructor
        public RollbackActionStep(String kind, String target) {
            this.kind = kind;
            this.target = target;
        }

        public String getKind() {
            return kind;
        }

        public String getTarget() {
            return target;
        }

        public Map<String, Object> getParameters() {
            return parameters;
        }

        @DataBoundSetter
        public void setParameters(Map<String, Object> parameters) {
            this.parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
        }

        @Override
        public StepExecution start(StepContext context) {
            Map<String, String> texts = new LinkedHashMap<>();
            parameters.forEach((k, v) -> texts.put(k, String.valueOf(v)));
            return new Execution(context, kind, target, texts);
        }

        private static final class Execution extends SynchronousNonBlockingStepExecution<String> {
            private static final long serialVersionUID = 1L;
            private final String kind;
            private final String target;
            private final LinkedHashMap<String, String> parameters;

            Execution(StepContext context, String kind, String target, Map<String, String> parameters) {
                super(context);
                this.kind = kind;
                this.target = target;
                this.parameters = new LinkedHashMap<>(parameters);
            }

            @Override
            protected String run() throws Exception {
                StepRollbackActions actions = StepRollbackActions.forContext(getContext());
                ActionResult result;
                try {
                    result = switch (kind) {
                        case "command" -> actions.command(target);
                        case "restoreBackup" -> actions.restoreBackup(target);
                        case "job" -> actions.job(target, parameters);
                        default -> throw new AbortException("unknown kind " + kind);
                    };
                } catch (RollbackException e) { // what RollbackRun records for it
                    result = ActionResult.failed(e.message(Locale.ROOT));
                }
                String line = "RESULT " + (result.succeeded() ? "succeeded" : "failed") + ": " + result.message();
                Objects.requireNonNull(getContext().get(TaskListener.class)).getLogger().println(line);
                return line;
            }
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "rollbackActionForTest";
            }

            @Override
            public String getDisplayName() {
                return "Run one rollback action (test only)";
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class, TaskListener.class);
            }
        }
    }}
