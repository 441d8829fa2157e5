package io.jenkins.plugins.releaseplaybook.engine.rollback;

/** How one rollback action ended. */
public enum ActionStatus {
    SUCCESS,
    FAILED,
    /**
     * The controller restarted while the action ran. It is not run again: its work may still be going on (a command
     * on an agent whose channel closed, a triggered build in the queue), and running it twice at once is worse than
     * saying so. It counts as a failed action; the re-verification, if asked, still shows whether the service recovered.
     */
    INTERRUPTED,
    /** The build was aborted while the action ran. */
    ABORTED,
    /** Not run: an earlier action failed with {@code stopOnError: true}, or the rollback was aborted before it. */
    NOT_RUN
}
