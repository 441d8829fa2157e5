package io.jenkins.plugins.releaseplaybook.engine.distribution;

/** What happened to one artifact on one target. */
public enum Outcome {
    /** Uploaded, verified on the target, renamed into place. */
    UPLOADED,
    /** A file with the same SHA-256 was already there. */
    SKIPPED_IDENTICAL,
    /** Tried and failed (see the reason). */
    FAILED,
    /** Not tried: the target failed before this artifact's turn (connection, login, host key, timeout). */
    NOT_ATTEMPTED;

    /** Whether the artifact is in place on the target. */
    public boolean isInPlace() {
        return this == UPLOADED || this == SKIPPED_IDENTICAL;
    }
}
