package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * One cell of the distribution matrix: one artifact on one target. Fields added in schema version 4 ({@code millis},
 * {@code verifiedBy}) read as 0 and {@code null} from older reports.
 *
 * @param attempts how many uploads it took (retries included); 0 or 1 when skipped
 * @param message why it failed or was not attempted, {@code null} otherwise
 * @param millis time spent on this artifact on this target, all attempts
 * @param verifiedBy how the SHA-256 on the target was computed ({@code "sha256sum on target"},
 *     {@code "read back over SFTP"}...), {@code null} when it never was
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
    private static final long serialVersionUID = 2L;

    public DistributionRecord {
        target = Bounds.requiredName(target, "target");
        artifact = Bounds.requiredName(artifact, "artifact");
        sha256 = Bounds.name(sha256);
        message = Bounds.text(message);
        verifiedBy = Bounds.name(verifiedBy);
    }

    /** The record of schema version 3, before time and verification were recorded. */
    public DistributionRecord(String target, String artifact, String sha256, long bytes, DistributionOutcome outcome,
            int attempts, String message) {
        this(target, artifact, sha256, bytes, outcome, attempts, message, 0, null);
    }

    /** Reads a record from JSON: {@code millis} may be absent (an older report) and reads as 0. */
    @JsonCreator
    static DistributionRecord fromJson(@JsonProperty("target") String target, @JsonProperty("artifact") String artifact,
            @JsonProperty("sha256") String sha256, @JsonProperty("bytes") long bytes,
            @JsonProperty("outcome") DistributionOutcome outcome, @JsonProperty("attempts") int attempts,
            @JsonProperty("message") String message, @JsonProperty("millis") Long millis,
            @JsonProperty("verifiedBy") String verifiedBy) {
        return new DistributionRecord(target, artifact, sha256, bytes, outcome, attempts, message,
                millis == null ? 0 : millis, verifiedBy);
    }

    /** Whether the artifact is in place on the target (uploaded, or already there). */
    @JsonIgnore
    public boolean inPlace() {
        return outcome == DistributionOutcome.UPLOADED || outcome == DistributionOutcome.SKIPPED_IDENTICAL;
    }

    /** What happened to one artifact on one target. */
    public enum DistributionOutcome {
        /** Uploaded, checksum verified on the target, renamed into place. */
        UPLOADED,
        /** The target already had an identical file. */
        SKIPPED_IDENTICAL,
        FAILED,
        /** Not tried: the target failed before this artifact's turn (connection, login, host key, timeout). */
        NOT_ATTEMPTED
    }
}
