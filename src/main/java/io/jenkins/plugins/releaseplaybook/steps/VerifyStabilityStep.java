package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.report.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingState;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingStateJson;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSession;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import io.jenkins.plugins.releaseplaybook.steps.VerificationRequest.OnInconclusive;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code verifyStability}: samples Prometheus checks over a window after the release, compares them with their
 * thresholds and with the window before the release, and returns the verdict. FAIL and ERROR fail the step;
 * INCONCLUSIVE marks it (and the build) UNSTABLE unless {@code onInconclusive} says otherwise. The report gets a
 * VERIFY stage from the start, finished also when the step fails or is aborted, and the verification itself.
 *
 * <p>Exactly one of {@code service} (becomes {@code service="..."}) and {@code selector} (raw label matchers
 * without braces) says what to verify; both are optional setters so that either can be written alone. What the
 * engine decides (which checks, which thresholds, the verdict) is the engine's; this class binds parameters,
 * finds the administrator's settings and credentials, and talks to the build.
 */
public class VerifyStabilityStep extends Step {
    static final String FUNCTION_NAME = "verifyStability";
    /** Starts every line this step writes to the build log. */
    static final String LOG_PREFIX = "[" + FUNCTION_NAME + "] ";

    private String service;
    private String selector;
    private List<String> checks = List.of();
    private List<CustomCheck> customChecks = List.of();
    private String duration;
    private String interval;
    private String baseline;
    private Integer failAfter;
    private String noData;
    private String onInconclusive = OnInconclusive.UNSTABLE.name();

    @DataBoundConstructor
    public VerifyStabilityStep() {}

    @CheckForNull
    public String getService() {
        return service;
    }

    @DataBoundSetter
    public void setService(@CheckForNull String service) {
        this.service = Util.fixEmptyAndTrim(service);
    }

    @CheckForNull
    public String getSelector() {
        return selector;
    }

    @DataBoundSetter
    public void setSelector(@CheckForNull String selector) {
        this.selector = Util.fixEmptyAndTrim(selector);
    }

    public List<String> getChecks() {
        return checks;
    }

    /** Catalogue check names; entries are trimmed and blank ones dropped. Empty: the administrator's default set. */
    @DataBoundSetter
    public void setChecks(@CheckForNull List<String> checks) {
        List<String> names = new ArrayList<>();
        if (checks != null) {
            for (String name : checks) {
                String value = Util.fixEmptyAndTrim(name);
                if (value != null) {
                    names.add(value);
                }
            }
        }
        this.checks = Collections.unmodifiableList(names);
    }

    public List<CustomCheck> getCustomChecks() {
        return customChecks;
    }

    @DataBoundSetter
    public void setCustomChecks(@CheckForNull List<CustomCheck> customChecks) {
        this.customChecks = customChecks == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(customChecks));
    }

    @CheckForNull
    public String getDuration() {
        return duration;
    }

    /** Blank: the administrator's default. */
    @DataBoundSetter
    public void setDuration(@CheckForNull String duration) {
        this.duration = Util.fixEmptyAndTrim(duration);
    }

    @CheckForNull
    public String getInterval() {
        return interval;
    }

    /** Blank: the administrator's default. */
    @DataBoundSetter
    public void setInterval(@CheckForNull String interval) {
        this.interval = Util.fixEmptyAndTrim(interval);
    }

    @CheckForNull
    public String getBaseline() {
        return baseline;
    }

    /** Blank: as long as the duration; {@code 0} or {@code none}: no baseline. */
    @DataBoundSetter
    public void setBaseline(@CheckForNull String baseline) {
        this.baseline = Util.fixEmptyAndTrim(baseline);
    }

    @CheckForNull
    public Integer getFailAfter() {
        return failAfter;
    }

    @DataBoundSetter
    public void setFailAfter(@CheckForNull Integer failAfter) {
        this.failAfter = failAfter;
    }

    @CheckForNull
    public String getNoData() {
        return noData;
    }

    @DataBoundSetter
    public void setNoData(@CheckForNull String noData) {
        this.noData = Util.fixEmptyAndTrim(noData);
    }

    public String getOnInconclusive() {
        return onInconclusive;
    }

    /** {@code UNSTABLE} (the default, also for blank), {@code FAILURE} or {@code SUCCESS}; checked when the step runs. */
    @DataBoundSetter
    public void setOnInconclusive(@CheckForNull String onInconclusive) {
        String value = Util.fixEmptyAndTrim(onInconclusive);
        this.onInconclusive = value == null ? OnInconclusive.UNSTABLE.name() : value;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(new VerificationRequest(this), context);
    }

    /**
     * A resumable execution: rounds run on Jenkins' {@link Timer} threads, never on the CPS VM thread, and nothing
     * waits in between. What must survive a controller restart is kept in plain fields (the request, the stage's
     * identity, and the engine's {@link SamplingState} as JSON text, saved after every round with
     * {@link StepContext#saveState()}); the build, the listener and the flow node come from the context each time.
     * After a restart {@link #onResume} goes on where the state stands: the engine records the rounds that were
     * missed as a gap, or concludes when the window is over. Every way out finishes the VERIFY stage.
     */
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        private final VerificationRequest request;
        private final String stageId;
        private final long stageStartMillis;
        /** The engine's state as JSON; {@code null} until the verification was planned. */
        private volatile String state;

        private transient volatile SamplingState current;
        private transient volatile VerificationSession session;
        private transient volatile ScheduledFuture<?> task;
        private transient volatile Throwable stopCause;
        private transient volatile boolean sampling;
        private transient volatile boolean finished;
        private transient JenkinsFacade jenkins;

        Execution(VerificationRequest request, StepContext context) {
            super(context);
            this.request = request;
            this.stageId = UUID.randomUUID().toString();
            this.stageStartMillis = System.currentTimeMillis();
        }

        @Override
        public boolean start() {
            schedule(this::begin, Duration.ZERO);
            return false;
        }

        @Override
        public void onResume() {
            schedule(this::resume, Duration.ZERO);
        }

        /** Stops the next round (interrupting one in flight), then finishes the stage as ABORTED in the background. */
        @Override
        public void stop(@NonNull Throwable cause) {
            stopCause = cause;
            ScheduledFuture<?> pending = task;
            if (pending != null) {
                pending.cancel(true);
            }
            Timer.get().execute(() -> aborted(cause));
        }

        /** Only while a round is being sampled: a safe restart waits for it, never for the rest of the window. */
        @Override
        public boolean blocksRestart() {
            return sampling;
        }

        @Override
        public String getStatus() {
            SamplingState now = current;
            if (sampling) {
                return "sampling";
            }
            return now == null ? "planning the verification"
                    : "next round " + (now.nextRound() + 1) + "/" + now.spec().rounds() + " at " + now.nextRoundAt();
        }

        /** Plans the verification: checks the request and the settings, then captures the baselines. */
        private void begin() throws Exception {
            Run<?, ?> run = run();
            ReleaseReportAction report = ReleaseReportAction.getOrCreate(run);
            report.update(r -> r.withStage(runningStage()));
            request.onInconclusive(); // a typo fails before any query
            ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
            VerificationSetup.checkAccess(request, config, run);
            session = new VerificationSession(VerificationSetup.prometheus(config, run), Clock.systemUTC(), this::log);
            VerificationSpec spec = request.toSpec(config, report.load(), Instant.ofEpochMilli(stageStartMillis));
            VerificationSetup.plan(spec).forEach(this::log);
            keep(SamplingState.initial(spec, Instant.now()));
            advance(session.captureBaselines(current));
        }

        /** After a restart: sampling goes on for the rest of the window, or the verification concludes. */
        private void resume() throws Exception {
            String saved = state;
            if (saved == null) {
                begin(); // the restart came before the plan was made
                return;
            }
            try {
                current = SamplingStateJson.read(saved);
            } catch (IllegalArgumentException e) {
                throw new AbortException(Messages.VerifyStabilityStep_StateUnreadable(e.getMessage()));
            }
            SamplingState resumed = VerificationSession.withoutQueries(Clock.systemUTC(), this::log).resume(current);
            if (resumed.isOver()) {
                keep(resumed);
                conclude(resumed);
                return;
            }
            session = new VerificationSession(VerificationSetup.prometheus(ReleasePlaybookConfiguration.get(), run()),
                    Clock.systemUTC(), this::log);
            keep(resumed);
            advance(session.captureBaselines(resumed)); // a no-op unless the restart came during the capture
        }

        private void round() throws Exception {
            advance(session.round(current));
        }

        /** Keeps the state, then schedules the next round or concludes. */
        private void advance(SamplingState next) throws Exception {
            keep(next);
            if (next.isOver()) {
                conclude(next);
            } else {
                schedule(this::round, Duration.between(Instant.now(), next.nextRoundAt()));
            }
        }

        /** Makes the state what a restart would find: the JSON field, saved with the program. */
        private void keep(SamplingState next) {
            current = next;
            state = SamplingStateJson.write(next);
            if (!jenkins().isTerminating()) {
                getContext().saveState();
            }
        }

        /** Records the outcome, then returns the result map or fails as the verdict and {@code onInconclusive} say. */
        private void conclude(SamplingState over) throws Exception {
            if (jenkins().isTerminating()) {
                return; // the restart concludes it: the saved state says where it stands
            }
            VerificationResult result = session().conclude(over);
            OnInconclusive onInconclusive = request.onInconclusive();
            Verdict verdict = result.verdict();
            String summary = result.summary();
            if (!finish(VerificationOutcome.stageStatus(verdict, onInconclusive), summary, result.toRecord())) {
                return;
            }
            log(summary);
            try {
                switch (verdict) {
                    case FAIL, ERROR -> getContext().onFailure(new AbortException(
                            VerificationOutcome.explain(result, Verdict.FAIL, Verdict.ERROR)));
                    case INCONCLUSIVE -> inconclusive(result, onInconclusive);
                    case PASS -> getContext().onSuccess(VerificationOutcome.toMap(result));
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                // The stage is finished; the step must end too, whatever marking the build UNSTABLE ran into.
                LOGGER.log(Level.WARNING, "verifyStability could not hand over its verdict", e);
                getContext().onFailure(new AbortException(Messages.VerifyStabilityStep_Unexpected(e.toString())));
            }
        }

        private void inconclusive(VerificationResult result, OnInconclusive onInconclusive)
                throws IOException, InterruptedException {
            String explanation = VerificationOutcome.explain(result, Verdict.INCONCLUSIVE);
            switch (onInconclusive) {
                case FAILURE -> {
                    getContext().onFailure(new AbortException(explanation));
                    return;
                }
                case SUCCESS -> log(Messages.VerifyStabilityStep_InconclusiveIgnored());
                case UNSTABLE -> {
                    // As the unstable step does: the warning marks this step in the Pipeline views, the result the build.
                    FlowNode node = getContext().get(FlowNode.class);
                    if (node != null) {
                        node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(result.summary()));
                    }
                    run().setResult(Result.UNSTABLE);
                    log(Messages.VerifyStabilityStep_MarkedUnstable(explanation));
                }
            }
            getContext().onSuccess(VerificationOutcome.toMap(result));
        }

        /** The abort: what was sampled stays in the report, the stage ends ABORTED, the step fails with the cause. */
        private void aborted(Throwable cause) {
            if (finish(StageStatus.ABORTED, Messages.VerifyStabilityStep_Aborted(), partial())) {
                getContext().onFailure(cause);
            }
        }

        /**
         * Runs one piece of the verification on a timer thread. Whatever goes wrong ends the step with an
         * {@link AbortException} (its message only: no engine types reach the Pipeline) and finishes the stage; an
         * interrupt is an abort unless {@link #stop} is handling it or the controller is shutting down (the
         * restart resumes from the saved state then).
         */
        private void perform(Task work) {
            if (stopCause != null || finished) {
                return;
            }
            sampling = true;
            try {
                work.run();
            } catch (InterruptedException e) {
                if (stopCause == null && !jenkins().isTerminating()) {
                    failed(StageStatus.ABORTED, Messages.VerifyStabilityStep_Interrupted());
                }
            } catch (AbortException e) {
                failed(StageStatus.FAILURE, e.getMessage());
            } catch (Exception | LinkageError e) {
                LOGGER.log(Level.WARNING, "verifyStability failed unexpectedly", e);
                failed(StageStatus.FAILURE, Messages.VerifyStabilityStep_Unexpected(e.toString()));
            } finally {
                sampling = false;
            }
        }

        private void failed(StageStatus status, String message) {
            if (finish(status, message, partial())) {
                getContext().onFailure(new AbortException(message));
            }
        }

        /**
         * Finishes the stage once (with the verification, when there is one), whoever gets here first: the last
         * round, a failure or the abort. A report that cannot be written is logged; the step still ends.
         *
         * @return whether this call finished it, so that the caller ends the step
         */
        private boolean finish(StageStatus status, String message, @CheckForNull VerificationRecord verification) {
            synchronized (this) {
                if (finished) {
                    return false;
                }
                finished = true;
            }
            ScheduledFuture<?> pending = task;
            if (pending != null) {
                pending.cancel(false);
            }
            StageRecord stage = runningStage().finished(status, Instant.now(), message);
            try {
                ReleaseReportAction.getOrCreate(run()).update(r -> (verification == null ? r
                        : r.withVerification(verification)).withStage(stage));
            } catch (IOException | InterruptedException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Cannot record the end of verifyStability in the Release Report", e);
                log(Messages.VerifyStabilityStep_ReportNotWritten(e.toString()));
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            } finally {
                if (session != null) {
                    session.close();
                }
            }
            return true;
        }

        /**
         * What was sampled so far, for the report of a verification that ended before its window. Judged afresh from
         * the saved samples: a round that is being interrupted may still be feeding the live session.
         */
        @CheckForNull
        private VerificationRecord partial() {
            SamplingState now = current;
            String saved = state;
            if (now == null && saved != null) { // stopped after a restart, before the resume read the state
                try {
                    now = SamplingStateJson.read(saved);
                } catch (IllegalArgumentException e) {
                    LOGGER.log(Level.FINE, "No partial verification: the saved state cannot be read", e);
                }
            }
            return now == null ? null
                    : VerificationSession.withoutQueries(Clock.systemUTC(), this::log).concludeStopped(now).toRecord();
        }

        private VerificationSession session() {
            VerificationSession live = session;
            return live != null ? live : VerificationSession.withoutQueries(Clock.systemUTC(), this::log);
        }

        private StageRecord runningStage() {
            return new StageRecord(stageId, StageKind.VERIFY, request.name(), Instant.ofEpochMilli(stageStartMillis),
                    null, StageStatus.RUNNING, null);
        }

        private void schedule(Task work, Duration delay) {
            if (stopCause != null || finished) {
                return;
            }
            if (jenkins().isTerminating()) {
                return; // a new timer would outlive this controller; the restart resumes from the saved state
            }
            task = Timer.get().schedule(() -> perform(work), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }

        private Run<?, ?> run() throws IOException, InterruptedException {
            return Objects.requireNonNull(getContext().get(Run.class), "no build in the step context");
        }

        /** One line of the build log; a log that cannot be reached is not worth failing the verification for. */
        private void log(String line) {
            try {
                TaskListener listener = getContext().get(TaskListener.class);
                if (listener != null) {
                    listener.getLogger().println(LOG_PREFIX + line);
                }
            } catch (IOException | InterruptedException e) {
                LOGGER.log(Level.FINE, "Cannot write to the build log: " + line, e);
            }
        }

        private JenkinsFacade jenkins() {
            if (jenkins == null) {
                jenkins = new JenkinsFacade();
            }
            return jenkins;
        }

        /** A piece of the verification that runs on a timer thread. */
        @FunctionalInterface
        private interface Task {
            void run() throws Exception;
        }
    }

    @Extension
    @Symbol(FUNCTION_NAME)
    public static final class DescriptorImpl extends StepDescriptor {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.VerifyStabilityStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        /**
         * Builds the step from the Snippet Generator form. {@code checks} is a list in the DSL, edited here as a
         * text area ({@code checksText}, one name a line); custom checks come from a repeatable block and are read
         * by {@code CustomCheck.DescriptorImpl.fromForm}. Numbers are parsed here, so that an empty field means
         * "not given". A typo throws {@link IllegalArgumentException} naming the field: the Snippet Generator shows
         * a runtime exception's message (a checked {@code FormException} gives an error page), and the field's own
         * check ({@link #doCheckFailAfter}) has already said what is wrong next to it.
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            VerifyStabilityStep step = new VerifyStabilityStep();
            step.setService(formData.optString("service"));
            step.setSelector(formData.optString("selector"));
            step.setChecks(FormLines.split(formData.optString("checksText")));
            step.setCustomChecks(customChecks(formData.opt("customChecks")));
            step.setDuration(formData.optString("duration"));
            step.setInterval(formData.optString("interval"));
            step.setBaseline(formData.optString("baseline"));
            step.setFailAfter(StepValidation.positive("failAfter", formData.optString("failAfter")));
            step.setNoData(formData.optString("noData"));
            step.setOnInconclusive(formData.optString("onInconclusive"));
            return step;
        }

        private static List<CustomCheck> customChecks(@CheckForNull Object entries) {
            List<CustomCheck> checks = new ArrayList<>();
            if (entries instanceof JSONObject single) {
                checks.add(CustomCheck.DescriptorImpl.fromForm(single));
            } else if (entries instanceof JSONArray array) {
                for (Object entry : array) {
                    if (entry instanceof JSONObject object) {
                        checks.add(CustomCheck.DescriptorImpl.fromForm(object));
                    }
                }
            }
            return checks;
        }

        /** The text area content for a list property: one entry a line. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }

        @POST
        public FormValidation doCheckService(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String selector) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            boolean hasService = Util.fixEmptyAndTrim(value) != null;
            boolean hasSelector = Util.fixEmptyAndTrim(selector) != null;
            if (hasService == hasSelector) {
                return FormValidation.error(hasService
                        ? Messages.VerifyStabilityStep_TargetTwice(value.strip(), selector.strip())
                        : Messages.VerifyStabilityStep_TargetMissing());
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckSelector(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            String text = Util.fixEmptyAndTrim(value);
            return text != null && (text.startsWith("{") || text.endsWith("}"))
                    ? FormValidation.error(Messages.VerifyStabilityStep_SelectorBraces(text))
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return checkDuration(item, value);
        }

        @POST
        public FormValidation doCheckInterval(@AncestorInPath Item item, @QueryParameter String value) {
            return checkDuration(item, value);
        }

        @POST
        public FormValidation doCheckBaseline(@AncestorInPath Item item, @QueryParameter String value) {
            String text = Util.fixEmptyAndTrim(value);
            if (text != null && (text.equals("0") || text.equalsIgnoreCase("none") || text.equalsIgnoreCase("off"))) {
                return FormValidation.ok();
            }
            return checkDuration(item, value);
        }

        private FormValidation checkDuration(@CheckForNull Item item, @CheckForNull String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item) || Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> Durations.parse(value));
        }

        @POST
        public FormValidation doCheckFailAfter(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> StepValidation.positive("failAfter", value));
        }

        @POST
        public ListBoxModel doFillNoDataItems(@AncestorInPath Item item) {
            return StepValidation.noDataItems(jenkins, item);
        }

        @POST
        public ListBoxModel doFillOnInconclusiveItems(@AncestorInPath Item item) {
            ListBoxModel items = new ListBoxModel();
            if (!jenkins.hasPermission(Item.READ, item)) {
                return items;
            }
            items.add(Messages.VerifyStabilityStep_OnInconclusiveUnstable(), OnInconclusive.UNSTABLE.name());
            items.add(Messages.VerifyStabilityStep_OnInconclusiveFailure(), OnInconclusive.FAILURE.name());
            items.add(Messages.VerifyStabilityStep_OnInconclusiveSuccess(), OnInconclusive.SUCCESS.name());
            return items;
        }
    }
}
