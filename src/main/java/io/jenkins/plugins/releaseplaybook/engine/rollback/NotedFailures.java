package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The verifications that failed inside a body, read back from the build's report when the body ends. The plugin learns
 * of the body's failure only from its callback, and a {@code verifyStability} that failed (and was perhaps caught)
 * must still be the first failure seen and its end the time of detection: the step notes these with
 * {@link RollbackState#noteFailure} before {@link RollbackState#bodyFailed}. Read from the report, so that the answer
 * survives a controller restart.
 */
public final class NotedFailures {
    private NotedFailures() {}

    /**
     * The VERIFY stages that ended FAILURE between {@code bodyStart} and {@code bodyEnd}, in the order they ended: FAIL,
     * or ERROR when the stage's verification says so. Aborted verifications are left out: the body's own end says
     * whether the build was aborted.
     *
     * @param verifications the report's verifications, to tell a FAIL from an ERROR
     */
    public static List<Failure> verifications(List<StageRecord> timeline, List<VerificationRecord> verifications,
            Instant bodyStart, Instant bodyEnd) {
        return timeline.stream()
                .filter(s -> s.kind() == StageKind.VERIFY && s.status() == StageStatus.FAILURE && s.end() != null
                        && !s.start().isBefore(bodyStart) && !s.end().isAfter(bodyEnd))
                .sorted(Comparator.comparing(StageRecord::end))
                .map(s -> Failure.verification(s.name(), errored(s, verifications), firstLine(s.message()), s.end()))
                .toList();
    }

    /** Whether the stage's own verification (same name, sampled within the stage) ended ERROR. */
    private static boolean errored(StageRecord stage, List<VerificationRecord> verifications) {
        return verifications.stream()
                .filter(v -> v.name().equals(stage.name()) && v.start() != null && !v.start().isBefore(stage.start())
                        && (v.end() == null || !v.end().isAfter(stage.end())))
                .reduce((first, second) -> second)
                .map(v -> v.verdict() == Verdict.ERROR).orElse(false);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
