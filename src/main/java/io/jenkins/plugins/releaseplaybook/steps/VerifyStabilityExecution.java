package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import io.jenkins.plugins.releaseplaybook.engine.rollback.Drill;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingState;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingStateJson;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSession;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import io.jenkins.plugins.releaseplaybook.steps.VerificationRequest.OnInconclusive;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A resumable execution: rounds run on Jenkins' {@link Timer} threads, never on the CPS VM thread, and nothing
 * waits in between. What must survive a controller restart is kept in plain fields (the request, the stage's
 * identity, and the engine's {@link SamplingState} as JSON text, saved after every round with
 * {@link StepContext#saveState()}); the build, the listener and the flow node come from the context each time.
 * After a restart {@link #onResume} goes on where the state stands: the engine records the rounds that were
 * missed as a gap, or concludes when the window is over. Every way out finishes the VERIFY stage
 * ({@link VerifyStabilityReport}); a verdict ends the step through {@link VerdictHandover}.
 *
 * <p>Inside an {@code autoRollback} body ({@link AutoRollbackContext}): the body's start is the release start of the
 * baseline, the spec is saved for the rollback's re-verification ({@link VerificationInRollback}), and in a drill the
 * first verification of the body ends FAIL after its first round, on purpose, its real samples kept ({@link Drill}).
 */
final class VerifyStabilityExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(VerifyStabilityExecution.class.getName());

    /**
     * The clock of every verification window and stage time. Tests move it forward (an offset system clock)
     * instead of waiting for the wall clock; read at each use, so a change reaches executions already running.
     */
    static volatile Clock clock = Clock.systemUTC();

    private final VerificationRequest request;
    private final String stageId;
    private final long stageStartMillis;
    /** The engine's state as JSON; {@code null} until the verification was planned. */
    private volatile String state;
    /** Whether this is the verification a drill fails on purpose (decided once, when planned). */
    private volatile boolean drilled;

    private transient volatile SamplingState current;
    private transient volatile VerificationSession session;
    private transient volatile ScheduledFuture<?> task;
    private transient volatile Throwable stopCause;
    private transient volatile boolean sampling;
    private transient volatile boolean finished;
    private transient JenkinsFacade jenkins;

    VerifyStabilityExecution(VerificationRequest request, StepContext context) {
        super(context);
        this.request = request;
        this.stageId = UUID.randomUUID().toString();
        this.stageStartMillis = clock.millis();
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
        ReleaseReport withStage = report.update(r -> r.withStage(runningStage()));
        request.onInconclusive(); // a typo fails before any query
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        VerificationSetup.checkAccess(request, config, run);
        session = new VerificationSession(VerificationSetup.prometheus(config, run), clock, this::log);
        VerificationSpec spec = request.toSpec(config, withStage, Instant.ofEpochMilli(stageStartMillis));
        AutoRollbackContext rollback = getContext().get(AutoRollbackContext.class);
        if (rollback != null) {
            spec = VerificationInRollback.prepare(run, rollback, spec, this::log);
            drilled = Drill.failsThisVerification(rollback.drill(), rollback.bodyStart(), withStage.timeline(), stageId);
        }
        VerificationSetup.plan(spec).forEach(this::log);
        if (drilled) {
            log(Messages.VerifyStabilityStep_Drilled());
        }
        keep(SamplingState.initial(spec, clock.instant()));
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
            throw new AbortException(Messages.VerifyStabilityStep_StateUnreadable(EngineMessages.of(e)));
        }
        SamplingState resumed = VerificationSession.withoutQueries(clock, this::log).resume(current);
        if (resumed.isOver()) {
            keep(resumed);
            conclude(resumed);
            return;
        }
        session = new VerificationSession(VerificationSetup.prometheus(ReleasePlaybookConfiguration.get(), run()),
                clock, this::log);
        keep(resumed);
        advance(session.captureBaselines(resumed)); // a no-op unless the restart came during the capture
    }

    private void round() throws Exception {
        advance(session.round(current));
    }

    /** Keeps the state, then schedules the next round or concludes. */
    private void advance(SamplingState next) throws Exception {
        keep(next);
        if (next.isOver() || drilled && Drill.endsNow(next)) {
            conclude(next);
        } else {
            schedule(this::round, Duration.between(clock.instant(), next.nextRoundAt()));
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

    /** Records the outcome, then ends the step as verdict and {@code onInconclusive} say ({@link VerdictHandover}). */
    private void conclude(SamplingState over) throws Exception {
        if (jenkins().isTerminating()) {
            return; // the restart concludes it: the saved state says where it stands
        }
        if (drilled) {
            concludeDrill(over);
            return;
        }
        VerificationResult result = session().conclude(over);
        OnInconclusive onInconclusive = request.onInconclusive();
        Verdict verdict = result.verdict();
        String summary = result.summary();
        if (!finish(VerificationOutcome.stageStatus(verdict, onInconclusive), summary, VerificationRecord.from(result))) {
            return;
        }
        log(summary);
        VerdictHandover.handOver(getContext(), result, verdict, onInconclusive, this::log);
    }

    /** The drilled verification: FAIL on purpose after its first round, with what it really sampled recorded. */
    private void concludeDrill(SamplingState sampled) {
        VerificationResult result = Drill.failedOnPurpose(session().concludeStopped(sampled));
        String message = EngineMessages.text(Drill.verificationMessage());
        if (finish(StageStatus.FAILURE, message, VerificationRecord.from(result))) {
            log(message);
            getContext().onFailure(new AbortException(message));
        }
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
        StageRecord stage = runningStage().finished(status, clock.instant(), message);
        try {
            VerifyStabilityReport.finished(getContext(), stage, verification, this::log);
        } finally {
            if (session != null) {
                session.close();
            }
        }
        return true;
    }

    /** What was sampled so far ({@link VerifyStabilityReport#partial}). */
    @CheckForNull
    private VerificationRecord partial() {
        return VerifyStabilityReport.partial(current, state, this::log);
    }

    private VerificationSession session() {
        VerificationSession live = session;
        return live != null ? live : VerificationSession.withoutQueries(clock, this::log);
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
        StepLog.line(getContext(), VerifyStabilityStep.LOG_PREFIX, line, LOGGER);
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

