package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.verification.Gap;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One {@code verifyStability} run: its window, its verdict, and its checks.
 *
 * @param gaps stretches of the window without samples (a controller restart); empty when it was watched throughout.
 *     Reports written before gaps were recorded read as empty.
 */
public record VerificationRecord(
        String name, Instant start, Instant end, Verdict verdict, List<CheckRecord> checks, List<GapRecord> gaps)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerificationRecord {
        name = Bounds.name(name);
        checks = Bounds.records(checks, "checks", Bounds.RECORDS);
        gaps = Bounds.records(gaps, "gaps", Bounds.RECORDS);
    }

    /** What the report keeps of a verification's result. */
    public static VerificationRecord from(VerificationResult result) {
        return new VerificationRecord(result.name(), result.start(), result.end(), result.verdict(),
                result.checks().stream().map(CheckRecord::from).toList(),
                result.gaps().stream().map(VerificationRecord::gap).toList());
    }

    private static GapRecord gap(Gap gap) {
        return new GapRecord(gap.from(), gap.to(), gap.missedRounds(), GapRecord.Cause.valueOf(gap.cause().name()));
    }

    /** A verification watched without a gap. */
    public VerificationRecord(String name, Instant start, Instant end, Verdict verdict, List<CheckRecord> checks) {
        this(name, start, end, verdict, checks, List.of());
    }
}
