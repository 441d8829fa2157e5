package io.jenkins.plugins.releaseplaybook.remote;

import io.jenkins.plugins.releaseplaybook.engine.backup.RestoreResult;
import java.io.Serializable;

/**
 * What {@link RestoreCallable} brings back from the node.
 *
 * @param manifestFile the manifest of the backup that was restored, as found on the node
 * @param target the restore target as resolved on the node, {@code null} for every source's own place
 */
public record NodeRestore(RestoreResult result, String manifestFile, String target) implements Serializable {
    private static final long serialVersionUID = 1L;
}
