package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.Objects;

/**
 * One artifact on one target.
 *
 * @param artifact the artifact's name
 * @param outcome what happened
 * @param bytes bytes sent (0 when skipped)
 * @param attempts upload attempts (1 when skipped: the check)
 * @param millis time spent on it, all attempts
 * @param verifiedBy how the target's SHA-256 was computed ({@code sha256sum} or {@code read-back}), {@code null} if never
 * @param reason why it failed or was not attempted, {@code null} otherwise
 */
public record ArtifactResult(String artifact, Outcome outcome, long bytes, int attempts, long millis, String verifiedBy,
        Text reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ArtifactResult {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(outcome, "outcome");
    }
}
