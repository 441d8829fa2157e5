package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;

/**
 * Where a distribution reports as it goes (the build log in the plugin): one call per target as it finishes, and
 * occasional lines (retries). Calls come from worker threads, one at a time.
 */
public interface DistributionProgress {
    DistributionProgress NONE = (result, finished, total) -> {};

    /** A target is done, successfully or not; {@code finished} of {@code total} targets are done now. */
    void targetFinished(TargetResult result, int finished, int total);

    /** Any other line, e.g. a retry; ignored unless overridden. */
    default void report(Text line) {}

    /** The line the plugin prints for a finished target. */
    static Text line(TargetResult result, int finished, int total) {
        if (result.ok()) {
            return Text.of("distribution.progress.ok", String.valueOf(finished), String.valueOf(total), result.target(),
                    String.valueOf(result.count(Outcome.UPLOADED)), String.valueOf(result.count(Outcome.SKIPPED_IDENTICAL)),
                    DistributionResult.bytes(result.bytes()), String.valueOf(result.attempts()),
                    String.format(java.util.Locale.ROOT, "%.1f", result.millis() / 1000.0));
        }
        return Text.of("distribution.progress.failed", String.valueOf(finished), String.valueOf(total), result.target(),
                result.failure() == null ? Text.literal("") : result.failure(), String.valueOf(result.attempts()));
    }
}
