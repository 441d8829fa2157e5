package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the newest {@code keep} backups of a name and removes older ones, except the one just written and any id
 * a running build still references. A backup is unlisted first (its manifest removed), then its archive, so a
 * failure half-way leaves a hidden leftover, never a listed backup without its archive.
 */
public final class Retention {
    private Retention() {}

    /**
     * @param keep how many of the newest to keep, the new one included; 0 keeps all
     * @param justWritten the id written a moment ago: never removed, whatever the clock says
     * @param protectedIds ids never removed
     * @return the ids removed, newest first; a backup that could not be removed is reported through
     *     {@code progress} and kept (the new backup stays valid either way)
     */
    public static List<String> apply(Path destination, String name, int keep, String justWritten,
            Set<String> protectedIds, BackupProgress progress) {
        if (keep <= 0) {
            return List.of();
        }
        List<Path> manifests;
        try {
            manifests = BackupLayout.manifests(destination, name);
        } catch (IOException e) {
            progress.report(Text.of("backup.retention.failed", name, BackupLayout.folder(destination, name),
                    Failures.reason(e)));
            return List.of();
        }
        List<String> deleted = new ArrayList<>();
        int kept = 0;
        for (Path manifest : manifests) {
            String id = BackupLayout.idOf(manifest);
            if (id.equals(justWritten) || kept < keep) {
                kept++;
                continue;
            }
            if (protectedIds.contains(id)) {
                progress.report(Text.of("backup.retention.protected", name, id));
                continue;
            }
            try {
                remove(manifest);
                deleted.add(id);
                progress.report(Text.of("backup.retention.deleted", name, id));
            } catch (IOException e) {
                progress.report(Text.of("backup.retention.failed", name, manifest, Failures.reason(e)));
            }
        }
        return deleted;
    }

    /**
     * The manifest first (unlisted), then the archive: the writer names it {@code <id><extension>}, so the manifest
     * (tens of MB for a tree of 100,000 files) need not be read to find it.
     */
    private static void remove(Path manifest) throws IOException {
        String id = BackupLayout.idOf(manifest);
        Files.delete(manifest);
        for (Compression compression : Compression.values()) {
            Files.deleteIfExists(manifest.resolveSibling(id + compression.extension()));
        }
    }
}
