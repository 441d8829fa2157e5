package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One {@code verifyStability} run: its window, its verdict, and its checks. */
public record VerificationRecord(
        String name, Instant start, Instant end, Verdict verdict, List<CheckRecord> checks)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerificationRecord {
        checks = Lists.copy(checks);
    }
}
