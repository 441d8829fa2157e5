package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One target: every artifact in place or not, how often it was tried, and the host key it presented.
 *
 * @param target the target as written ({@code user@host:port})
 * @param ok whether every artifact is in place
 * @param attempts connections tried (1 without retries)
 * @param millis time spent on the target, retries and pauses included
 * @param hostKeyFingerprint the presented host key ({@code ssh-ed25519 SHA256:...}), {@code null} if none was seen
 * @param trustedOnFirstUse the host was not in the known hosts and its key was accepted under trust-on-first-use
 * @param failureKind why the target failed, {@code null} when ok
 * @param failure the message, {@code null} when ok
 * @param artifacts one result per artifact, in the artifact set's order
 */
public record TargetResult(String target, boolean ok, int attempts, long millis, String hostKeyFingerprint,
        boolean trustedOnFirstUse, DistributionException.Kind failureKind, Text failure, List<ArtifactResult> artifacts)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TargetResult {
        Objects.requireNonNull(target, "target");
        artifacts = List.copyOf(artifacts);
    }

    public long bytes() {
        return artifacts.stream().mapToLong(ArtifactResult::bytes).sum();
    }

    public long count(Outcome outcome) {
        return artifacts.stream().filter(a -> a.outcome() == outcome).count();
    }
}
