package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.config.PolicySection;
import io.jenkins.plugins.releaseplaybook.config.PolicySectionLevel;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistItem;
import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistStatus;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRunRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan;
import io.jenkins.plugins.releaseplaybook.engine.report.GateRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackAction;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackPlan;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
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

/** {@code releaseGate} in real Pipelines: pass and fail per risk level, the report it writes, its inputs. */
public class ReleaseGateStepITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private static final String PLAN = "releasePlan(service: 'checkout', version: '1.4.2', risk: '%s',"
            + " owners: ['oncall-checkout@example.com'])\n";

    @Test
    public void lowRiskPassesWithThePlanAndRecordsTheGate() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(String.format(PLAN, "low")
                + "def gate = releaseGate(confirm: ['smoke tests green'])\n"
                + "echo \"gate ok=${gate.ok} items=${gate.items.size()} first=${gate.items[0].id}:${gate.items[0].status}\""));

        r.assertLogContains("releaseGate: all 1 required items are satisfied (risk low).", build);
        r.assertLogContains("gate ok=true items=13 first=plan:SATISFIED", build);
        ReleaseReport report = readReportFile(build);
        assertThat(report.gates()).singleElement().satisfies(gate -> {
            assertThat(gate.ok()).isTrue();
            assertThat(gate.risk()).isEqualTo(Risk.LOW);
            assertThat(gate.confirmations()).containsExactly("smoke tests green");
            assertThat(gate.policy().level(Risk.LOW).required()).containsExactly("plan");
        });
        assertThat(report.checklist()).filteredOn(ChecklistItem::claim).singleElement()
                .satisfies(claim -> assertThat(claim.status()).isEqualTo(ChecklistStatus.NOT_REQUIRED));
        assertThat(report.timeline()).filteredOn(s -> s.kind() == StageKind.GATE).singleElement()
                .satisfies(stage -> assertThat(stage.status()).isEqualTo(StageStatus.SUCCESS));
    }

    @Test
    public void mediumRiskFailsListingEveryMissingItemAndWhatToDo() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE,
                pipeline(String.format(PLAN, "medium") + "releaseGate()\necho 'after the gate'"));

        r.assertLogContains("releaseGate: 4 of 6 required items are missing (risk medium):", build);
        r.assertLogContains("- Backup verified: no releaseBackup in this build. To do: Back up before the gate", build);
        r.assertLogContains("- Artifacts distributed and verified: no preDistribute in this build.", build);
        r.assertLogContains("- Alert silences active: no silence in this build.", build);
        r.assertLogContains("- Rollback declared: not inside autoRollback", build);
        r.assertLogNotContains("after the gate", build);
        ReleaseReport report = readReportFile(build);
        GateRecord gate = report.gates().get(0);
        assertThat(gate.ok()).isFalse();
        assertThat(gate.missing()).containsExactly("backupVerified", "artifactsVerified", "silencesActive",
                "rollbackDeclared");
        assertThat(report.timeline()).filteredOn(s -> s.kind() == StageKind.GATE).singleElement()
                .satisfies(stage -> assertThat(stage.status()).isEqualTo(StageStatus.FAILURE));
    }

    @Test
    public void mediumRiskPassesWhenEverythingIsInPlace() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(String.format(PLAN, "medium")
                + "prepareReleaseForGate()\nwithRollbackContext { releaseGate() }"));

        r.assertLogContains("releaseGate: all 6 required items are satisfied (risk medium).", build);
        ReleaseReport report = readReportFile(build);
        assertThat(report.checklist()).filteredOn(ChecklistItem::required)
                .allSatisfy(item -> assertThat(item.status()).as(item.id()).isEqualTo(ChecklistStatus.SATISFIED));
        assertThat(report.checklist()).filteredOn(i -> "backupVerified".equals(i.id())).singleElement()
                .satisfies(item -> assertThat(item.evidence().text()).isEqualTo("verified backups b-1"));
        assertThat(report.checklist()).filteredOn(i -> "silencesActive".equals(i.id())).singleElement()
                .satisfies(item -> assertThat(item.evidence().text()).contains("s-1"));
    }

    @Test
    public void highRiskPassesWhenEverythingIsInPlace() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(String.format(PLAN, "high")
                + "prepareReleaseForGate()\nwithRollbackContext { def gate = releaseGate()\necho \"ok=${gate.ok}\" }"));

        r.assertLogContains("releaseGate: all 11 required items are satisfied (risk high).", build);
        r.assertLogContains("ok=true", build);
        assertThat(readReportFile(build).gates()).singleElement().satisfies(gate -> {
            assertThat(gate.ok()).isTrue();
            assertThat(gate.missing()).isEmpty();
            assertThat(gate.risk()).isEqualTo(Risk.HIGH);
        });
    }

    @Test
    public void highRiskFailsWithEveryPartOfTheEmergencyPlanMissing() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(String.format(PLAN, "high") + "releaseGate()"));

        r.assertLogContains("releaseGate: 9 of 11 required items are missing (risk high):", build);
        r.assertLogContains("- Emergency plan: contacts: not in the emergency plan. To do: Give releasePlan contacts:",
                build);
        r.assertLogContains("- Backup restore-tested:", build);
        assertThat(readReportFile(build).checklist()).filteredOn(i -> "drill".equals(i.id())).singleElement()
                .satisfies(drill -> assertThat(drill.status()).isEqualTo(ChecklistStatus.NOT_REQUIRED));
    }

    @Test
    public void anAdminListedItemMustBeConfirmedByTheJob() throws Exception {
        PolicySectionLevel high = new PolicySectionLevel();
        high.setPlan(true);
        high.setCustomItems("load test passed\n\nDBA reviewed the migration");
        PolicySection policy = new PolicySection();
        policy.setHigh(high);
        ReleasePlaybookConfiguration.get().setPolicy(policy);
        WorkflowJob job = pipeline(String.format(PLAN, "high") + "releaseGate(confirm: ['Load test passed'])");

        WorkflowRun failed = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("releaseGate: 1 of 3 required items are missing (risk high):", failed);
        r.assertLogContains("Confirm it with releaseGate(confirm: ['DBA reviewed the migration']) once it is done.",
                failed);

        job.setDefinition(new CpsFlowDefinition(String.format(PLAN, "high")
                + "releaseGate(confirm: ['Load test passed', 'DBA reviewed the migration'])", true));
        WorkflowRun passed = r.buildAndAssertSuccess(job);
        assertThat(readReportFile(passed).checklist()).filteredOn(ChecklistItem::claim).hasSize(2)
                .allSatisfy(item -> assertThat(item.status()).isEqualTo(ChecklistStatus.SATISFIED));
    }

    @Test
    public void aFreezeTodayStopsTheRelease() throws Exception {
        PolicySectionLevel low = new PolicySectionLevel();
        low.setPlan(true);
        low.setChangeWindow(true);
        PolicySection policy = new PolicySection();
        policy.setLow(low);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        policy.setFreezes(today.minusDays(1) + " to " + today.plusDays(1) + " test freeze");
        ReleasePlaybookConfiguration.get().setPolicy(policy);

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(String.format(PLAN, "low") + "releaseGate()"));

        r.assertLogContains("- Change window, no freeze: no change windows configured: every time is inside; inside the"
                + " freeze '" + today.minusDays(1) + " to " + today.plusDays(1) + " test freeze'", build);
        r.assertLogContains("To do: Release after the freeze ends at", build);
    }

    @Test
    public void anEnclosingAutoRollbackDeclaresTheRollback() throws Exception {
        PolicySectionLevel low = new PolicySectionLevel();
        low.setPlan(true);
        low.setRollbackDeclared(true);
        PolicySection policy = new PolicySection();
        policy.setLow(low);
        ReleasePlaybookConfiguration.get().setPolicy(policy);

        WorkflowRun outside = r.buildAndAssertStatus(Result.FAILURE,
                pipeline(String.format(PLAN, "low") + "releaseGate()"));
        r.assertLogContains("- Rollback declared: not inside autoRollback", outside);

        WorkflowJob inside = r.createProject(WorkflowJob.class, "inside");
        inside.setDefinition(new CpsFlowDefinition(String.format(PLAN, "low")
                + "withRollbackContext { releaseGate() }", true));
        WorkflowRun build = r.buildAndAssertSuccess(inside);
        assertThat(readReportFile(build).checklist()).filteredOn(i -> "rollbackDeclared".equals(i.id())).singleElement()
                .satisfies(item -> {
                    assertThat(item.status()).isEqualTo(ChecklistStatus.SATISFIED);
                    assertThat(item.evidence().text()).isEqualTo("inside autoRollback (1 actions)");
                });
    }

    @Test
    public void aPassingDrillInAnEarlierBuildCounts() throws Exception {
        PolicySectionLevel low = new PolicySectionLevel();
        low.setPlan(true);
        low.setDrill(true);
        PolicySection policy = new PolicySection();
        policy.setLow(low);
        policy.setDrillMaxAgeDays(7);
        ReleasePlaybookConfiguration.get().setPolicy(policy);
        WorkflowJob job = pipeline(String.format(PLAN, "low") + "releaseGate()");

        WorkflowRun noDrill = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("no passing drill found in this job's recent builds", noDrill);
        r.assertLogContains("a passing drill counts for 7 days", noDrill);

        markAsPassedDrill(noDrill, Instant.now().minusSeconds(3600));
        WorkflowRun afterDrill = r.buildAndAssertSuccess(job);
        assertThat(readReportFile(afterDrill).checklist()).filteredOn(i -> "drill".equals(i.id())).singleElement()
                .satisfies(item -> assertThat(item.evidence().text()).contains("(0 days ago)"));
    }

    @Test
    public void releasePlanStampsThePolicyInForce() throws Exception {
        PolicySection policy = new PolicySection();
        policy.setZone("Europe/Berlin");
        policy.setWindows("Mon-Sun 00:00-24:00");
        ReleasePlaybookConfiguration.get().setPolicy(policy);

        WorkflowRun build = r.buildAndAssertSuccess(pipeline(String.format(PLAN, "low")));

        ReleaseReport report = readReportFile(build);
        assertThat(report.policy()).isNotNull();
        assertThat(report.policy().zone()).isEqualTo("Europe/Berlin");
        assertThat(report.policy().windows()).containsExactly("Mon-Sun 00:00-24:00");
        assertThat(report.policy().level(Risk.LOW).required()).containsExactly("plan");
        assertThat(report.policy().level(Risk.HIGH).required()).doesNotContain("drill").contains("backupRestoreTested");
        assertThat(report.gates()).isEmpty();
    }

    @Test
    public void theSnippetGeneratorWritesTheConfirmations() throws Exception {
        ReleaseGateStep step = new ReleaseGateStep();
        step.setConfirm(List.of("load test passed", " ", "DBA reviewed"));
        assertThat(step.getConfirm()).containsExactly("load test passed", "DBA reviewed");
        // Snippetizer.functionCall puts a sole list argument in parentheses (isSingleList).
        new SnippetizerTester(r).assertRoundTrip(step, "releaseGate(confirm: ['load test passed', 'DBA reviewed'])");
    }

    /** Rewrites a finished build's report as a drill whose rollback succeeded at {@code recoveredAt}. */
    private static void markAsPassedDrill(WorkflowRun build, Instant recoveredAt) throws Exception {
        ReleaseReportAction action = ReleaseReportAction.getOrCreate(build);
        action.update(report -> {
            ReleaseHeader h = report.header();
            ReleaseHeader drill = new ReleaseHeader(h.service(), h.version(), h.risk(), h.owners(), h.scope(), true,
                    h.build(), h.plannedAt(), h.emergency());
            return report.withHeader(drill).withRollback(new RollbackRecord("drill: verification failed on purpose",
                    recoveredAt.minusSeconds(60), recoveredAt, List.of(), StageStatus.SUCCESS,
                    recoveredAt.minusSeconds(300), recoveredAt.minusSeconds(60), recoveredAt, null, null, true, null,
                    true, null));
        });
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

    /**
     * Test-only block step: runs its body with an {@link AutoRollbackContext} in the context, as {@code autoRollback}
     * does, so that a step inside sees an enclosing rollback plan.
     */
    public static final class WithRollbackContextStep extends Step {
        @DataBoundConstructor
        public WithRollbackContextStep() {
            // no parameters
        }

        @Override
        public StepExecution start(StepContext context) {
            return new Execution(context);
        }

        private static final class Execution extends StepExecution {
            private static final long serialVersionUID = 1L;

            Execution(StepContext context) {
                super(context);
            }

            @Override
            public boolean start() throws Exception {
                RollbackPlan plan = RollbackPlan.builder().action(RollbackAction.command("./deploy.sh --previous")).build();
                getContext().newBodyInvoker().withContext(new AutoRollbackContext(plan, Instant.now(), false))
                        .withCallback(BodyExecutionCallback.wrap(getContext())).start();
                return false;
            }
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "withRollbackContext";
            }

            @Override
            public String getDisplayName() {
                return "Run the body with an autoRollback context (test only)";
            }

            @Override
            public boolean takesImplicitBlockArgument() {
                return true;
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of();
            }
        }
    }

    /**
     * Test-only step: records what the preparation steps would (a verified, restore-tested backup, a distribution that
     * met its policy, an active silence, the emergency plan), without their servers.
     */
    public static final class PrepareReleaseForGateStep extends Step {
        @DataBoundConstructor
        public PrepareReleaseForGateStep() {
            // no parameters
        }

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
                EmergencyPlan emergency = new EmergencyPlan(
                        List.of(new EmergencyPlan.Contact("Alice", "release owner", "+49 30 1234", null, null)),
                        List.of("error ratio above 2% for 5 minutes"), "redeploy the previous jar",
                        List.of("#checkout-releases"));
                ReleaseReportAction.getOrCreate(run).update(report -> report
                        .withHeader(report.header().withEmergency(emergency))
                        .withBackup(new BackupRecord("b-1", "checkout", "built-in", "/var/backups/checkout/b-1.tar.zst",
                                "ab", 1, 6, true, now, List.of("/opt/checkout"), List.of(), List.of(), "zstd", 40,
                                true, "/var/backups"))
                        .withDistributionRun(new DistributionRunRecord(now, "sftp", "/opt/checkout/releases/1.4.2",
                                List.of("checkout.jar"), 2, 2, 2, "all", 100, 10, true, List.of(), List.of()), List.of())
                        .withSilence(new SilenceRecord("s-1", List.of(), List.of("service=\"checkout\""),
                                now.minusSeconds(60), now.plusSeconds(3600), "jenkins", "release",
                                "http://alertmanager:9093", SilenceRecord.SilenceState.ACTIVE, List.of())));
                return null;
            }
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "prepareReleaseForGate";
            }

            @Override
            public String getDisplayName() {
                return "Record a prepared release in the Release Report (test only)";
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class);
            }
        }
    }
}
