package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.util.Set;

/** Writes one backup: archive and manifest, atomically, verified, then retention. Being written. */
public final class BackupWriter {
    private BackupWriter() {}

    /**
     * Writes the backup {@code spec} asks for, verifies it by re-reading, optionally test-restores it, lists it, then
     * applies retention ({@code protectedIds}: ids a running build still references, never deleted).
     *
     * @throws InterruptedException when the thread is interrupted (build aborted); nothing is left listed
     */
    public static BackupResult write(BackupSpec spec, Set<String> protectedIds, BackupProgress progress)
            throws BackupException, InterruptedException {
        throw new UnsupportedOperationException("not written yet");
    }
}
