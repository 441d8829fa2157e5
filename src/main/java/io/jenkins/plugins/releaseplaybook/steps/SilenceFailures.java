package io.jenkins.plugins.releaseplaybook.steps;

import hudson.AbortException;
import io.jenkins.plugins.releaseplaybook.Messages;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * What a silence step hands to the Pipeline when it fails: an {@link AbortException} with the message only. The
 * Pipeline keeps the exception (the flow graph's {@code ErrorAction}, the program across a restart), and core's class
 * filter refuses engine types such as the Alertmanager attempts an engine exception carries: an exception with them
 * in its cause chain is replaced by a proxy and cannot be restored. The details go to the system log instead.
 */
final class SilenceFailures {
    private static final Logger LOGGER = Logger.getLogger(SilenceFailures.class.getName());

    private SilenceFailures() {}

    /**
     * The failure as the Pipeline gets it: an abort (Jenkins' own {@link FlowInterruptedException}) and a plain
     * {@link AbortException} as they are; anything else as an {@link AbortException} saying which step failed and
     * why, with no cause, after logging it with its stack trace.
     */
    static Exception forPipeline(String stepName, Throwable problem) {
        if (problem instanceof FlowInterruptedException interrupted) {
            return interrupted;
        }
        if (problem.getClass() == AbortException.class && problem.getCause() == null
                && problem.getSuppressed().length == 0) {
            return (AbortException) problem;
        }
        LOGGER.log(Level.WARNING, stepName + " failed", problem);
        String message = problem.getMessage() == null ? problem.getClass().getSimpleName() : problem.getMessage();
        return new AbortException(problem instanceof AbortException ? message
                : Messages.SilenceSteps_Unexpected(stepName, message));
    }
}
