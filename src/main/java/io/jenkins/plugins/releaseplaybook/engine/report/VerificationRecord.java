package io.jenkins.plugins.releaseplaybook.engine.report;

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

    /** A verification watched without a gap. */
    public VerificationRecord(String name, Instant start, Instant end, Verdict verdict, List<CheckRecord> checks) {
        this(name, start, end, verdict, checks, List.of());
    }
}
