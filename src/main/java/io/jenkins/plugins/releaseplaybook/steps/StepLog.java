package io.jenkins.plugins.releaseplaybook.steps;

import hudson.model.TaskListener;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * One line of a step's build log, from the listener in the step's context each time (executions keep no listener).
 * A log that cannot be reached is not worth failing the step for: that goes to the caller's logger at FINE.
 */
final class StepLog {
    private StepLog() {}

    static void line(StepContext context, String prefix, String line, Logger logger) {
        try {
            TaskListener listener = context.get(TaskListener.class);
            if (listener != null) {
                listener.getLogger().println(prefix + line);
            }
        } catch (IOException | InterruptedException e) {
            logger.log(Level.FINE, "Cannot write to the build log: " + line, e);
        }
    }
}
