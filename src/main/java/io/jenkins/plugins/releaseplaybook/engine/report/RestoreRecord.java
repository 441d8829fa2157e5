package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A restore by {@code releaseRestore}, as the report shows it: which backup, where it went, what it replaced.
 *
 * @param backupId the id of the backup restored
 * @param node the Jenkins node it ran on ({@code built-in} for the controller)
 * @param at when the restore finished
 * @param target {@code null} when every source went back where it was; else the directory it was restored under
 * @param paths the subset of sources asked for; empty for all
 * @param dryRun whether nothing was written (the changes say what would have been)
 * @param restored absolute paths put in place
 * @param replaced those of {@code restored} that existed before and were replaced
 * @param changes for a dry run, each path that would be created, replaced or left, with the reason
 * @param files regular files written
 * @param bytes their bytes
 */
public record RestoreRecord(
        String backupId,
        String node,
        Instant at,
        String target,
        List<String> paths,
        boolean dryRun,
        List<String> restored,
        List<String> replaced,
        List<String> changes,
        long files,
        long bytes)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public RestoreRecord {
        backupId = Bounds.requiredName(backupId, "backupId");
        node = Bounds.name(node);
        target = Bounds.name(target);
        paths = Bounds.texts(paths, "paths", Bounds.NAME);
        restored = Bounds.texts(restored, "restored", Bounds.NAME);
        replaced = Bounds.texts(replaced, "replaced", Bounds.NAME);
        changes = Bounds.texts(changes, "changes", Bounds.TEXT);
    }
}
