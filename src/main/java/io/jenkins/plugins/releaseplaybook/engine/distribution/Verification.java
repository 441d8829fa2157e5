package io.jenkins.plugins.releaseplaybook.engine.distribution;

/** How the SHA-256 of a file on a target is computed. */
public enum Verification {
    /** {@code sha256sum} on the target through an exec channel; reading the file back where that is not allowed. */
    AUTO,
    /** Always read the file back over SFTP and hash it here (for targets without a shell). */
    READ_BACK
}
