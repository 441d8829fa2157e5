package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.report.GapRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a verification: the worst check's verdict, and every check's result.
 *
 * @param rounds how many rounds were sampled
 * @param stoppedEarly whether a failing check (or an abort) ended the window before its planned end
 * @param gaps stretches of the window without samples (a controller restart), oldest first
 */
public record VerificationResult(
        String name, Instant start, Instant end, Verdict verdict, List<CheckResult> checks, int rounds, boolean stoppedEarly,
        List<GapRecord> gaps)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerificationResult {
        checks = List.copyOf(checks);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
    }

    /** A verification watched without a gap. */
    public VerificationResult(
            String name, Instant start, Instant end, Verdict verdict, List<CheckResult> checks, int rounds, boolean stoppedEarly) {
        this(name, start, end, verdict, checks, rounds, stoppedEarly, List.of());
    }

    /** FAIL &gt; ERROR &gt; INCONCLUSIVE &gt; PASS over all checks. */
    static Verdict worst(List<CheckResult> checks) {
        return checks.stream().map(CheckResult::verdict).reduce(Verdict.PASS, Verdict::worst);
    }

    public List<CheckResult> checksWith(Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).toList();
    }

    public VerificationRecord toRecord() {
        return new VerificationRecord(name, start, end, verdict, checks.stream().map(CheckResult::toRecord).toList(), gaps);
    }

    /** One sentence for the build log and the step's failure message, naming the checks that decided it. */
    public String summary() {
        StringBuilder text = new StringBuilder("Verification '" + name + "': " + verdict);
        for (Verdict bad : List.of(Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE)) {
            List<CheckResult> decided = checksWith(bad);
            if (!decided.isEmpty()) {
                text.append("; ").append(bad).append(": ").append(String.join(", ",
                        decided.stream().map(c -> c.check().name()).toList()));
            }
        }
        if (stoppedEarly) {
            text.append(" (stopped early after ").append(rounds).append(rounds == 1 ? " round)" : " rounds)");
        }
        return text.toString();
    }
}
