package io.jenkins.plugins.releaseplaybook.steps;

import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.PolicyStamp;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleasePlanSpec;
import io.jenkins.plugins.releaseplaybook.engine.report.ReportException;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.rollback.LoopGuard;
import io.jenkins.plugins.releaseplaybook.report.BuildRefs;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code releasePlan} off the CPS VM thread (it reads earlier builds' reports and writes a file): validates the
 * plan, asks the rollback-loop guard, records the header and the PLAN stage. Holds only the step's values, as plain
 * serializable fields: the build and the listener come from the context.
 */
final class ReleasePlanExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(ReleasePlanExecution.class.getName());

    /** Who acknowledged when the build was not started by a user (a timer, an SCM change, an upstream build). */
    static final String UNKNOWN_USER = "unknown";
    /** {@link RollbackRecord.Acknowledgement#via()} of this step's parameter. */
    static final String VIA = "acknowledgeRollbacks";

    private final String service;
    private final String version;
    private final String risk;
    private final ArrayList<String> owners;
    private final ArrayList<String> scope;
    private final boolean drill;
    private final ArrayList<Contact> contacts;
    private final ArrayList<String> triggers;
    private final String rollbackPlan;
    private final ArrayList<String> notifyTo;
    private final boolean acknowledgeRollbacks;

    ReleasePlanExecution(ReleasePlanStep step, StepContext context) {
        super(context);
        this.service = step.getService();
        this.version = step.getVersion();
        this.risk = step.getRisk();
        this.owners = new ArrayList<>(step.getOwners());
        this.scope = new ArrayList<>(step.getScope());
        this.drill = step.isDrill();
        this.contacts = new ArrayList<>(step.getContacts());
        this.triggers = new ArrayList<>(step.getTriggers());
        this.rollbackPlan = step.getRollbackPlan();
        this.notifyTo = new ArrayList<>(step.getNotify());
        this.acknowledgeRollbacks = step.isAcknowledgeRollbacks();
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Run<?, ?> run = Objects.requireNonNull(getContext().get(Run.class), "no build in the step context");
        TaskListener listener = Objects.requireNonNull(getContext().get(TaskListener.class), "no listener");
        try {
            return plan(run, listener);
        } catch (AbortException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Only the message goes to the Pipeline: an engine exception in the cause chain cannot be kept with
            // the build (core's class filter refuses it) nor restored after a restart.
            if (e instanceof RuntimeException) {
                LOGGER.log(Level.WARNING, "releasePlan failed in " + run.getFullDisplayName(), e);
            }
            throw new AbortException(Messages.ReleasePlanStep_Failed(e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private Map<String, Object> plan(Run<?, ?> run, TaskListener listener) throws IOException {
        Instant start = Instant.now();
        JenkinsFacade jenkins = new JenkinsFacade();
        ReleaseReportAction report = ReleaseReportAction.getOrCreate(run);
        StageRecord stage = StageRecord.started(StageKind.PLAN, ReleasePlanStep.STAGE_NAME, start);

        ReleaseHeader validated = validate(BuildRefs.of(run, jenkins), start, report, stage);
        ReleaseHeader header = guard(run, listener, validated, report, stage, jenkins);
        StageRecord done = stage.finished(StageStatus.SUCCESS, Instant.now(), null);
        report.update(r -> r.withHeader(header).withStage(done));
        // The policy in force, after the header: a reviewer sees what the gate was to require.
        report.update(PolicyStamp::stamp);
        listener.getLogger().println(Messages.ReleasePlanStep_Planned(header.service(),
                header.version() == null ? Messages.ReleasePlanStep_NoVersion() : header.version(),
                header.risk().label(),
                header.owners().isEmpty() ? Messages.ReleasePlanStep_NoOwners() : String.join(", ", header.owners())));
        if (!header.emergency().isEmpty()) {
            listener.getLogger().println(Messages.ReleasePlanStep_Emergency(header.emergency().contacts().size(),
                    header.emergency().triggers().size(), header.emergency().rollbackPlan() != null
                            ? Messages.ReleasePlanStep_Yes() : Messages.ReleasePlanStep_No(),
                    String.join(", ", header.emergency().notifyTo())));
        }
        return result(header);
    }

    /** The engine's header, or a FAILURE stage in the report and an error naming every problem. */
    private ReleaseHeader validate(BuildRef build, Instant start, ReleaseReportAction report, StageRecord stage)
            throws IOException {
        try {
            return new ReleasePlanSpec(service, version, risk, owners, scope, drill,
                    contacts.stream().map(Contact::toSpec).toList(), triggers, rollbackPlan, notifyTo)
                    .toHeader(build, start);
        } catch (ReportException invalid) { // INVALID_PLAN: its message lists every problem
            throw failed(report, stage, EngineMessages.of(invalid));
        }
    }

    /**
     * The rollback-loop guard: refuses the release (a FAILURE stage, the message in the log) or lets it pass; with
     * {@code acknowledgeRollbacks: true} and rolled-back releases to acknowledge, the header records who and when, so
     * that the count ends at this build (see {@link LoopGuard}).
     */
    private ReleaseHeader guard(Run<?, ?> run, TaskListener listener, ReleaseHeader header,
            ReleaseReportAction report, StageRecord stage, JenkinsFacade jenkins) throws IOException {
        int max = ReleasePlaybookConfiguration.get().getRollback().getMaxConsecutiveRollbacks();
        LoopGuard.Decision decision = LoopGuardCheck.decide(run, max, acknowledgeRollbacks, jenkins);
        if (!decision.allowed()) {
            throw failed(report, stage, EngineMessages.text(decision.message()));
        }
        if (!acknowledgeRollbacks) {
            return header;
        }
        if (max <= 0 || decision.consecutive() == 0) {
            listener.getLogger().println(max <= 0 ? Messages.ReleasePlanStep_NothingToAcknowledgeGuardOff()
                    : Messages.ReleasePlanStep_NothingToAcknowledge());
            return header;
        }
        RollbackRecord.Acknowledgement ack = new RollbackRecord.Acknowledgement(userOf(run), Instant.now(), VIA);
        listener.getLogger().println(Messages.ReleasePlanStep_Acknowledged(ack.by(), decision.consecutive(),
                decision.rolledBack().stream().map(b -> "#" + b.number()).collect(Collectors.joining(", ")), max));
        return header.withAcknowledgement(ack);
    }

    /** Records the failed PLAN stage and returns the error for the Pipeline. */
    private static AbortException failed(ReleaseReportAction report, StageRecord stage, String message)
            throws IOException {
        StageRecord failed = stage.finished(StageStatus.FAILURE, Instant.now(), message);
        report.update(r -> r.withStage(failed));
        return new AbortException(message);
    }

    /** The user who started the build, from its causes; {@value #UNKNOWN_USER} when no user did. */
    static String userOf(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        String id = cause == null ? null : cause.getUserId();
        return id == null || id.isBlank() ? UNKNOWN_USER : id;
    }

    /** What {@code def plan = releasePlan(...)} returns to the Pipeline: plain, serializable values. */
    private static Map<String, Object> result(ReleaseHeader header) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("service", header.service());
        result.put("version", header.version());
        result.put("risk", header.risk().label());
        result.put("drill", header.drill());
        result.put("rollbacksAcknowledged", header.acknowledgement() != null);
        return result;
    }
}
