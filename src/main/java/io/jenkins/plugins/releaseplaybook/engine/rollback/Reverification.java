package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * How the re-verification after the actions went.
 *
 * @param verdict {@code null} when it did not run ({@link Status#SKIPPED}) or was aborted before a verdict
 * @param summary the verification's one-sentence summary, or why it did not run
 */
public record Reverification(Status status, Verdict verdict, Instant start, Instant end, String summary)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether recovery was confirmed. */
    public enum Status {
        /** The verdict was PASS: recovery confirmed. */
        PASSED,
        /** Any other verdict: recovery not confirmed. */
        FAILED,
        /** The body ran no {@code verifyStability} whose checks could be repeated, or the rollback stopped before. */
        SKIPPED,
        /** The build was aborted during the re-verification. */
        ABORTED
    }

    public Reverification {
        Objects.requireNonNull(status, "status");
        summary = summary == null ? "" : summary;
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
