package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.support.KeyedException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Objects;

/**
 * Every failure of the distribution package: what went wrong, where (target, path), and what to do, as a keyed
 * text; {@link #getMessage()} is English. Callers branch on {@link #kind()}, never on the message. Messages never
 * contain credentials.
 */
public class DistributionException extends KeyedException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure; {@link #isTransient()} says whether a retry may help. */
    public enum Kind {
        /** A spec that cannot run: no targets, bad target, bad remote directory, bad glob, bad percentage. */
        INVALID_SPEC(false),
        /** A glob that matched no file, or an artifact file that cannot be read. */
        MISSING_ARTIFACT(false),
        /** The private key cannot be read (format, or wrong passphrase). */
        INVALID_CREDENTIALS(false),
        /** The host name does not resolve. */
        UNKNOWN_HOST(false),
        /** Connection refused or unreachable. */
        CONNECT_FAILED(true),
        /** No answer in time (connect, handshake, or the per-target timeout). */
        TIMEOUT(true),
        /** The connection broke (reset, closed by the peer). */
        CONNECTION_LOST(true),
        /** The host key is not the known one, or unknown where trust-on-first-use is off. Never retried. */
        HOST_KEY_REJECTED(false),
        /** The target refused the credentials. Never retried. */
        AUTH_FAILED(false),
        /** The target refused access to the directory or file. */
        PERMISSION_DENIED(false),
        /** No space left on the target. */
        DISK_FULL(false),
        /** The file on the target does not have the artifact's SHA-256 after the upload. */
        CHECKSUM_MISMATCH(false),
        /** A remote path that would leave the target directory, or a file name that is not one. */
        PATH_REFUSED(false),
        /** Any other failure. */
        IO(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether retrying may help: connection refused, reset, timeouts. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;

    public DistributionException(Kind kind, Text text) {
        this(kind, text, null);
    }

    public DistributionException(Kind kind, Text text, Throwable cause) {
        super(text, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
