package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.policy.Checklist;
import io.jenkins.plugins.releaseplaybook.engine.policy.GateEvaluation;
import io.jenkins.plugins.releaseplaybook.engine.policy.GateInputs;
import io.jenkins.plugins.releaseplaybook.engine.policy.PlaybookPolicy;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code releaseGate(confirm: [...])}: the last confirmation before the release. Evaluates the pre-release checklist
 * of the admin policy for the plan's risk level against the build's Release Report (and the enclosing
 * {@code autoRollback}, the job's last passing drill, the job's confirmations), records the result in the report, and
 * fails the build listing every missing item and what to do. Returns {@code [ok: true, items: [...]]}.
 */
public class ReleaseGateStep extends Step {
    /** The timeline name of the stage this step records (an identifier, not prose). */
    static final String STAGE_NAME = "releaseGate";

    private List<String> confirm = List.of();

    @DataBoundConstructor
    public ReleaseGateStep() {
        // confirm is optional
    }

    /** The items the job confirms: its claims, recorded as such. */
    public List<String> getConfirm() {
        return confirm;
    }

    @DataBoundSetter
    public void setConfirm(@CheckForNull List<String> confirm) {
        this.confirm = FormLines.entries(confirm);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /**
     * Short work off the CPS VM thread: it reads this build's report and at most {@link ReleaseGateHistory#SCAN_LIMIT}
     * earlier reports from disk, never the network, and writes one report update. Holds only the confirmations.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(ReleaseGateStep.class.getName());

        private final ArrayList<String> confirm;

        Execution(ReleaseGateStep step, StepContext context) {
            super(context);
            this.confirm = new ArrayList<>(step.getConfirm());
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = Objects.requireNonNull(getContext().get(Run.class), "no build in the step context");
            TaskListener listener = Objects.requireNonNull(getContext().get(TaskListener.class), "no listener");
            AutoRollbackContext rollback = getContext().get(AutoRollbackContext.class);
            GateEvaluation evaluation;
            try {
                evaluation = evaluate(run, rollback);
            } catch (IOException | RuntimeException e) {
                // Only the message goes to the Pipeline (no engine types in a cause chain kept with the build).
                LOGGER.log(Level.WARNING, "releaseGate could not evaluate in " + run.getFullDisplayName(), e);
                throw new AbortException(Messages.ReleaseGateStep_Failed(EngineMessages.of(e)));
            }
            String message = evaluation.message(EngineMessages.locale());
            if (!evaluation.ok()) {
                throw new AbortException(message);
            }
            listener.getLogger().println(message);
            return ReleaseGateHistory.result(evaluation);
        }

        private GateEvaluation evaluate(Run<?, ?> run, @CheckForNull AutoRollbackContext rollback) throws IOException {
            Instant start = Instant.now();
            PlaybookPolicy policy = ReleasePlaybookConfiguration.get().getPolicy().policy();
            ReleaseReportAction action = ReleaseReportAction.getOrCreate(run);
            ReleaseReport report = action.load();
            GateInputs inputs = new GateInputs(report, rollback == null ? null : rollback.plan(),
                    ReleaseGateHistory.lastPassingDrill(run), confirm);
            GateEvaluation evaluation = Checklist.evaluate(policy, inputs, Clock.systemUTC());
            StageRecord stage = StageRecord.started(StageKind.GATE, STAGE_NAME, start).finished(
                    evaluation.ok() ? StageStatus.SUCCESS : StageStatus.FAILURE, Instant.now(),
                    evaluation.message(Locale.ROOT).lines().findFirst().orElse(null));
            action.update(r -> evaluation.recordIn(r).withStage(stage));
            return evaluation;
        }
    }

    @Extension
    @Symbol("releaseGate")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "releaseGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ReleaseGateStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /**
         * Builds the step from the Snippet Generator form: {@code confirm} is a list in the DSL, edited here as a text
         * area ({@code confirmText}, one item a line).
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            ReleaseGateStep step = new ReleaseGateStep();
            step.setConfirm(FormLines.split(formData.optString("confirmText")));
            return step;
        }

        /** The text area content for the list: one item a line. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }
    }
}
