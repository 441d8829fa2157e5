package io.jenkins.plugins.releaseplaybook.remote;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupResult;
import java.io.Serializable;

/**
 * What {@link BackupCallable} brings back from the node.
 *
 * @param destination the destination directory as resolved on the node (absolute, in the node's path syntax)
 */
public record NodeBackup(BackupResult result, String destination) implements Serializable {
    private static final long serialVersionUID = 1L;
}
