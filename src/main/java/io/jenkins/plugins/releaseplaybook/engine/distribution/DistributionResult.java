package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The whole distribution: one result per target in the spec's order, and whether the success policy was met.
 *
 * @param targets one per target
 * @param artifacts the artifacts distributed (names, sizes, SHA-256)
 * @param requiredSuccesses how many targets had to succeed
 * @param minSuccessPercent the policy as given (100: all)
 * @param millis wall-clock time of the whole distribution
 */
public record DistributionResult(List<TargetResult> targets, List<Artifact> artifacts, int requiredSuccesses,
        double minSuccessPercent, long millis) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DistributionResult {
        targets = List.copyOf(targets);
        artifacts = List.copyOf(artifacts);
    }

    /** Whether enough targets have every artifact in place. */
    public boolean ok() {
        return succeeded() >= requiredSuccesses;
    }

    public int succeeded() {
        return (int) targets.stream().filter(TargetResult::ok).count();
    }

    /** The targets that failed, in order, as written. */
    public List<String> failedTargets() {
        return targets.stream().filter(t -> !t.ok()).map(TargetResult::target).toList();
    }

    /** Bytes sent to all targets. */
    public long bytesSent() {
        return targets.stream().mapToLong(TargetResult::bytes).sum();
    }

    /** Target-and-artifact pairs with the given outcome. */
    public long count(Outcome outcome) {
        return targets.stream().mapToLong(t -> t.count(outcome)).sum();
    }

    /** Fingerprints accepted under trust-on-first-use: {@code target → fingerprint}. */
    public List<String> trustedOnFirstUse() {
        return targets.stream().filter(TargetResult::trustedOnFirstUse)
                .map(t -> t.target() + " " + t.hostKeyFingerprint()).toList();
    }

    /** {@code 12/12 targets, 3 artifacts, 2.1 GiB, 41 s, 4 skipped identical} and, if not ok, the failed targets. */
    public Text summary() {
        Text line = Text.of("distribution.summary", String.valueOf(succeeded()), String.valueOf(targets.size()),
                String.valueOf(artifacts.size()), bytes(bytesSent()), String.format(Locale.ROOT, "%.1f", millis / 1000.0),
                String.valueOf(count(Outcome.SKIPPED_IDENTICAL)));
        if (ok()) {
            return line;
        }
        List<String> failed = failedTargets();
        String listed = String.join(", ", failed.subList(0, Math.min(20, failed.size())))
                + (failed.size() > 20 ? ", …" : "");
        return Text.of("distribution.summary.failed", line, String.valueOf(requiredSuccesses), listed);
    }

    /** Binary units as people read them: {@code 512 B}, {@code 3.2 MiB}, {@code 2.1 GiB}. */
    static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
