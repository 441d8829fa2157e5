package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.nio.file.Path;

/** Restores a verified backup, atomically per path, never outside its target. Being written. */
public final class BackupRestorer {
    private BackupRestorer() {}

    /** Verifies, then restores (or, for a dry run, lists what would change). */
    public static RestoreResult restore(RestoreSpec spec, BackupProgress progress)
            throws BackupException, InterruptedException {
        throw new UnsupportedOperationException("not written yet");
    }

    /**
     * Restores every entry into a fresh directory under {@code scratchParent}, compares the result with the
     * manifest (content, modes, links), then deletes it.
     *
     * @throws BackupException {@link BackupException.Kind#CORRUPT} naming the first difference
     */
    public static void testRestore(Path manifestFile, Path scratchParent, BackupProgress progress)
            throws BackupException, InterruptedException {
        throw new UnsupportedOperationException("not written yet");
    }
}
