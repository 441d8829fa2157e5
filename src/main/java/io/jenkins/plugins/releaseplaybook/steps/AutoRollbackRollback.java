package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionResult;
import io.jenkins.plugins.releaseplaybook.engine.rollback.Drill;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackActions;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackResult;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackRun;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackState;
import io.jenkins.plugins.releaseplaybook.engine.verification.QueryPort;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import io.jenkins.plugins.releaseplaybook.rollback.StepRollbackActions;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * One rollback of an {@code autoRollback} step, on a background thread: the engine's {@link RollbackRun} with the
 * build's {@link StepRollbackActions}, the Prometheus client of {@code verifyStability} for the re-verification, the
 * state saved to {@link AutoRollbackStore} after every change; then the record in the Release Report and the step's
 * end. Not serialized: after a restart the execution makes a new one from the saved state.
 *
 * <p>Once Jenkins is shutting down (and nobody stopped the build) nothing more is saved or handed over: the
 * interrupt that the shutdown sends would otherwise be recorded as an abort, and the restart goes on from the state
 * saved last, where the action that was running is recorded as interrupted, not run again.
 */
final class AutoRollbackRollback {
    private static final Logger LOGGER = Logger.getLogger(AutoRollbackRollback.class.getName());
    /** Never called: it stands in when the build was stopped before the real actions could be reached. */
    private static final RollbackActions STOPPED = new RollbackActions() {
        @Override
        public ActionResult restoreBackup(String reference) {
            return ActionResult.failed("stopped");
        }

        @Override
        public ActionResult command(String command) {
            return ActionResult.failed("stopped");
        }

        @Override
        public ActionResult job(String fullName, Map<String, String> parameters) {
            return ActionResult.failed("stopped");
        }
    };

    private final StepContext context;
    private final Run<?, ?> run;
    private final AutoRollbackStore store;
    private final String key;
    private final String stageId;
    private final Consumer<String> log;
    private final BooleanSupplier terminating;

    private volatile Thread worker;
    private volatile Throwable stopCause;
    private volatile boolean actionRunning;
    private volatile String status = "rolling back";

    AutoRollbackRollback(StepContext context, Run<?, ?> run, AutoRollbackStore store, String key, String stageId,
            Consumer<String> log, BooleanSupplier terminating) {
        this.context = context;
        this.run = run;
        this.store = store;
        this.key = key;
        this.stageId = stageId;
        this.log = log;
        this.terminating = terminating;
    }

    /** Stops the rollback: its thread is interrupted, and the engine records what was done. */
    void stop(Throwable cause) {
        synchronized (this) {
            if (stopCause == null) {
                stopCause = cause;
            }
        }
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }

    boolean actionRunning() {
        return actionRunning;
    }

    String status() {
        return status;
    }

    /** Runs the rollback of {@code state} to its end, or hands over the end of one that is over. */
    void run(RollbackState state, boolean afterRestart) {
        worker = Thread.currentThread();
        try {
            ReleaseReportAction report = ReleaseReportAction.getOrCreate(run);
            RollbackState done = state;
            if (!state.isDone()) {
                report.update(r -> r.timeline().stream().anyMatch(s -> s.id().equals(stageId)) ? r
                        : r.withStage(new StageRecord(stageId, StageKind.ROLLBACK, "rollback", state.rollbackStart(),
                                null, StageStatus.RUNNING, null)));
                RollbackRun runner = runner(state);
                done = afterRestart ? runner.resume(state) : runner.execute(state);
                Thread.interrupted(); // the engine sets it again after an abort; this thread goes back to the pool
            }
            if (stopCause == null && terminating.getAsBoolean()) {
                return; // see the class comment
            }
            finish(report, done);
        } catch (IOException | RuntimeException e) {
            if (stopCause == null && terminating.getAsBoolean()) {
                return;
            }
            LOGGER.log(Level.WARNING, "autoRollback could not complete its rollback", e);
            String message = Messages.AutoRollbackStep_RollbackBroke(e instanceof AbortException ? e.getMessage()
                    : e.toString());
            loud(message);
            context.onFailure(new AbortException(message));
        } finally {
            worker = null;
            Thread.interrupted();
        }
    }

    private RollbackRun runner(RollbackState state) throws IOException {
        RollbackActions actions = STOPPED;
        QueryPort prometheus = null;
        try {
            actions = StepRollbackActions.forContext(context);
            if (state.sampling() != null) {
                prometheus = prometheus();
            }
        } catch (InterruptedException e) {
            if (stopCause == null) {
                throw new IOException(e.toString(), e); // not an abort: the shutdown, or the context is gone
            }
        }
        if (stopCause != null) {
            Thread.currentThread().interrupt(); // stopped before or while the actions were reached: nothing runs
        }
        return RollbackRun.builder(actions).prometheus(prometheus).clock(AutoRollbackExecution.clock())
                .progress(log).checkpoint(this::checkpoint).build();
    }

    /** The client {@code verifyStability} uses; without one the engine records the re-verification as failed. */
    @CheckForNull
    private QueryPort prometheus() {
        try {
            return VerificationSetup.prometheus(ReleasePlaybookConfiguration.get(), run);
        } catch (AbortException e) {
            log.accept(e.getMessage());
            return null;
        }
    }

    private void checkpoint(RollbackState state) throws IOException {
        if (stopCause == null && terminating.getAsBoolean()) {
            return; // see the class comment
        }
        if (stopCause != null && !Thread.currentThread().isInterrupted()) {
            // An action that answered the abort with a failure (and cleared the flag) must not let the next one run.
            Thread.currentThread().interrupt();
        }
        actionRunning = state.running() != null;
        status = state.running() != null
                ? "rollback action " + (state.running().index() + 1) + "/" + state.plan().actions().size() + ": "
                        + state.plan().actions().get(state.running().index()).describe()
                : state.phase() == RollbackState.Phase.REVERIFYING ? "re-verifying" : "rolling back";
        store.save(key, state);
    }

    /** Records the rollback in the report, then ends the step as the outcome (and a drill) says. */
    private void finish(ReleaseReportAction report, RollbackState done) throws IOException {
        actionRunning = false;
        status = "done";
        RollbackResult result = done.result();
        RollbackRecord record = result.toRecord();
        StageRecord stage = result.toStage(stageId);
        report.update(r -> (recorded(r, record) ? r : r.withRollback(record)).withStage(stage));
        String message = EngineMessages.text(result.message());
        Throwable stopped = stopCause;
        if (done.drill()) {
            AutoRollbackBuild.markDrill(run);
            Drill.BuildOutcome outcome = Drill.outcome(result);
            String text = EngineMessages.text(outcome.message());
            if (outcome.success()) {
                log.accept(text);
                context.onSuccess(null);
            } else {
                loud(text);
                context.onFailure(stopped != null ? stopped : new AbortException(text));
            }
            return;
        }
        switch (result.outcome()) {
            case SUCCESS -> {
                log.accept(message);
                context.onFailure(new AbortException(message));
            }
            case FAILED -> {
                loud(message);
                context.onFailure(new AbortException(message));
            }
            case ABORTED -> {
                log.accept(message);
                context.onFailure(stopped != null ? stopped : new AbortException(message));
            }
        }
    }

    /** Whether a restart after the report was written already recorded this rollback. */
    private static boolean recorded(ReleaseReport report, RollbackRecord record) {
        return report.rollbacks().stream().anyMatch(r -> Objects.equals(r.start(), record.start())
                && Objects.equals(r.trigger(), record.trigger()));
    }

    /** A rollback that did not work is said so that nobody can miss it. */
    private void loud(String message) {
        log.accept(Messages.AutoRollbackStep_LoudBanner());
        log.accept(message);
        log.accept(Messages.AutoRollbackStep_LoudBanner());
    }
}
