package io.jenkins.plugins.releaseplaybook.engine.distribution;

import java.io.Serializable;

/**
 * The SHA-256 of a file on a target and how it was computed.
 *
 * @param sha256 64 lowercase hex digits
 * @param method {@link #SHA256SUM}, {@link #READ_BACK}, {@link #RECORDED} (or {@link #LOCAL} for a local directory)
 */
public record RemoteHash(String sha256, String method) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SHA256SUM = "sha256sum";
    public static final String READ_BACK = "read-back";
    public static final String LOCAL = "local";
    /**
     * Skipped on the record written after the last verified upload: same SHA-256, and the file still has the size and
     * modification time it had then (the quick check rsync makes), so a re-run does not hash every file again.
     */
    public static final String RECORDED = "recorded";
}
