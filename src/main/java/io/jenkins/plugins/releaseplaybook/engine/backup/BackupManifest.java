package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a backup holds, stored as JSON beside its archive ({@link BackupManifestJson}); the verifier and the
 * restorer trust the archive only as far as it matches this.
 *
 * @param archiveFile the archive's file name in the same directory (never a path)
 * @param archiveSha256 lower-case hex SHA-256 of the archive file as written (compressed bytes)
 * @param archiveSize the archive file's size in bytes
 * @param sources the paths as the job gave them, resolved to absolute paths on the node, in order
 * @param entries every archive entry in archive order
 * @param files regular files and dumps among {@code entries}
 * @param bytes content bytes of those files and dumps (before compression)
 * @param engineVersion the version of the engine that wrote it
 */
public record BackupManifest(
        int schemaVersion,
        String id,
        String name,
        Instant createdAt,
        String host,
        String user,
        Compression compression,
        String archiveFile,
        String archiveSha256,
        long archiveSize,
        List<String> sources,
        List<String> excludes,
        List<DumpSpec> dumps,
        List<ManifestEntry> entries,
        long files,
        long bytes,
        String engineVersion)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int SCHEMA_VERSION = 1;

    public BackupManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(archiveFile, "archiveFile");
        Objects.requireNonNull(archiveSha256, "archiveSha256");
        sources = List.copyOf(sources);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        dumps = dumps == null ? List.of() : List.copyOf(dumps);
        entries = List.copyOf(entries);
    }
}
