package io.jenkins.plugins.releaseplaybook.rollback;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.Node;
import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionResult;
import io.jenkins.plugins.releaseplaybook.engine.rollback.CommandAction;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@code command} action: the shell on the node, in the workspace, with the build's environment, its output in the
 * build log. {@link Proc#join()} kills the process tree when the waiting thread is interrupted.
 */
final class CommandRunner {
    private static final Logger LOGGER = Logger.getLogger(CommandRunner.class.getName());

    private final StepRollbackActions actions;

    CommandRunner(StepRollbackActions actions) {
        this.actions = actions;
    }

    ActionResult run(String command) throws InterruptedException {
        FilePath workspace = actions.workspace();
        Launcher launcher = actions.launcher();
        Node node = actions.node();
        if (workspace == null || launcher == null) {
            actions.log(CommandAction.noNode(command));
            return CommandAction.withoutNode(command);
        }
        actions.log(CommandAction.starting(command, node == null ? workspace.getRemote()
                : StepRollbackActions.nodeName(node)));
        Proc process;
        try {
            workspace.mkdirs(); // a node block whose workspace nothing has written to yet
            process = launcher.launch().cmds(CommandAction.commandLine(command, launcher.isUnix()))
                    .envs(actions.environment()).pwd(workspace).stdout(actions.listener()).start();
        } catch (IOException e) {
            StepRollbackActions.rethrowIfAborted(e);
            LOGGER.log(Level.FINE, "Cannot start the rollback command", e);
            return ActionResult.failed(e.toString());
        }
        try {
            return CommandAction.exited(command, process.join());
        } catch (InterruptedException e) {
            kill(process); // join() kills on interrupt already; this makes sure for every kind of Proc
            throw e;
        } catch (IOException e) {
            if (Thread.interrupted() || e instanceof InterruptedIOException) { // an abort, surfacing as I/O
                kill(process); // with the interrupt flag clear, or the kill itself would stop at once
                Thread.currentThread().interrupt();
            }
            StepRollbackActions.rethrowIfAborted(e);
            LOGGER.log(Level.FINE, "Lost the rollback command", e);
            return ActionResult.failed(e.toString()); // the agent went away while the command ran
        }
    }

    private static void kill(Proc process) {
        try {
            process.kill();
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.FINE, "Cannot kill the interrupted rollback command", e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
