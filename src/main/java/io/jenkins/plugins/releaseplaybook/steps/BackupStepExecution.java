package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.BackgroundPool;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The execution of {@code releaseBackup}, {@code releaseRestore} and {@code preDistribute} ({@link NodeWork}): the
 * work runs on a {@link BackgroundPool#BACKUPS}
 * thread that waits for the node ({@code FilePath.act}), never on the CPS VM thread. The step's stage is recorded in
 * the Release Report as running first, and finished whichever way the step ends.
 *
 * <p>An abort ({@link #stop}) interrupts that thread; remoting passes the interrupt on to the node, where the engine
 * stops and lists nothing. The step ends when the thread has stopped (on the controller: after the engine cleaned
 * up), or after {@link #STOP_GRACE_SECONDS} when a node no longer answers. After a controller restart
 * ({@link #onResume}) the step fails clearly: the call to the node was lost, and whether it finished is unknown.
 *
 * <p>Only plain values are kept (no build, listener or workspace): they come from the context each time.
 */
final class BackupStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(BackupStepExecution.class.getName());

    /** How long an abort waits for the node to stop before it ends the step anyway. */
    static final long STOP_GRACE_SECONDS = 30;
    /** The timeline name of the controller in the report and in the returned maps: Jenkins' label for it. */
    static final String BUILT_IN = "built-in";

    private final String stageId = UUID.randomUUID().toString();
    private final long stageStartMillis = System.currentTimeMillis();

    private transient volatile Future<?> task;
    private transient volatile Throwable stopCause;
    /** Set first thing on the background thread: a task cancelled before it began never runs at all. */
    private transient volatile boolean began;
    /** Whether the step has ended; guarded by {@code this}. False again after a restart, which ends it anew. */
    private transient boolean ended;

    private final NodeWork work;

    BackupStepExecution(NodeWork work, StepContext context) {
        super(context);
        this.work = work;
    }

    @Override
    public boolean start() {
        try {
            task = BackgroundPool.BACKUPS.submit(this::runInBackground);
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is shutting down", e);
            end(StageStatus.FAILURE, Messages.BackupSteps_ShuttingDown(work.functionName()), null);
        }
        return false;
    }

    /** Interrupts the work; the background thread ends the step once it has stopped (or the grace period is over). */
    @Override
    public void stop(@NonNull Throwable cause) {
        stopCause = cause;
        Future<?> running = task;
        if (running == null || running.isDone()) {
            Timer.get().execute(() -> end(StageStatus.ABORTED, work.abortedMessage(), cause));
            return;
        }
        running.cancel(true);
        if (!began) {
            Timer.get().execute(() -> end(StageStatus.ABORTED, work.abortedMessage(), cause));
            return;
        }
        Timer.get().schedule(() -> end(StageStatus.ABORTED, work.abortedMessage(), cause), STOP_GRACE_SECONDS,
                TimeUnit.SECONDS);
    }

    /** The call to the node did not survive the restart; fail (in the background: it writes the report). */
    @Override
    public void onResume() {
        try {
            task = BackgroundPool.BACKUPS.submit(() -> end(StageStatus.FAILURE, work.restartedMessage(), null));
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is shutting down again", e);
        }
    }

    /** A safe restart waits for the archive rather than cut it short. */
    @Override
    public boolean blocksRestart() {
        Future<?> running = task;
        return running != null && !running.isDone();
    }

    @Override
    public String getStatus() {
        return blocksRestart() ? "running on the node" : null;
    }

    private void runInBackground() {
        began = true;
        Throwable stoppedAlready = stopCause;
        if (stoppedAlready != null) {
            end(StageStatus.ABORTED, work.abortedMessage(), stoppedAlready);
            return;
        }
        try {
            Run<?, ?> run = Objects.requireNonNull(getContext().get(Run.class), "no build in the step context");
            TaskListener listener = Objects.requireNonNull(getContext().get(TaskListener.class), "no listener");
            ReleaseReportAction.getOrCreate(run).update(r -> r.withStage(runningStage()));
            Object result = work.run(this, run, listener);
            synchronized (this) {
                if (ended) {
                    return; // aborted at the last moment; the stage and record show what was done
                }
                ended = true;
            }
            Throwable late = stopCause;
            if (late != null) {
                getContext().onFailure(late); // the work was done (and recorded) just as the build was aborted
            } else {
                getContext().onSuccess(result);
            }
        } catch (InterruptedException e) {
            Throwable cause = stopCause;
            if (cause != null) {
                end(StageStatus.ABORTED, work.abortedMessage(), cause);
            } else if (!new JenkinsFacade().isTerminating()) {
                // not an abort of this step: an agent's channel closing under us, say
                end(StageStatus.FAILURE, Messages.BackupSteps_Interrupted(work.functionName()), null);
            } // else Jenkins is shutting down: the build resumes after the restart, and onResume ends the step
        } catch (Exception | LinkageError e) {
            Throwable cause = stopCause;
            if (cause != null) {
                end(StageStatus.ABORTED, work.abortedMessage(), cause); // the interrupt surfaced as another error
            } else if (!new JenkinsFacade().isTerminating()) {
                end(StageStatus.FAILURE, forPipeline(e), null);
            } else {
                LOGGER.log(Level.FINE, work.functionName() + " cut short by the shutdown; onResume ends it", e);
            }
        }
    }

    /**
     * The text for the build log and the Pipeline: the step's own message, the engine's in the reader's language, or
     * (for a programming error) the exception, which the Jenkins log gets in full.
     */
    private String forPipeline(Throwable e) {
        if (e instanceof AbortException) {
            return e.getMessage();
        }
        if (e instanceof Localizable || e instanceof IllegalArgumentException) {
            return EngineMessages.of(e);
        }
        if (e instanceof IOException) { // remoting: the agent went away, the channel closed
            return Messages.BackupSteps_NodeFailed(work.functionName(), EngineMessages.of(e));
        }
        LOGGER.log(Level.WARNING, work.functionName() + " failed unexpectedly", e);
        return Messages.BackupSteps_Unexpected(work.functionName(), e.toString());
    }

    /**
     * Ends the step once, with the stage finished as {@code status}: with {@code cause} (the abort's), or an
     * {@link AbortException} carrying {@code message} alone, so that no engine type reaches the Pipeline.
     */
    private void end(StageStatus status, String message, @CheckForNull Throwable cause) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        try {
            Run<?, ?> run = getContext().get(Run.class);
            if (run != null) {
                finishStage(run, status, message, UnaryOperator.identity());
            }
            if (status == StageStatus.ABORTED) {
                log(message); // a failure's message is printed by Pipeline itself, as the step's error
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot record the end of " + work.functionName() + " in the Release Report", e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        getContext().onFailure(cause != null ? cause : new AbortException(message));
    }

    /** Finishes this step's stage, together with the step's own record. */
    final void finishStage(Run<?, ?> run, StageStatus status, @CheckForNull String message,
            UnaryOperator<ReleaseReport> record) throws IOException {
        StageRecord stage = runningStage().finished(status, Instant.now(), message);
        ReleaseReportAction.getOrCreate(run).update(r -> record.apply(r).withStage(stage));
    }

    private StageRecord runningStage() {
        return new StageRecord(stageId, work.stageKind(), work.stageName(), Instant.ofEpochMilli(stageStartMillis),
                null,
                StageStatus.RUNNING, null);
    }

    /** The workspace of the enclosing {@code node} block (a required context, so always there). */
    final FilePath workspace() throws IOException, InterruptedException {
        return Objects.requireNonNull(getContext().get(FilePath.class), "no workspace in the step context");
    }

    /** The node of the enclosing {@code node} block; gone when the agent was removed meanwhile. */
    final Node node() throws IOException, InterruptedException {
        Node node = getContext().get(Node.class);
        if (node == null) {
            throw new AbortException(Messages.BackupSteps_NodeGone(work.functionName()));
        }
        return node;
    }

    /** The node's root directory on the node (the agent's remote root, {@code JENKINS_HOME} on the controller). */
    final String nodeRoot(Node node) throws AbortException {
        FilePath root = node.getRootPath();
        if (root == null) {
            throw new AbortException(Messages.BackupSteps_NodeOffline(work.functionName(), nodeName(node)));
        }
        return root.getRemote();
    }

    /** The node's name, {@value #BUILT_IN} for the controller (whose node name is empty). */
    static String nodeName(Node node) {
        String name = node.getNodeName();
        return name.isEmpty() ? BUILT_IN : name;
    }

    /** One line of the build log, prefixed with the step's name; a log that cannot be reached is not worth failing for. */
    final void log(String line) {
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            if (listener != null) {
                listener.getLogger().println(logPrefix() + line);
            }
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.FINE, "Cannot write to the build log: " + line, e);
        }
    }

    final String logPrefix() {
        return "[" + work.functionName() + "] ";
    }
}
