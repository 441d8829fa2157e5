package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a {@code restoreBackup} rollback action apart from the restore itself (which is
 * {@code BackupRestorer}'s, run on the node): which backup and where it must be, and what the outcome says.
 */
public final class RestoreAction {
    private RestoreAction() {}

    /** This build's record of backup {@code id}, when this build took it (else it is another build's id). */
    public static Optional<BackupRecord> recordOf(String id, List<BackupRecord> thisBuild) {
        for (int i = thisBuild.size() - 1; i >= 0; i--) {
            if (thisBuild.get(i).id().equals(id)) {
                return Optional.of(thisBuild.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a restore on another node than the one the backup was written on: the archive is a file of that node.
     *
     * @param backup this build's record of the backup, if it took it
     * @param here the name of the node the rollback runs on ({@code built-in} for the controller)
     */
    public static Optional<ActionResult> wrongNode(Optional<BackupRecord> backup, String here) {
        if (backup.isPresent() && backup.get().node() != null && !backup.get().node().equals(here)) {
            return Optional.of(ActionResult.failed(
                    Text.of("rollback.restore.otherNode", backup.get().id(), backup.get().node(), here).english()));
        }
        return Optional.empty();
    }

    /** The outcome without a node: {@code autoRollback} outside {@code node}, or the agent is gone. */
    public static ActionResult withoutNode(String reference) {
        return ActionResult.failed(noNode(reference).english());
    }

    /** Why a restore cannot run without a node, for the log in the reader's language. */
    public static Text noNode(String reference) {
        return Text.of("rollback.restore.noNode", reference);
    }

    /** The log line before the restore starts. */
    public static Text starting(String id, String node) {
        return Text.of("rollback.restore.starting", id, node);
    }

    /** A restore that finished: what it put back. */
    public static ActionResult restored(String id, String node, int paths, int replaced, long files, long bytes) {
        return ActionResult.succeeded(Text.of("rollback.restore.done", id, node, Integer.toString(paths),
                Integer.toString(replaced), Long.toString(files), Long.toString(bytes)).english());
    }

    /** A restore the engine refused or that failed on the node (its message in English). */
    public static ActionResult failed(String id, String message) {
        return ActionResult.failed(Text.of("rollback.restore.failed", id, message).english());
    }
}
