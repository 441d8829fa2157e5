package io.jenkins.plugins.releaseplaybook.engine.distribution;

/**
 * One logged-in connection to one target, used by one thread (plus {@link #abort()} from another). Paths are
 * already checked ({@link RemotePaths}). Every method throws {@link DistributionException} with a kind, or
 * {@link InterruptedException} when its deadline was stopped.
 */
public interface TargetConnection extends AutoCloseable {

    /** The host key the target presented ({@code ssh-ed25519 SHA256:...}), {@code null} without one. */
    default String hostKeyFingerprint() {
        return null;
    }

    /** Whether the host key was accepted under trust-on-first-use. */
    default boolean trustedOnFirstUse() {
        return false;
    }

    /** Makes sure the directory exists (creating it and its parents if {@code create}) and is a directory. */
    void prepareDirectory(String directory, boolean create) throws DistributionException, InterruptedException;

    /** Size and modification time of a regular file, {@code null} if there is none at that path. */
    RemoteFile stat(String path) throws DistributionException, InterruptedException;

    /** A small text file's content (at most {@code maxBytes}), {@code null} if there is none. */
    String readText(String path, int maxBytes) throws DistributionException, InterruptedException;

    /** Writes a small text file (created or truncated). */
    void writeText(String path, String text) throws DistributionException, InterruptedException;

    /** The SHA-256 of a file, computed on the target where it can be. */
    RemoteHash sha256(String path, long expectedSize) throws DistributionException, InterruptedException;

    /** Writes the artifact's bytes to {@code path} (created or truncated). */
    void upload(Artifact artifact, String path) throws DistributionException, InterruptedException;

    /** Renames {@code from} over {@code to}, atomically where the target can. */
    void rename(String from, String to) throws DistributionException, InterruptedException;

    /** Removes a file; a missing one is fine. */
    void delete(String path) throws DistributionException, InterruptedException;

    /** Breaks the connection at once, from any thread (a stuck target past its timeout). */
    void abort();

    @Override
    void close();
}
