package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A backup taken by {@code releaseBackup}, as the report shows it.
 *
 * @param node the Jenkins node the archive lives on
 * @param verified whether the archive was read back and matched its manifest after writing
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
        List<String> paths)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public BackupRecord {
        id = Bounds.requiredName(id, "id");
        name = Bounds.name(name);
        node = Bounds.name(node);
        archive = Bounds.name(archive);
        sha256 = Bounds.name(sha256);
        paths = Bounds.texts(paths, "paths", Bounds.NAME);
    }
}
