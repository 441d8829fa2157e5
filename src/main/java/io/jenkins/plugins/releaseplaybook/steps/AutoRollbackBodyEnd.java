package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.rollback.Failure;
import io.jenkins.plugins.releaseplaybook.engine.rollback.FailureKind;
import io.jenkins.plugins.releaseplaybook.engine.rollback.NotedFailures;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackState;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Records the end of an {@code autoRollback} body, on the execution's background thread: the {@link RollbackState}
 * in {@link AutoRollbackStore} and the end of the RELEASE stage in the report; after a restart, hands over a body that
 * ended while Jenkins was down. Static and stateless, so nothing of it is saved with the program;
 * {@link AutoRollbackExecution} claims the body's end and completes the step.
 */
final class AutoRollbackBodyEnd {
    /** The execution's logger: these records are its work, moved here only to keep it small. */
    private static final Logger LOGGER = Logger.getLogger(AutoRollbackExecution.class.getName());

    private AutoRollbackBodyEnd() {}

    /** The body ended well; the record of a release that went well is not worth failing it for. */
    static void succeeded(Run<?, ?> run, AutoRollbackStore store, String key, String releaseStageId, Instant end,
            Consumer<String> log) {
        try {
            RollbackState state = store.read(key);
            if (state != null && state.phase() == RollbackState.Phase.BODY) {
                store.save(key, state.bodySucceeded(end));
            }
            finishStage(run, releaseStageId, StageStatus.SUCCESS, end, null);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "autoRollback could not record the end of its body", e);
            log.accept(Messages.AutoRollbackStep_EndNotRecorded(e.toString()));
        }
    }

    /**
     * The body failed: the engine decides (in the returned state) whether it rolls back. What cannot be read or saved
     * here is logged and passed over: putting the service back matters more than the record of it.
     *
     * @param fresh the state saved at the body's start, made again, for when the saved one is gone or unreadable
     * @return the state after the failure; its phase says whether to roll back
     * @throws IOException when the RELEASE stage cannot be finished in the report
     */
    static RollbackState failed(Run<?, ?> run, AutoRollbackStore store, String key, String releaseStageId,
            Failure seen, Instant end, Supplier<RollbackState> fresh, Consumer<String> log) throws IOException {
        RollbackState state = savedOrFresh(store, key, fresh, log);
        if (state.phase() == RollbackState.Phase.BODY) {
            for (Failure noted : notedFailures(run, state.bodyStart(), end, log)) {
                state = state.noteFailure(noted);
            }
            state = state.bodyFailed(seen, end, lastVerification(store, state.bodyStart(), log));
            try {
                store.save(key, state);
            } catch (IOException e) {
                log.accept(Messages.AutoRollbackStep_NotSaved(e.toString()));
            }
        }
        finishStage(run, releaseStageId, seen.kind() == FailureKind.USER_ABORT ? StageStatus.ABORTED
                : StageStatus.FAILURE, end, EngineMessages.text(seen.describe()));
        return state;
    }

    /**
     * After a restart, a body that ended while Jenkins went down: its end is handled now, or only handed over again
     * when the phase says it was handled already.
     */
    static void handOver(BodyExecution ended, RollbackState.Phase phase, StepContext context,
            Consumer<Object> succeeded, Consumer<Throwable> failed) {
        Object result;
        try {
            result = ended.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (phase == RollbackState.Phase.NOT_TRIGGERED) {
                context.onFailure(cause);
            } else {
                failed.accept(cause);
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (phase == RollbackState.Phase.SUCCEEDED) {
            context.onSuccess(result);
        } else {
            succeeded.accept(result);
        }
    }

    /** The state saved at the body's start; if it is gone or unreadable, {@code fresh}. */
    private static RollbackState savedOrFresh(AutoRollbackStore store, String key, Supplier<RollbackState> fresh,
            Consumer<String> log) {
        try {
            RollbackState saved = store.read(key);
            if (saved != null) {
                return saved;
            }
        } catch (IOException e) {
            log.accept(Messages.AutoRollbackStep_NotRead(e.getMessage()));
        }
        return fresh.get();
    }

    /** The body's failed verifications, from the report; none if the report cannot be read. */
    private static List<Failure> notedFailures(Run<?, ?> run, Instant start, Instant end, Consumer<String> log) {
        try {
            ReleaseReport report = ReleaseReportAction.getOrCreate(run).load();
            return NotedFailures.verifications(report.timeline(), report.verifications(), start, end);
        } catch (IOException e) {
            log.accept(Messages.AutoRollbackStep_NotRead(e.getMessage()));
            return List.of();
        }
    }

    @CheckForNull
    private static VerificationSpec lastVerification(AutoRollbackStore store, Instant start, Consumer<String> log) {
        try {
            return store.lastVerification(start);
        } catch (IOException e) {
            log.accept(e.getMessage());
            return null;
        }
    }

    private static void finishStage(Run<?, ?> run, String id, StageStatus stageStatus, Instant end,
            @CheckForNull String message) throws IOException {
        ReleaseReportAction.getOrCreate(run).update(r -> r.timeline().stream().filter(s -> s.id().equals(id))
                .findFirst().map(s -> s.isRunning() ? r.withStage(s.finished(stageStatus, end, message)) : r)
                .orElse(r));
    }
}
