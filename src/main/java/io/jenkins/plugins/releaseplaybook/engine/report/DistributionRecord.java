package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;

/**
 * One cell of the distribution matrix: one artifact on one target.
 *
 * @param attempts how many uploads it took (retries included); 0 when skipped
 */
public record DistributionRecord(
        String target,
        String artifact,
        String sha256,
        long bytes,
        DistributionOutcome outcome,
        int attempts,
        String message)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public DistributionRecord {
        target = Bounds.requiredName(target, "target");
        artifact = Bounds.requiredName(artifact, "artifact");
        sha256 = Bounds.name(sha256);
        message = Bounds.text(message);
    }

    /** What happened to one artifact on one target. */
    public enum DistributionOutcome {
        /** Uploaded, checksum verified on the target, renamed into place. */
        UPLOADED,
        /** The target already had an identical file. */
        SKIPPED_IDENTICAL,
        FAILED
    }
}
