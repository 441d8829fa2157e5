package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.BackgroundPool;
import io.jenkins.plugins.releaseplaybook.silences.SilenceExpiry;
import io.jenkins.plugins.releaseplaybook.silences.SilenceHandle;
import io.jenkins.plugins.releaseplaybook.steps.SilenceOpening.Opened;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The part both silence-creating steps share: the silences are created in the background ({@link BackgroundPool#SILENCES},
 * never on the CPS VM thread), then handed over, by {@code createSilences} as the step's result and by
 * {@code silenceAlerts} to its body. A step stopped while its silences were being created ends at once, and the
 * silences, once created, are expired again right away.
 *
 * <p>Keeps only serializable values: the request and, once created, the silences and the ID of their stage. The
 * build and the listener come from the context.
 */
abstract class SilenceOpeningExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(SilenceOpeningExecution.class.getName());

    private final SilenceRequest request;
    /** The silences, once created; {@code null} while they are being created. */
    private volatile ArrayList<SilenceHandle> silences;
    /** The SILENCE stage of the silences, once created. */
    private volatile String stageId;
    /** Set when the step is stopped (an abort), so that silences still being created are expired at once. */
    private transient volatile Throwable stopCause;
    /** Whether this execution's background work runs (a restart waits for it). */
    private transient volatile boolean working;

    SilenceOpeningExecution(SilenceRequest request, StepContext context) {
        super(context);
        this.request = request;
    }

    /**
     * Hands the silences just created over; called with this execution's lock held, only if the step was not
     * stopped.
     *
     * @return whether they were handed over; {@code false} if the step has ended meanwhile, and they are expired now
     */
    abstract boolean handOver(StepContext context, PrintStream log, ArrayList<SilenceHandle> created, String stage);

    /** After a restart, for a step whose silences had been created before Jenkins stopped. */
    abstract void resume(ArrayList<SilenceHandle> created, String stage);

    /** Starts every line this step writes to the build log. */
    final String logPrefix() {
        return "[" + request.stepName() + "] ";
    }

    final String stepName() {
        return request.stepName();
    }

    /** The silences once created, else {@code null}. */
    @CheckForNull
    final List<SilenceHandle> created() {
        return silences;
    }

    /** Runs on the CPS VM thread: only hands the work to a background thread. */
    @Override
    public final boolean start() {
        background(this::create);
        return false;
    }

    /** Runs the task in the background, marked as working so that a safe restart waits for it. */
    final void background(Runnable task) {
        working = true;
        try {
            BackgroundPool.SILENCES.submit(() -> {
                try {
                    task.run();
                } finally {
                    working = false;
                }
            });
        } catch (RejectedExecutionException e) {
            working = false;
            LOGGER.log(Level.FINE, "Jenkins is shutting down", e);
            getContext().onFailure(new AbortException(Messages.SilenceSteps_ShuttingDown(request.stepName())));
        }
    }

    private void create() {
        StepContext context = getContext();
        try {
            Run<?, ?> run = Objects.requireNonNull(context.get(Run.class), "no build in the step context");
            PrintStream log = Objects.requireNonNull(context.get(TaskListener.class), "no listener").getLogger();
            Opened opened = new SilenceOpening(request, run, line -> log.println(logPrefix() + line)).open();
            ArrayList<SilenceHandle> created = SilenceHandle.of(opened.silences());
            String stage = opened.stage().id();
            boolean handedOver;
            synchronized (this) {
                silences = created;
                stageId = stage;
                handedOver = stopCause == null && handOver(context, log, created, stage);
            }
            if (!handedOver) {
                // The step already ended (aborted while the silences were being created): they end now as well.
                SilenceExpiry.expire(run, true, created, stage, StageStatus.ABORTED,
                        line -> log.println(logPrefix() + line));
            }
        } catch (InterruptedException e) {
            // Jenkins is shutting down; onResume decides when the build resumes.
            LOGGER.log(Level.FINE, "Interrupted while creating silences", e);
        } catch (Exception e) { // an AbortException saying what to fix, or an unexpected problem
            context.onFailure(SilenceFailures.forPipeline(request.stepName(), e));
        }
    }

    /**
     * An abort while the silences are being created ends the step now; the background work finishes on its own and
     * expires them once Alertmanager has created them.
     */
    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        markStopped(cause);
        super.stop(cause);
    }

    /** Remembers the first stop, so that silences created after it are expired at once instead of handed over. */
    final synchronized void markStopped(Throwable cause) {
        if (stopCause == null) {
            stopCause = cause;
        }
    }

    /**
     * After a controller restart. Silences that were still being created are in the report if Alertmanager created
     * them, and the safety net expires them when the build ends; the step fails, as nobody knows what it returned.
     */
    @Override
    public final void onResume() {
        ArrayList<SilenceHandle> created = silences;
        if (created == null) {
            getContext().onFailure(new AbortException(Messages.SilenceAlertsStep_RestartedWhileCreating()));
            return;
        }
        resume(created, stageId);
    }

    @Override
    public boolean blocksRestart() {
        List<SilenceHandle> created = silences;
        return working || created != null && SilenceExpiry.isExpiring(created);
    }
}
