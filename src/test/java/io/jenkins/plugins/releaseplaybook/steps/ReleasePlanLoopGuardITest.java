package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.config.RollbackSection;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
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

/**
 * The rollback-loop guard of {@code releasePlan} over real builds. A rolled-back release is a build whose report has a
 * header and a rollback record: a test-only step writes the record, as {@code autoRollback} does after a rollback.
 */
public class ReleasePlanLoopGuardITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private static final String RELEASE = "releasePlan(service: 'checkout')";
    private static final String ROLLED_BACK = RELEASE + "\nrecordTestRollback()";

    @Test
    public void refusesTheReleaseAfterThreeRolledBackBuilds() throws Exception {
        WorkflowJob job = job();
        rolledBackBuilds(job, 3);

        job.setDefinition(new CpsFlowDefinition(RELEASE, true));
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("3 consecutive releases of p rolled back (#3", refused);
        r.assertLogContains("#2", refused);
        r.assertLogContains("#1", refused);
        r.assertLogContains("the limit is 3", refused);
        r.assertLogContains("acknowledgeRollbacks: true", refused);
        r.assertLogNotContains("RollbackException", refused);
        ReleaseReport report = report(refused);
        assertThat(report.hasHeader()).as("a refused release declares nothing").isFalse();
        assertThat(report.timeline()).singleElement().satisfies(stage -> {
            assertThat(stage.kind()).isEqualTo(StageKind.PLAN);
            assertThat(stage.status()).isEqualTo(StageStatus.FAILURE);
            assertThat(stage.message()).contains("3 consecutive releases of p rolled back");
        });

        // The refused build is no release: the next one is refused too, still naming the three.
        WorkflowRun again = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("3 consecutive releases of p rolled back (#3", again);
    }

    @Test
    public void twoRolledBackBuildsDoNotRefuse() throws Exception {
        WorkflowJob job = job();
        rolledBackBuilds(job, 2);

        job.setDefinition(new CpsFlowDefinition(RELEASE, true));
        r.buildAndAssertSuccess(job);
    }

    @Test
    public void acknowledgeRollbacksLetsTheReleasePassAndRecordsWhoAndWhen() throws Exception {
        WorkflowJob job = job();
        rolledBackBuilds(job, 3);

        job.setDefinition(new CpsFlowDefinition("releasePlan(service: 'checkout', acknowledgeRollbacks: true)", true));
        Instant before = Instant.now();
        WorkflowRun acknowledged = r.assertBuildStatusSuccess(
                job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))));
        Instant after = Instant.now();

        RollbackRecord.Acknowledgement ack = report(acknowledged).header().acknowledgement();
        assertThat(ack).isNotNull();
        assertThat(ack.by()).isEqualTo("alice");
        assertThat(ack.via()).isEqualTo("acknowledgeRollbacks");
        assertThat(ack.at()).isBetween(before, after);
        r.assertLogContains(Messages.ReleasePlanStep_Acknowledged("alice", 3, "#3, #2, #1", 3), acknowledged);

        // The count ended at the acknowledged build: the next release goes ahead without acknowledging.
        job.setDefinition(new CpsFlowDefinition(RELEASE, true));
        r.buildAndAssertSuccess(job);
    }

    @Test
    public void anAcknowledgedBuildThatRollsBackAgainCountsAsOne() throws Exception {
        WorkflowJob job = job();
        rolledBackBuilds(job, 3);

        job.setDefinition(new CpsFlowDefinition(
                "releasePlan(service: 'checkout', acknowledgeRollbacks: true)\nrecordTestRollback()", true));
        WorkflowRun acknowledged = r.buildAndAssertSuccess(job);
        assertThat(report(acknowledged).header().acknowledgement().by())
                .as("no user started the build").isEqualTo("unknown");
        rolledBackBuilds(job, 1);

        // #4 (acknowledged, rolled back again) and #5 count; #1-#3 were acknowledged.
        job.setDefinition(new CpsFlowDefinition(RELEASE, true));
        r.buildAndAssertSuccess(job);
    }

    @Test
    public void acknowledgeRollbacksWithNothingToAcknowledgeRecordsNothing() throws Exception {
        WorkflowJob job = job();
        job.setDefinition(new CpsFlowDefinition("releasePlan(service: 'checkout', acknowledgeRollbacks: true)", true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        assertThat(report(build).header().acknowledgement()).isNull();
        r.assertLogContains(Messages.ReleasePlanStep_NothingToAcknowledge(), build);
    }

    @Test
    public void theGuardIsOffAtZero() throws Exception {
        RollbackSection off = new RollbackSection();
        off.setMaxConsecutiveRollbacks(0);
        ReleasePlaybookConfiguration.get().setRollback(off);
        WorkflowJob job = job();
        rolledBackBuilds(job, 4);

        job.setDefinition(new CpsFlowDefinition(RELEASE, true));
        r.buildAndAssertSuccess(job);
    }

    @Test
    public void theLimitComesFromTheConfiguration() throws Exception {
        RollbackSection one = new RollbackSection();
        one.setMaxConsecutiveRollbacks(1);
        ReleasePlaybookConfiguration.get().setRollback(one);
        WorkflowJob job = job();
        rolledBackBuilds(job, 1);

        job.setDefinition(new CpsFlowDefinition(RELEASE, true));
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("1 consecutive releases of p rolled back (#1", refused);
    }

    @Test
    public void buildsWithoutAReleasePlanArePassedOver() throws Exception {
        WorkflowJob job = job();
        rolledBackBuilds(job, 2);
        job.setDefinition(new CpsFlowDefinition("echo 'no release here'", true));
        r.buildAndAssertSuccess(job);
        rolledBackBuilds(job, 1);

        job.setDefinition(new CpsFlowDefinition(RELEASE, true));
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("3 consecutive releases of p rolled back (#4", refused);
    }

    private WorkflowJob job() throws Exception {
        return r.createProject(WorkflowJob.class, "p");
    }

    private void rolledBackBuilds(WorkflowJob job, int count) throws Exception {
        job.setDefinition(new CpsFlowDefinition(ROLLED_BACK, true));
        for (int i = 0; i < count; i++) {
            r.buildAndAssertSuccess(job);
        }
    }

    private static ReleaseReport report(WorkflowRun build) throws Exception {
        ReleaseReportAction action = build.getAction(ReleaseReportAction.class);
        assertThat(action).isNotNull();
        return action.load();
    }

    /** Test-only step: records a finished rollback in the build's report, as {@code autoRollback} does. */
    public static final class RecordRollbackStep extends Step {
        @DataBoundConstructor
        public RecordRollbackStep() {}

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
                Instant now = Instant.now();
                RollbackRecord rollback = new RollbackRecord("sh failed (test)", now, now, List.of(),
                        StageStatus.SUCCESS);
                ReleaseReportAction.getOrCreate(run).update(report -> report.withRollback(rollback));
                return null;
            }
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "recordTestRollback";
            }

            @Override
            public String getDisplayName() {
                return "Record a rollback in the Release Report (test only)";
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class, TaskListener.class);
            }
        }
    }
}
