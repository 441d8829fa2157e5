package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.Serializable;
import java.util.List;

/**
 * What a written backup is; small and serializable, so it crosses back from an agent.
 *
 * @param archive absolute path of the archive on the node
 * @param manifestFile absolute path of its manifest on the node
 * @param sha256 the archive file's SHA-256
 * @param files regular files and dumps archived
 * @param bytes their content bytes (before compression)
 * @param archiveSize the archive's size on disk
 * @param verified always true for a result: a backup that fails verification is not listed and throws
 * @param restoreTested whether a test restore into a scratch directory matched the manifest
 * @param deleted ids of older backups of the same name that retention removed
 */
public record BackupResult(
        String id,
        String name,
        String archive,
        String manifestFile,
        String sha256,
        long files,
        long bytes,
        long archiveSize,
        Compression compression,
        boolean verified,
        boolean restoreTested,
        List<String> sources,
        List<String> deleted)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public BackupResult {
        sources = List.copyOf(sources);
        deleted = List.copyOf(deleted);
    }
}
