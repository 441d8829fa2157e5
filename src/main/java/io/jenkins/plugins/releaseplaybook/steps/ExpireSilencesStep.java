package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import io.jenkins.plugins.releaseplaybook.BackgroundPool;
import io.jenkins.plugins.releaseplaybook.silences.SilenceExpiry;
import io.jenkins.plugins.releaseplaybook.silences.SilenceHandle;
import io.jenkins.plugins.releaseplaybook.silences.SilenceLedger;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code expireSilences}: ends silences this build created with {@code createSilences} (or a {@code silenceAlerts}
 * block could not end), by default every one its Release Report lists as ACTIVE, and returns what became of each. A
 * build may only expire its own silences: an ID the report does not list is refused before anything reaches
 * Alertmanager. Silences already expired are skipped. A silence that cannot be expired is logged with its end time and
 * marks the build UNSTABLE, as at the end of a {@code silenceAlerts} block.
 */
public class ExpireSilencesStep extends Step {
    static final String FUNCTION_NAME = "expireSilences";
    static final String LOG_PREFIX = "[" + FUNCTION_NAME + "] ";

    private List<String> ids = List.of();

    @DataBoundConstructor
    public ExpireSilencesStep() {}

    public List<String> getIds() {
        return ids;
    }

    /** Silence IDs as {@code createSilences} returned them; empty: every silence of the build that is still active. */
    @DataBoundSetter
    public void setIds(@CheckForNull List<String> ids) {
        List<String> kept = new ArrayList<>();
        if (ids != null) {
            for (String id : ids) {
                String value = Util.fixEmptyAndTrim(id);
                if (value != null && !kept.contains(value)) {
                    kept.add(value);
                }
            }
        }
        this.ids = Collections.unmodifiableList(kept);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(new ArrayList<>(ids), context);
    }

    /**
     * Runs off the CPS VM thread ({@link BackgroundPool#SILENCES}): expiring calls Alertmanager with retries. An abort
     * interrupts it; silences it had not yet recorded as expired stay ACTIVE in the report, and the safety net expires
     * them when the build ends. After a restart it runs again: the report says which silences are still active, so
     * expiring twice does no harm.
     */
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        private final ArrayList<String> ids;
        /** The background expiry, while it runs. */
        private transient volatile Future<?> task;

        Execution(ArrayList<String> ids, StepContext context) {
            super(context);
            this.ids = ids;
        }

        /** Runs on the CPS VM thread: only hands the work to a background thread. */
        @Override
        public boolean start() {
            try {
                task = BackgroundPool.SILENCES.submit(this::expire);
            } catch (RejectedExecutionException e) {
                LOGGER.log(Level.FINE, "Jenkins is shutting down", e);
                getContext().onFailure(new AbortException(Messages.SilenceSteps_ShuttingDown(FUNCTION_NAME)));
            }
            return false;
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            Future<?> running = task;
            if (running != null) {
                running.cancel(true);
            }
            super.stop(cause);
        }

        @Override
        public void onResume() {
            start();
        }

        @Override
        public String getStatus() {
            return "expiring silences";
        }

        /** A safe restart waits for the expiry (retries with backoff take seconds) rather than cut it short. */
        @Override
        public boolean blocksRestart() {
            Future<?> running = task;
            return running != null && !running.isDone();
        }

        private void expire() {
            StepContext context = getContext();
            try {
                context.onSuccess(run(context));
            } catch (InterruptedException e) {
                // Stopped (the step has failed already), or Jenkins is shutting down: onResume runs it again.
                LOGGER.log(Level.FINE, "Interrupted while expiring silences", e);
            } catch (Exception e) { // an AbortException saying what to fix, or an unexpected problem
                context.onFailure(SilenceFailures.forPipeline(FUNCTION_NAME, e));
            }
        }

        private List<Map<String, Object>> run(StepContext context) throws Exception {
            Run<?, ?> run = Objects.requireNonNull(context.get(Run.class), "no build in the step context");
            PrintStream log = Objects.requireNonNull(context.get(TaskListener.class), "no listener").getLogger();
            ReleaseReport report = ReleaseReportAction.getOrCreate(run).load();
            List<SilenceHandle> targets = targets(report, log);
            if (targets.isEmpty()) {
                log.println(LOG_PREFIX + Messages.ExpireSilencesStep_NothingActive());
                return new ArrayList<>();
            }
            List<SilenceOutcome> outcomes = SilenceExpiry.expire(run, true, targets, null, StageStatus.SUCCESS,
                    line -> log.println(LOG_PREFIX + line));
            long notExpired = outcomes.stream().filter(outcome -> !outcome.expired()).count();
            if (notExpired > 0) {
                String problem = Messages.SilenceAlertsStep_NotExpired(notExpired, outcomes.size());
                log.println(LOG_PREFIX + problem);
                FlowNode node = context.get(FlowNode.class);
                if (node != null) {
                    node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(problem));
                }
                run.setResult(Result.UNSTABLE);
                log.println(LOG_PREFIX + Messages.SilenceAlertsStep_MarkedUnstable());
            }
            return toMaps(outcomes);
        }

        /** The silences to expire: the given IDs (all of them this build's), or every active one. */
        private List<SilenceHandle> targets(ReleaseReport report, PrintStream log) throws AbortException {
            if (ids.isEmpty()) {
                return SilenceLedger.active(report);
            }
            List<String> unknown = new ArrayList<>();
            List<SilenceHandle> targets = new ArrayList<>();
            for (String id : ids) {
                SilenceRecord record = SilenceLedger.find(report, id);
                if (record == null) {
                    unknown.add(id);
                } else if (record.state() != SilenceState.ACTIVE) {
                    log.println(LOG_PREFIX + Messages.ExpireSilencesStep_AlreadyClosed(id, record.state().name()));
                } else {
                    targets.add(SilenceHandle.of(record));
                }
            }
            if (!unknown.isEmpty()) {
                List<String> known = report.silences().stream().map(SilenceRecord::id).toList();
                throw new AbortException(Messages.ExpireSilencesStep_UnknownIds(String.join(", ", unknown),
                        known.isEmpty() ? Messages.ExpireSilencesStep_NoSilences() : String.join(", ", known)));
            }
            return targets;
        }

        /**
         * What {@code def outcomes = expireSilences()} returns, in plain serializable values: one map per silence,
         * {@code [id: '...', state: 'EXPIRED', expired: true, problem: null, endsAt: '2026-...Z',
         * matchers: ['service="checkout"'], suppressedAlerts: ['HighLatency{...}']]}.
         */
        static List<Map<String, Object>> toMaps(List<SilenceOutcome> outcomes) {
            List<Map<String, Object>> maps = new ArrayList<>(outcomes.size());
            for (SilenceOutcome outcome : outcomes) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("id", outcome.silence().id());
                map.put("state", (outcome.expired() ? SilenceState.EXPIRED : SilenceState.EXPIRY_FAILED).name());
                map.put("expired", outcome.expired());
                map.put("problem", outcome.problem());
                map.put("endsAt", outcome.silence().endsAt().toString());
                map.put("matchers", new ArrayList<>(outcome.silence().matcherTexts()));
                map.put("suppressedAlerts", new ArrayList<>(outcome.suppressedAlerts()));
                maps.add(map);
            }
            return maps;
        }
    }

    @Extension
    @Symbol(FUNCTION_NAME)
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ExpireSilencesStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        /**
         * {@code ids} is a list in the DSL, edited here as a text area ({@code idsText}, one ID a line). Any text is
         * a possible ID, so nothing here is refused; a refusal would be an {@link IllegalArgumentException}, which
         * the Snippet Generator shows (it catches only {@link RuntimeException}s).
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            ExpireSilencesStep step = new ExpireSilencesStep();
            step.setIds(FormLines.split(formData.optString("idsText")));
            return step;
        }

        /** The text area content for a list property: one entry a line. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }
    }
}
