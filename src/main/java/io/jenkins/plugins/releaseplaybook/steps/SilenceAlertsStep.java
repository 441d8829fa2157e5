package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.BackgroundPool;
import io.jenkins.plugins.releaseplaybook.silences.SilenceExpiry;
import io.jenkins.plugins.releaseplaybook.silences.SilenceHandle;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code silenceAlerts { ... }}: creates Alertmanager silences under the administrator's policy, all of them or none,
 * and lets them last while the body runs. They are expired when the body ends, whether it succeeds, fails or is
 * aborted, and also when it ends after a controller restart. The body's failure stays the step's failure. A silence
 * that cannot be expired is logged and recorded with its end time (when Alertmanager ends it on its own); after a
 * successful body that marks the build UNSTABLE, so that someone looks.
 *
 * <p>Block only: workflow-cps refuses a body-less call of a step whose descriptor takes a block, so the form without a
 * body is its own step, {@link CreateSilencesStep}, with the same parameters ({@link AbstractSilenceStep}).
 *
 * <p>Nothing here waits on the CPS VM thread: creating the silences and expiring them call Alertmanager (with retries
 * and backoff), so both run in {@link BackgroundPool#SILENCES}, and the step context is completed from there. What a
 * restart must keep is plain serializable state ({@link SilenceHandle}s, the stage ID, the body).
 */
public class SilenceAlertsStep extends AbstractSilenceStep {
    static final String FUNCTION_NAME = "silenceAlerts";
    /** Starts every line this step writes to the build log. */
    static final String LOG_PREFIX = "[" + FUNCTION_NAME + "] ";

    @DataBoundConstructor
    public SilenceAlertsStep() {}

    @Override
    String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(request(), context);
    }

    /** Creates the silences in the background, then runs the body with an {@link ExpiryCallback}. */
    static final class Execution extends SilenceOpeningExecution {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        /** The body, once started. */
        private volatile BodyExecution body;

        Execution(SilenceRequest request, StepContext context) {
            super(request, context);
        }

        @Override
        boolean handOver(StepContext context, PrintStream log, ArrayList<SilenceHandle> created, String stage) {
            try {
                body = context.newBodyInvoker().withCallback(new ExpiryCallback(created, stage)).start();
                return true;
            } catch (IllegalStateException alreadyCompleted) {
                LOGGER.log(Level.FINE, "The step ended before its body started", alreadyCompleted);
                return false;
            }
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
                markStopped(cause);
                running = body;
            }
            if (running != null && !running.isDone()) {
                running.cancel(cause);
                return;
            }
            super.stop(cause);
        }

        /**
         * A body still running needs nothing: its callback was restored with it. A body that ended before its
         * silences were expired (Jenkins stopped during the expiry) is finished now; a body not yet started is
         * started.
         */
        @Override
        void resume(ArrayList<SilenceHandle> created, String stage) {
            BodyExecution started = body;
            if (started == null) {
                body = getContext().newBodyInvoker().withCallback(new ExpiryCallback(created, stage)).start();
            } else if (started.isDone()) {
                BodyEnd end = BodyEnd.after(getContext(), created, stage, started);
                background(end);
            }
        }

        @Override
        public String getStatus() {
            List<SilenceHandle> created = created();
            if (created == null) {
                return "creating silences";
            }
            BodyExecution started = body;
            if (started != null && !started.isDone()) {
                return "running the body while " + created.size() + " silences are active";
            }
            return SilenceExpiry.isExpiring(created) ? "expiring silences" : "silences created";
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
                BackgroundPool.SILENCES.submit(end);
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
            Exception forPipeline = problem == null ? null : SilenceFailures.forPipeline(FUNCTION_NAME, problem);
            if (failure != null) {
                if (forPipeline != null) {
                    failure.addSuppressed(forPipeline);
                }
                context.onFailure(failure);
            } else if (forPipeline != null) {
                context.onFailure(forPipeline);
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
    public static final class DescriptorImpl extends SilenceStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SilenceAlertsStep_DisplayName();
        }

        /** Block only: workflow-cps then refuses a call without a body ({@code createSilences} is that form). */
        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        AbstractSilenceStep newStep() {
            return new SilenceAlertsStep();
        }
    }
}
