package io.jenkins.plugins.releaseplaybook.engine.distribution;

import java.io.Serializable;

/**
 * The SHA-256 of a file on a target and how it was computed.
 *
 * @param sha256 64 lowercase hex digits
 * @param method {@link #SHA256SUM} or {@link #READ_BACK} (or {@link #LOCAL} for a local directory)
 */
public record RemoteHash(String sha256, String method) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SHA256SUM = "sha256sum";
    public static final String READ_BACK = "read-back";
    public static final String LOCAL = "local";
}
