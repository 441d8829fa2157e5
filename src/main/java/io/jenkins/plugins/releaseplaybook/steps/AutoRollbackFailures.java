package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.engine.rollback.Failure;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.actions.ErrorAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * What ended an {@code autoRollback} body, as the engine's {@link Failure}: a {@code timeout} (a
 * {@link FlowInterruptedException} whose cause is the timeout step's), an abort (any other interruption that aborts),
 * or a failure of the step that threw (found in the flow graph, for the message: {@code sh failed: ...}).
 */
final class AutoRollbackFailures {
    private static final Logger LOGGER = Logger.getLogger(AutoRollbackFailures.class.getName());
    /** workflow-basic-steps' cause of a timeout; by name, as this plugin does not depend on that plugin. */
    static final String TIMEOUT_CAUSE = "org.jenkinsci.plugins.workflow.steps.TimeoutStepExecution$ExceededTimeout";

    private AutoRollbackFailures() {}

    /**
     * @param execution the build's flow, to name the step that threw; {@code null} to leave it unnamed
     * @param at when the body ended
     */
    static Failure of(Throwable failure, @CheckForNull FlowExecution execution, Instant at) {
        if (failure instanceof FlowInterruptedException interrupted) {
            List<CauseOfInterruption> causes = interrupted.getCauses();
            for (CauseOfInterruption cause : causes) {
                if (cause.getClass().getName().equals(TIMEOUT_CAUSE)) {
                    return Failure.timeout(cause.getShortDescription(), at);
                }
            }
            if (interrupted.getResult() != Result.FAILURE) {
                String who = null;
                for (CauseOfInterruption cause : causes) {
                    if (cause instanceof CauseOfInterruption.UserInterruption user) {
                        who = user.getUserId();
                    }
                }
                return Failure.userAbort(who, at);
            }
        }
        String message = firstLine(failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName());
        String step = stepName(failure, execution);
        return Failure.bodyFailed(step == null ? "the body" : step, message, at);
    }

    /** The function name of the step that threw ({@code sh}, {@code error}), else {@code null}. */
    @CheckForNull
    private static String stepName(Throwable failure, @CheckForNull FlowExecution execution) {
        if (execution == null) {
            return null;
        }
        try {
            FlowNode origin = ErrorAction.findOrigin(failure, execution);
            String name = origin == null ? null : origin.getDisplayFunctionName();
            return name == null || name.isBlank() || name.equals("}") ? null : name;
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "Cannot find the step that failed", e);
            return null;
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
