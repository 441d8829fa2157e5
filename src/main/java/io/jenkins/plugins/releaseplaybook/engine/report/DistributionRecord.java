package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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
        String message,
        long millis,
        String verifiedBy)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A cell without time and verification method (contract stub; the report helper owns this record). */
    public DistributionRecord(String target, String artifact, String sha256, long bytes, DistributionOutcome outcome,
            int attempts, String message) {
        this(target, artifact, sha256, bytes, outcome, attempts, message, 0, null);
    }

    public DistributionRecord {
        target = Bounds.requiredName(target, "target");
        artifact = Bounds.requiredName(artifact, "artifact");
        sha256 = Bounds.name(sha256);
        message = Bounds.text(message);
        verifiedBy = Bounds.name(verifiedBy);
    }

    /** Reads a cell from JSON: {@code millis} and {@code verifiedBy} may be absent (schema version 3 and older). */
    @JsonCreator
    static DistributionRecord fromJson(@JsonProperty("target") String target, @JsonProperty("artifact") String artifact,
            @JsonProperty("sha256") String sha256, @JsonProperty("bytes") long bytes,
            @JsonProperty("outcome") DistributionOutcome outcome, @JsonProperty("attempts") int attempts,
            @JsonProperty("message") String message, @JsonProperty("millis") Long millis,
            @JsonProperty("verifiedBy") String verifiedBy) {
        return new DistributionRecord(target, artifact, sha256, bytes, outcome, attempts, message,
                millis == null ? 0 : millis, verifiedBy);
    }

    /** What happened to one artifact on one target. */
    public enum DistributionOutcome {
        /** Uploaded, checksum verified on the target, renamed into place. */
        UPLOADED,
        /** The target already had an identical file. */
        SKIPPED_IDENTICAL,
        FAILED,
        /** Not tried: the target failed before this artifact's turn. */
        NOT_ATTEMPTED
    }
}
