package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A failure of the body, as the plugin describes it: what kind, which step, its message, and when the failing step
 * ended (the time of detection).
 *
 * @param step what failed, for people ({@code sh}, {@code verifyStability 'checkout'}); never {@code null}
 * @param message the failure's own message (its first line is enough); may be empty
 * @param at when the failing step ended: the time of detection
 */
public record Failure(FailureKind kind, String step, String message, Instant at) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        step = step == null || step.isBlank() ? kind.name().toLowerCase(java.util.Locale.ROOT) : step.strip();
        message = message == null ? "" : message.strip();
    }

    public static Failure bodyFailed(String step, String message, Instant at) {
        return new Failure(FailureKind.BODY_FAILED, step, message, at);
    }

    /** A verification that ended FAIL ({@code error} false) or ERROR ({@code error} true). */
    public static Failure verification(String name, boolean error, String summary, Instant at) {
        return new Failure(error ? FailureKind.VERIFICATION_ERROR : FailureKind.VERIFICATION_FAILED,
                "verifyStability '" + name + "'", summary, at);
    }

    /** @param who who aborted, when Jenkins knows; may be {@code null} */
    public static Failure userAbort(String who, Instant at) {
        return new Failure(FailureKind.USER_ABORT, "abort", who == null ? "" : who, at);
    }

    public static Failure timeout(String message, Instant at) {
        return new Failure(FailureKind.TIMEOUT, "timeout", message, at);
    }

    public static Failure other(String step, String message, Instant at) {
        return new Failure(FailureKind.OTHER, step, message, at);
    }

    /**
     * When the body's failure was detected, from the report's timeline: the end of the first {@code verifyStability}
     * or release stage that failed at or after the body's start, else the body's end. For a plugin that learns of the
     * failure only when the body ends (the body's callback), so that a verification that failed earlier is still the
     * time of detection.
     */
    public static Instant detectedAt(List<StageRecord> timeline, Instant bodyStart, Instant bodyEnd) {
        return timeline.stream()
                .filter(s -> (s.kind() == StageKind.VERIFY || s.kind() == StageKind.RELEASE)
                        && (s.status() == StageStatus.FAILURE || s.status() == StageStatus.ABORTED)
                        && s.end() != null && !s.start().isBefore(bodyStart) && !s.end().isAfter(bodyEnd))
                .map(StageRecord::end).min(Comparator.naturalOrder()).orElse(bodyEnd);
    }

    /** What failed, for the build message: {@code verifyStability 'checkout' failed: <message>}. */
    public Text describe() {
        String key = switch (kind) {
            case VERIFICATION_FAILED, VERIFICATION_ERROR, BODY_FAILED, OTHER -> "rollback.failure.failed";
            case USER_ABORT -> "rollback.failure.aborted";
            case TIMEOUT -> "rollback.failure.timeout";
        };
        return message.isEmpty() ? Text.of(key + ".bare", step) : Text.of(key, step, message);
    }
}
