package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A backup taken by {@code releaseBackup}, as the report shows it. Fields added after schema version 2 (excludes,
 * dumps, compression, archiveSize, restoreTested, destination) read as empty, 0 or {@code false} from older reports.
 *
 * @param node the Jenkins node the archive lives on ({@code built-in} for the controller)
 * @param archive the archive's absolute path on that node
 * @param verified whether the archive was read back and matched its manifest after writing
 * @param paths the sources, as absolute paths on the node, in the order they were archived
 * @param excludes the exclusion globs as the job gave them
 * @param dumps the names of the command dumps (never their commands, which may carry secrets)
 * @param compression {@code none}, {@code gzip} or {@code zstd}; {@code null} in older reports
 * @param archiveSize the archive file's size in bytes (compressed)
 * @param restoreTested whether a test restore into a scratch directory matched the manifest
 * @param destination the destination directory the backup was written under; {@code null} in older reports
 */
public record BackupRecord(
        String id,
        String name,
        String node,
        String archive,
        String sha256,
        long files,
        long bytes,
        boolean verified,
        Instant createdAt,
        List<String> paths,
        List<String> excludes,
        List<String> dumps,
        String compression,
        long archiveSize,
        boolean restoreTested,
        String destination)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    public BackupRecord {
        id = Bounds.requiredName(id, "id");
        name = Bounds.name(name);
        node = Bounds.name(node);
        archive = Bounds.name(archive);
        sha256 = Bounds.name(sha256);
        paths = Bounds.texts(paths, "paths", Bounds.NAME);
        excludes = Bounds.texts(excludes, "excludes", Bounds.NAME);
        dumps = Bounds.texts(dumps, "dumps", Bounds.NAME);
        compression = Bounds.name(compression);
        destination = Bounds.name(destination);
    }

    /** The record of schema version 2, before the fields of {@code releaseBackup} itself. */
    public BackupRecord(String id, String name, String node, String archive, String sha256, long files, long bytes,
            boolean verified, Instant createdAt, List<String> paths) {
        this(id, name, node, archive, sha256, files, bytes, verified, createdAt, paths, null, null, null, 0, false,
                null);
    }

    /**
     * Reads a record from JSON: the numbers and flags added in schema version 3 may be absent (an older report), and
     * read as 0 and {@code false}; those of version 2 stay required.
     */
    @JsonCreator
    static BackupRecord fromJson(@JsonProperty("id") String id, @JsonProperty("name") String name,
            @JsonProperty("node") String node, @JsonProperty("archive") String archive,
            @JsonProperty("sha256") String sha256, @JsonProperty("files") long files, @JsonProperty("bytes") long bytes,
            @JsonProperty("verified") boolean verified, @JsonProperty("createdAt") Instant createdAt,
            @JsonProperty("paths") List<String> paths, @JsonProperty("excludes") List<String> excludes,
            @JsonProperty("dumps") List<String> dumps, @JsonProperty("compression") String compression,
            @JsonProperty("archiveSize") Long archiveSize, @JsonProperty("restoreTested") Boolean restoreTested,
            @JsonProperty("destination") String destination) {
        return new BackupRecord(id, name, node, archive, sha256, files, bytes, verified, createdAt, paths, excludes,
                dumps, compression, archiveSize == null ? 0 : archiveSize, Boolean.TRUE.equals(restoreTested),
                destination);
    }

    /**
     * The Pipeline code that restores this backup, to copy into a Jenkinsfile or the script console of a replay:
     * {@code node('web-1') { releaseRestore(id: 'checkout-…', destination: '/var/backups') }}. Written to JSON for
     * readers, ignored when read back (it is derived).
     */
    @JsonProperty(value = "restoreCall", access = JsonProperty.Access.READ_ONLY)
    public String restoreCall() {
        StringBuilder call = new StringBuilder("releaseRestore(id: ").append(GroovyText.quoted(id));
        if (destination != null) {
            call.append(", destination: ").append(GroovyText.quoted(destination));
        }
        call.append(')');
        return node == null ? call.toString() : "node(" + GroovyText.quoted(node) + ") { " + call + " }";
    }
}
