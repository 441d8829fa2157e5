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
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.MatcherParser;
import io.jenkins.plugins.releaseplaybook.engine.alerting.MatcherSets;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.silences.SilenceBackground;
import io.jenkins.plugins.releaseplaybook.silences.SilenceExpiry;
import io.jenkins.plugins.releaseplaybook.silences.SilenceHandle;
import io.jenkins.plugins.releaseplaybook.steps.SilenceOpening.Opened;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
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
 * {@code silenceAlerts}: creates Alertmanager silences under the administrator's policy, all of them or none.
 *
 * <ul>
 * <li>With a body, the silences last while the body runs: they are expired when it ends, whether it succeeds, fails
 * or is aborted, and also when it ends after a controller restart. The body's failure stays the step's failure. A
 * silence that cannot be expired is logged and recorded with its end time (when Alertmanager ends it on its own);
 * after a successful body that marks the build UNSTABLE, so that someone looks.</li>
 * <li>Without a body, the step returns the silence IDs; the silences stay active until {@code expireSilences} ends
 * them, or the safety net does when the build completes.</li>
 * </ul>
 *
 * <p>Nothing here waits on the CPS VM thread: creating the silences and expiring them call Alertmanager (with retries
 * and backoff), so both run in {@link SilenceBackground}, and the step context is completed from there. What a
 * restart must keep is plain serializable state ({@link SilenceHandle}s, the stage ID, the body).
 */
public class SilenceAlertsStep extends Step {
    static final String FUNCTION_NAME = "silenceAlerts";
    /** Starts every line this step writes to the build log. */
    static final String LOG_PREFIX = "[" + FUNCTION_NAME + "] ";

    private List<String> matchers = List.of();
    private List<String> silences = List.of();
    private String duration;
    private String comment;

    @DataBoundConstructor
    public SilenceAlertsStep() {}

    public List<String> getMatchers() {
        return matchers;
    }

    /** The label matchers of one silence, all of which an alert must match; entries are trimmed, blank ones dropped. */
    @DataBoundSetter
    public void setMatchers(@CheckForNull List<String> matchers) {
        this.matchers = entries(matchers);
    }

    public List<String> getSilences() {
        return silences;
    }

    /** Several silences, each a matcher set on one line such as {@code {service="checkout", alertname="X"}}. */
    @DataBoundSetter
    public void setSilences(@CheckForNull List<String> silences) {
        this.silences = entries(silences);
    }

    @CheckForNull
    public String getDuration() {
        return duration;
    }

    /** Blank: the policy's default duration. */
    @DataBoundSetter
    public void setDuration(@CheckForNull String duration) {
        this.duration = Util.fixEmptyAndTrim(duration);
    }

    @CheckForNull
    public String getComment() {
        return comment;
    }

    /** Why the alerts are silenced; the policy requires one. */
    @DataBoundSetter
    public void setComment(@CheckForNull String comment) {
        this.comment = Util.fixEmptyAndTrim(comment);
    }

    private static List<String> entries(@CheckForNull List<String> values) {
        List<String> kept = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                String entry = Util.fixEmptyAndTrim(value);
                if (entry != null) {
                    kept.add(entry);
                }
            }
        }
        return Collections.unmodifiableList(kept);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(new SilenceRequest(this), context);
    }

    /**
     * Creates the silences in the background, then either returns their IDs (no body) or runs the body with an
     * {@link ExpiryCallback}. Keeps only serializable values: the request, the silences once created, the ID of
     * their stage and the body; the build and the listener come from the context.
     */
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        private final SilenceRequest request;
        /** Whether the step was called with a body; decided when it starts. */
        private boolean block;
        /** The silences, once created; {@code null} while they are being created. */
        private volatile ArrayList<SilenceHandle> silences;
        /** The SILENCE stage of the silences, once created. */
        private volatile String stageId;
        /** The body, once started. */
        private volatile BodyExecution body;
        /** Set when the step is stopped (an abort), so that silences still being created are expired at once. */
        private transient volatile Throwable stopCause;
        /** Whether this execution's background work runs (a restart waits for it). */
        private transient volatile boolean working;

        Execution(SilenceRequest request, StepContext context) {
            super(context);
            this.request = request;
        }

        /** Runs on the CPS VM thread: only hands the work to a background thread. */
        @Override
        public boolean start() {
            block = getContext().hasBody();
            background(this::create);
            return false;
        }

        private void background(Runnable task) {
            working = true;
            try {
                SilenceBackground.submit(() -> {
                    try {
                        task.run();
                    } finally {
                        working = false;
                    }
                });
            } catch (RejectedExecutionException e) {
                working = false;
                getContext().onFailure(e);
            }
        }

        private void create() {
            StepContext context = getContext();
            try {
                Run<?, ?> run = Objects.requireNonNull(context.get(Run.class), "no build in the step context");
                PrintStream log = Objects.requireNonNull(context.get(TaskListener.class), "no listener").getLogger();
                Opened opened = new SilenceOpening(request, run, line -> log.println(LOG_PREFIX + line)).open();
                proceed(context, run, log, opened);
            } catch (InterruptedException e) {
                // Jenkins is shutting down; onResume decides when the build resumes.
                LOGGER.log(Level.FINE, "Interrupted while creating silences", e);
            } catch (Exception e) { // an AbortException saying what to fix, or an unexpected problem
                context.onFailure(e);
            }
        }

        /** Returns the IDs, or starts the body; or, if the step was stopped meanwhile, expires the silences at once. */
        private void proceed(StepContext context, Run<?, ?> run, PrintStream log, Opened opened)
                throws IOException, InterruptedException {
            ArrayList<SilenceHandle> created = SilenceHandle.of(opened.silences());
            String stage = opened.stage().id();
            synchronized (this) {
                silences = created;
                stageId = stage;
                if (stopCause == null) {
                    if (!block) {
                        log.println(LOG_PREFIX + Messages.SilenceAlertsStep_StayActive());
                        context.onSuccess(new ArrayList<>(SilenceHandle.ids(created)));
                        return;
                    }
                    try {
                        body = context.newBodyInvoker().withCallback(new ExpiryCallback(created, stage)).start();
                        return;
                    } catch (IllegalStateException alreadyCompleted) {
                        LOGGER.log(Level.FINE, "The step ended before its body started", alreadyCompleted);
                    }
                }
            }
            // The step already ended (aborted while the silences were being created): they end now as well.
            SilenceExpiry.expire(run, true, created, stage, StageStatus.ABORTED,
                    line -> log.println(LOG_PREFIX + line));
        }

        /**
         * While the body runs, an abort reaches the steps inside it, not this one; should it reach this one, the body
         * is cancelled and its end expires the silences. Otherwise the step ends now, and whatever runs in the
         * background (silences being created or expired) finishes on its own and records its outcome.
         */
        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            BodyExecution running;
            synchronized (this) {
                if (stopCause == null) {
                    stopCause = cause;
                }
                running = body;
            }
            if (running != null && !running.isDone()) {
                running.cancel(cause);
                return;
            }
            super.stop(cause);
        }

        /**
         * After a controller restart. A body still running needs nothing: its callback was restored with it. A body
         * that ended before its silences were expired (Jenkins stopped during the expiry) is finished now; so is a
         * step whose silences were created but not yet handed over.
         */
        @Override
        public void onResume() {
            ArrayList<SilenceHandle> created = silences;
            if (created == null) {
                getContext().onFailure(new AbortException(Messages.SilenceAlertsStep_RestartedWhileCreating()));
                return;
            }
            if (!block) {
                getContext().onSuccess(new ArrayList<>(SilenceHandle.ids(created)));
                return;
            }
            BodyExecution started = body;
            if (started == null) {
                body = getContext().newBodyInvoker().withCallback(new ExpiryCallback(created, stageId)).start();
            } else if (started.isDone()) {
                BodyEnd end = BodyEnd.after(getContext(), created, stageId, started);
                background(end);
            }
        }

        @Override
        public String getStatus() {
            List<SilenceHandle> created = silences;
            if (created == null) {
                return "creating silences";
            }
            BodyExecution started = body;
            if (started != null && !started.isDone()) {
                return "running the body while " + created.size() + " silences are active";
            }
            return SilenceExpiry.isExpiring(created) ? "expiring silences" : "silences created";
        }

        @Override
        public boolean blocksRestart() {
            List<SilenceHandle> created = silences;
            return working || created != null && SilenceExpiry.isExpiring(created);
        }
    }

    /**
     * Expires the block's silences when its body ends. Holds only serializable values, so that it is restored with
     * the body after a restart. Runs on the CPS VM thread, so it only hands the expiry to a background thread, which
     * completes the step.
     */
    static final class ExpiryCallback extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(ExpiryCallback.class.getName());

        private final ArrayList<SilenceHandle> silences;
        private final String stageId;

        ExpiryCallback(List<SilenceHandle> silences, String stageId) {
            this.silences = new ArrayList<>(silences);
            this.stageId = stageId;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            end(new BodyEnd(context, silences, stageId, result, null));
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            end(new BodyEnd(context, silences, stageId, null, t));
        }

        private static void end(BodyEnd end) {
            try {
                SilenceBackground.submit(end);
            } catch (RejectedExecutionException e) {
                // Jenkins is shutting down: the step expires the silences when the build resumes (onResume).
                LOGGER.log(Level.FINE, "Could not expire the silences now", e);
            }
        }
    }

    /**
     * What happens when a block's body has ended, in a background thread: the silences are expired and recorded, the
     * stage finished, and the step completed with the body's own outcome. A silence that could not be expired is
     * logged with its end time; after a successful body it marks the build UNSTABLE, after a failed one the body's
     * failure stays the step's failure.
     */
    static final class BodyEnd implements Runnable {
        private static final Logger LOGGER = Logger.getLogger(BodyEnd.class.getName());

        private final StepContext context;
        private final List<SilenceHandle> silences;
        private final String stageId;
        @CheckForNull
        private final Object result;
        @CheckForNull
        private final Throwable failure;

        BodyEnd(StepContext context, List<SilenceHandle> silences, String stageId, @CheckForNull Object result,
                @CheckForNull Throwable failure) {
            this.context = context;
            this.silences = List.copyOf(silences);
            this.stageId = stageId;
            this.result = result;
            this.failure = failure;
        }

        /** The end of a body that had already ended (before a restart): its outcome is read back from it. */
        static BodyEnd after(StepContext context, List<SilenceHandle> silences, String stageId, BodyExecution body) {
            try {
                return new BodyEnd(context, silences, stageId, body.get(), null);
            } catch (ExecutionException e) {
                return new BodyEnd(context, silences, stageId, null, e.getCause() == null ? e : e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new BodyEnd(context, silences, stageId, null, e);
            }
        }

        @Override
        public void run() {
            try {
                Run<?, ?> run = Objects.requireNonNull(context.get(Run.class), "no build in the step context");
                PrintStream log = Objects.requireNonNull(context.get(TaskListener.class), "no listener").getLogger();
                List<SilenceOutcome> outcomes = SilenceExpiry.expire(run, true, silences, stageId, stageStatus(),
                        line -> log.println(LOG_PREFIX + line));
                long notExpired = outcomes.stream().filter(outcome -> !outcome.expired()).count();
                if (notExpired > 0) {
                    String problem = Messages.SilenceAlertsStep_NotExpired(notExpired, outcomes.size());
                    log.println(LOG_PREFIX + problem);
                    if (failure == null) {
                        markUnstable(run, log, problem);
                    }
                }
            } catch (InterruptedException e) {
                // Jenkins is shutting down: the step expires the silences when the build resumes (onResume).
                LOGGER.log(Level.FINE, "Interrupted while expiring silences", e);
                return;
            } catch (Exception e) { // the report could not be written, the context is gone, ...
                complete(e);
                return;
            }
            complete(null);
        }

        /** The body's outcome; a problem of the expiry itself is added to a body failure, never replaces it. */
        private void complete(@CheckForNull Exception problem) {
            if (failure != null) {
                if (problem != null) {
                    failure.addSuppressed(problem);
                }
                context.onFailure(failure);
            } else if (problem != null) {
                context.onFailure(problem);
            } else {
                context.onSuccess(result);
            }
        }

        /** As the unstable step does: the warning marks this step in the Pipeline views, the result the build. */
        private void markUnstable(Run<?, ?> run, PrintStream log, String problem)
                throws IOException, InterruptedException {
            FlowNode node = context.get(FlowNode.class);
            if (node != null) {
                node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(problem));
            }
            run.setResult(Result.UNSTABLE);
            log.println(LOG_PREFIX + Messages.SilenceAlertsStep_MarkedUnstable());
        }

        /** The stage mirrors the body: an abort is ABORTED, any other failure FAILURE. */
        private StageStatus stageStatus() {
            if (failure == null) {
                return StageStatus.SUCCESS;
            }
            if (failure instanceof FlowInterruptedException interrupted && interrupted.getResult() == Result.ABORTED) {
                return StageStatus.ABORTED;
            }
            return StageStatus.FAILURE;
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
            return Messages.SilenceAlertsStep_DisplayName();
        }

        /** The body is optional: {@code StepContext.hasBody()} tells the two forms apart. */
        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        /**
         * Builds the step from the Snippet Generator form. {@code matchers} and {@code silences} are lists in the DSL,
         * edited here as text areas ({@code matchersText}, {@code silencesText}, one entry a line) that are split here.
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            SilenceAlertsStep step = new SilenceAlertsStep();
            step.setMatchers(FormLines.split(formData.optString("matchersText")));
            step.setSilences(FormLines.split(formData.optString("silencesText")));
            step.setDuration(formData.optString("duration"));
            step.setComment(formData.optString("comment"));
            return step;
        }

        /** The text area content for a list property: one entry a line. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }

        @POST
        public FormValidation doCheckMatchersText(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String silencesText) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            boolean hasMatchers = !FormLines.split(value).isEmpty();
            boolean hasSilences = !FormLines.split(silencesText).isEmpty();
            if (hasMatchers == hasSilences) {
                return FormValidation.error(hasMatchers ? Messages.SilenceAlertsStep_MatchersAndSilences()
                        : Messages.SilenceAlertsStep_NoMatchers());
            }
            return StepValidation.validate(() -> MatcherParser.parseAll(FormLines.split(value)));
        }

        @POST
        public FormValidation doCheckSilencesText(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            List<String> lines = FormLines.split(value);
            return StepValidation.validate(() -> {
                for (int i = 0; i < lines.size(); i++) {
                    try {
                        MatcherSets.parse(lines.get(i));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                Messages.SilenceAlertsStep_BadSilence(i + 1, e.getMessage()), e);
                    }
                }
            });
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item) || Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> Durations.parse(value));
        }

        @POST
        public FormValidation doCheckComment(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.SilenceAlertsStep_CommentRequired())
                    : FormValidation.ok();
        }
    }
}
