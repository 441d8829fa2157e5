package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.List;

/**
 * The rules of a {@code command} rollback action: the command line the node runs, and what its exit code means. The
 * plugin only starts the process through the node's launcher and waits for it.
 */
public final class CommandAction {
    private CommandAction() {}

    /**
     * The command line: {@code sh -c command} on Unix, {@code cmd /c command} on Windows. The whole command is one
     * argument, so the shell sees it exactly as the job wrote it (pipes, quotes, {@code &&}).
     */
    public static List<String> commandLine(String command, boolean unix) {
        return unix ? List.of("sh", "-c", command) : List.of("cmd", "/c", command);
    }

    /** The outcome of a command that ran to its end: success for exit code 0 only. */
    public static ActionResult exited(String command, int exitCode) {
        return exitCode == 0
                ? ActionResult.succeeded(Text.of("rollback.command.succeeded", command).english())
                : ActionResult.failed(Text.of("rollback.command.failed", command, Integer.toString(exitCode)).english());
    }

    /** The outcome without a node: {@code autoRollback} outside {@code node}, or the agent is gone. */
    public static ActionResult withoutNode(String command) {
        return ActionResult.failed(noNode(command).english());
    }

    /** Why a command cannot run without a node, for the log in the reader's language. */
    public static Text noNode(String command) {
        return Text.of("rollback.command.noNode", command);
    }

    /** The log line before the command starts. */
    public static Text starting(String command, String node) {
        return Text.of("rollback.command.starting", command, node);
    }
}
