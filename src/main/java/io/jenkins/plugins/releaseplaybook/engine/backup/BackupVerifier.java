package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.nio.file.Path;

/** Re-reads an archive and checks it against its manifest. Being written. */
public final class BackupVerifier {
    private BackupVerifier() {}

    /**
     * @return the manifest, when the archive's checksum and every entry match it
     * @throws BackupException {@link BackupException.Kind#CORRUPT} naming the first mismatch (entry, expected,
     *     actual), {@link BackupException.Kind#HOSTILE} for an entry no restore may write
     */
    public static BackupManifest verify(Path manifestFile, BackupProgress progress)
            throws BackupException, InterruptedException {
        throw new UnsupportedOperationException("not written yet");
    }
}
