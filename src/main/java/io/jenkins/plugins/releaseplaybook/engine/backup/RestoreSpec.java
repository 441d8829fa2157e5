package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What {@code releaseRestore} asked for.
 *
 * @param manifestFile absolute path of the backup's manifest on the node (found with {@link BackupLayout})
 * @param target {@code null} to put every source back where it was; else a directory under which each source's
 *     archive path is restored ({@code <target>/opt/checkout/current/...})
 * @param paths restore only these sources (as the manifest lists them) or entries under them; empty for all
 * @param dryRun verify and list what would change, write nothing
 */
public record RestoreSpec(String manifestFile, String target, List<String> paths, boolean dryRun)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public RestoreSpec {
        Objects.requireNonNull(manifestFile, "manifestFile");
        paths = paths == null ? List.of() : List.copyOf(paths);
    }
}
