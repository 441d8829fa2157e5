package io.jenkins.plugins.releaseplaybook.engine.rollback;

import java.util.Map;

/**
 * The port through which a rollback does its work; the plugin implements it (a backup callable on the node, the
 * node's {@code Launcher}, the queue), tests implement it with real processes or in memory. Each method blocks until
 * the action is over and is called off the Pipeline's CPS thread.
 *
 * <p>A method answers a failure it understands as {@link ActionResult#failed}; any exception other than
 * {@link InterruptedException} is recorded as a failed action with its message. An {@link InterruptedException} (the
 * build was aborted) stops the rollback: the action is recorded as aborted and no further action runs.
 */
public interface RollbackActions {
    /**
     * Restores a backup.
     *
     * @param reference the backup id, or a name meaning the latest backup of that name this build took (resolve it
     *     with {@link BackupReference#resolve})
     */
    ActionResult restoreBackup(String reference) throws InterruptedException, RollbackException;

    /** Runs {@code command} with the shell on the node, in the workspace, with the build's environment. */
    ActionResult command(String command) throws InterruptedException, RollbackException;

    /** Triggers the job {@code fullName} with {@code parameters} and waits for its result. */
    ActionResult job(String fullName, Map<String, String> parameters) throws InterruptedException, RollbackException;
}
