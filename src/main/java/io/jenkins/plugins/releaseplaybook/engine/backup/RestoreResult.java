package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.Serializable;
import java.util.List;

/**
 * What a restore did (or, for a dry run, would do).
 *
 * @param restored absolute paths put in place, one per restored source (or selected path)
 * @param replaced those of {@code restored} that existed before and were replaced
 * @param changes for a dry run: each path that would be created, replaced or left as it is, with the reason
 * @param files regular files written
 * @param bytes their bytes
 */
public record RestoreResult(
        String backupId,
        List<String> restored,
        List<String> replaced,
        List<String> changes,
        long files,
        long bytes,
        boolean dryRun)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public RestoreResult {
        restored = List.copyOf(restored);
        replaced = List.copyOf(replaced);
        changes = List.copyOf(changes);
    }
}
