package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.BackgroundPool;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.rollback.Failure;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackPlan;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackState;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A resumable execution of {@code autoRollback}. The CPS VM thread only hands work over: the setup, the body's end and
 * the rollback run in {@link BackgroundPool#ROLLBACKS}. What a restart needs is the {@link RollbackState} in the build's
 * folder ({@link AutoRollbackStore}, rewritten after every change), plus these plain fields, saved with the program:
 * the plan, the state's key, the stage ids, the body. The body's {@link Callback} is an inner class, restored with the
 * body and this execution from the same program. Stateless collaborators do the records: {@link AutoRollbackBuild}
 * (the start), {@link AutoRollbackBodyEnd} (the body's end); the rollback itself is {@link AutoRollbackRollback}.
 *
 * <p>After a restart ({@link #onResume}): a body still running needs nothing (it resumes itself and its end calls the
 * callback); a body that ended while Jenkins went down is handled now; a rollback that was running goes on with
 * {@code RollbackRun.resume} from the state saved last.
 */
final class AutoRollbackExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(AutoRollbackExecution.class.getName());
    /** What the build's description says of a drill ({@link AutoRollbackBuild#markDrill}). */
    static final String DRILL = "DRILL";

    /** The plan in plain fields: records cannot be restored from {@code program.dat} (see {@link PlanHandle}). */
    private final PlanHandle planHandle;
    /** The state file's name in {@link AutoRollbackStore}. */
    private final String key;
    private final String releaseStageId;
    private final String rollbackStageId;
    /** When the body started, as epoch second and nano (plain fields, like {@link #planHandle}), once it did. */
    private volatile long bodyStartSecond;
    private volatile int bodyStartNano;
    private volatile boolean bodyStartKnown;
    private volatile boolean drill;
    /** The body, once started. */
    private volatile BodyExecution body;

    private transient volatile Throwable stopCause;
    private transient volatile boolean bodyEndClaimed;
    private transient volatile AutoRollbackRollback rollback;
    private transient volatile String status;
    private transient JenkinsFacade jenkins;

    AutoRollbackExecution(RollbackPlan plan, StepContext context) {
        super(context);
        this.planHandle = PlanHandle.of(plan);
        this.key = UUID.randomUUID().toString();
        this.releaseStageId = UUID.randomUUID().toString();
        this.rollbackStageId = UUID.randomUUID().toString();
    }

    @Override
    public boolean start() {
        background(this::begin);
        return false;
    }

    /** Records the release start, then starts the body with the plan in its context. */
    private void begin() {
        try {
            RollbackPlan plan = planHandle.plan();
            Run<?, ?> run = run();
            ReleaseReportAction report = ReleaseReportAction.getOrCreate(run);
            ReleaseReport current = report.load();
            boolean isDrill = current.header() != null && current.header().drill();
            Instant start = clock().instant();
            store(run).save(key, RollbackState.begin(plan, isDrill, start));
            drill = isDrill;
            bodyStartSecond = start.getEpochSecond();
            bodyStartNano = start.getNano();
            bodyStartKnown = true;
            AutoRollbackBuild.releaseStarted(report, run, releaseStageId, start, isDrill, plan, this::log);
            synchronized (this) {
                if (stopCause != null) {
                    return; // stop() ended the step before the body began
                }
                status = "running the body";
                body = getContext().newBodyInvoker().withContext(new AutoRollbackContext(plan, start, isDrill))
                        .withCallback(new Callback()).start();
            }
        } catch (Exception e) {
            getContext().onFailure(forPipeline(e));
        }
    }

    /** The body ended well: no rollback. */
    private void bodySucceeded(@CheckForNull Object result) {
        if (!claimBodyEnd()) {
            return;
        }
        try {
            Run<?, ?> run = run();
            Instant end = clock().instant();
            AutoRollbackBodyEnd.succeeded(run, store(run), key, releaseStageId, end, this::log);
            if (drill) {
                log(Messages.AutoRollbackStep_DrillNothingFailed());
            }
            status = "done: the body succeeded";
            getContext().onSuccess(result);
        } catch (Exception e) {
            getContext().onFailure(forPipeline(e));
        }
    }

    /** The body failed: the engine decides whether it rolls back ({@link AutoRollbackBodyEnd}); if so, here. */
    private void bodyFailed(Throwable failure) {
        if (!claimBodyEnd()) {
            return;
        }
        try {
            Run<?, ?> run = run();
            Instant end = clock().instant();
            AutoRollbackStore store = store(run);
            Failure seen = classify(failure, end);
            RollbackState state = AutoRollbackBodyEnd.failed(run, store, key, releaseStageId, seen, end,
                    this::freshState, this::log);
            if (state.phase() == RollbackState.Phase.NOT_TRIGGERED) {
                log(Messages.AutoRollbackStep_NotOnAbort());
                status = "done: not rolled back";
                getContext().onFailure(failure);
                return;
            }
            log(Messages.AutoRollbackStep_RollingBack(EngineMessages.text(state.trigger().describe())));
            rollBack(run, state, false);
        } catch (Exception e) {
            getContext().onFailure(forPipeline(e));
        }
    }

    /**
     * What ended the body. Naming the failing step needs the flow graph; when that cannot be read the rollback still
     * runs, with the failure named by its message only.
     */
    private Failure classify(Throwable failure, Instant end) {
        try {
            FlowNode node = getContext().get(FlowNode.class);
            return AutoRollbackFailures.of(failure, node == null ? null : node.getExecution(), end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // an abort: the rollback that follows sees it and stops cleanly
            return AutoRollbackFailures.of(failure, null, end);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "autoRollback could not read the flow graph to name the failing step", e);
            return AutoRollbackFailures.of(failure, null, end);
        }
    }

    /** The state saved at the body's start, made again from these fields (for when the saved one is gone). */
    private RollbackState freshState() {
        if (!bodyStartKnown) {
            throw new IllegalStateException("the body's start was not recorded");
        }
        return RollbackState.begin(planHandle.plan(), drill, Instant.ofEpochSecond(bodyStartSecond, bodyStartNano));
    }

    /** Runs (or, after a restart, resumes) the rollback on the calling background thread. */
    private void rollBack(Run<?, ?> run, RollbackState state, boolean afterRestart) {
        AutoRollbackRollback work = new AutoRollbackRollback(getContext(), run, store(run), key, rollbackStageId,
                this::log, this::jenkinsTerminating);
        synchronized (this) {
            rollback = work;
            status = "rolling back";
            if (stopCause != null) {
                work.stop(stopCause); // stopped between the body's end and now: record that nothing ran
            }
        }
        work.run(state, afterRestart);
    }

    @Override
    public void onResume() {
        background(this::resume);
    }

    private void resume() {
        BodyExecution started = body;
        if (started == null) {
            begin(); // the restart came before the body began
            return;
        }
        try {
            Run<?, ?> run = run();
            RollbackState state = store(run).read(key);
            RollbackState.Phase phase = state == null ? RollbackState.Phase.BODY : state.phase();
            switch (phase) {
                case BODY, SUCCEEDED, NOT_TRIGGERED -> {
                    if (started.isDone()) {
                        // The body ended, but Jenkins went down before its end was handled (or completed): do it now.
                        AutoRollbackBodyEnd.handOver(started, phase, getContext(), this::bodySucceeded,
                                this::bodyFailed);
                    }
                }
                case ROLLING_BACK, REVERIFYING -> {
                    log(Messages.AutoRollbackStep_Resuming());
                    rollBack(run, state, true);
                }
                case DONE -> rollBack(run, state, true); // the run returns it as it is; the end is handed over again
            }
        } catch (Exception e) {
            getContext().onFailure(forPipeline(e));
        }
    }

    /**
     * An abort while the body runs reaches the steps inside it, not this one; should it reach this one, the body is
     * cancelled (and its end decides). During the rollback, the rollback's thread is interrupted: the running action
     * is recorded as aborted, the rest as not run, and the step fails with the cause.
     */
    @Override
    public void stop(@NonNull Throwable cause) {
        BodyExecution running;
        AutoRollbackRollback rolling;
        synchronized (this) {
            if (stopCause == null) {
                stopCause = cause;
            }
            running = body;
            rolling = rollback;
        }
        if (rolling != null) {
            rolling.stop(cause);
            return;
        }
        if (running != null && !running.isDone()) {
            running.cancel(cause);
            return;
        }
        if (running == null || !bodyEndClaimed) {
            getContext().onFailure(cause);
        }
        // else: the body's end is being handled in the background and completes the step
    }

    /** Only while a rollback action runs: a safe restart waits for it, not for a body or a re-verification. */
    @Override
    public boolean blocksRestart() {
        AutoRollbackRollback rolling = rollback;
        return rolling != null && rolling.actionRunning();
    }

    @Override
    public String getStatus() {
        AutoRollbackRollback rolling = rollback;
        if (rolling != null) {
            return rolling.status();
        }
        String now = status;
        return now == null ? "starting" : now;
    }

    private synchronized boolean claimBodyEnd() {
        if (bodyEndClaimed) {
            return false;
        }
        bodyEndClaimed = true;
        return true;
    }

    /** Runs the task in the background; when Jenkins is shutting down, the restart does it ({@link #onResume}). */
    private void background(Runnable task) {
        try {
            BackgroundPool.ROLLBACKS.submit(task);
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is shutting down; autoRollback goes on after the restart", e);
        }
    }

    /** Only an {@link AbortException} (its message) reaches the Pipeline: no engine types in a cause chain. */
    static Throwable forPipeline(Exception e) {
        if (e instanceof AbortException) {
            return e;
        }
        LOGGER.log(Level.WARNING, "autoRollback failed unexpectedly", e);
        return new AbortException(Messages.AutoRollbackStep_Unexpected(e.toString()));
    }

    private AutoRollbackStore store(Run<?, ?> run) {
        return new AutoRollbackStore(run.getRootDir());
    }

    private Run<?, ?> run() throws IOException, InterruptedException {
        return Objects.requireNonNull(getContext().get(Run.class), "no build in the step context");
    }

    static Clock clock() {
        return VerifyStabilityExecution.clock;
    }

    private boolean jenkinsTerminating() {
        if (jenkins == null) {
            jenkins = new JenkinsFacade();
        }
        return jenkins.isTerminating();
    }

    /** One line of the build log; a log that cannot be reached is not worth failing the release for. */
    private void log(String line) {
        StepLog.line(getContext(), AutoRollbackStep.LOG_PREFIX, line, LOGGER);
    }

    /**
     * The body's end, on the CPS VM thread: only hands it to a background thread. An inner class, so it reaches this
     * execution; both are restored from the same program after a restart.
     */
    private final class Callback extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        @Override
        public void onSuccess(StepContext context, Object result) {
            background(() -> bodySucceeded(result));
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            background(() -> bodyFailed(t));
        }
    }
}
