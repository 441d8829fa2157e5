package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.report.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a verification: the worst check's verdict, and every check's result.
 *
 * @param stoppedEarly whether a failing check ended the window before its planned end
 */
public record VerificationResult(
        String name, Instant start, Instant end, Verdict verdict, List<CheckResult> checks, int rounds, boolean stoppedEarly)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerificationResult {
        checks = List.copyOf(checks);
    }

    /** FAIL &gt; ERROR &gt; INCONCLUSIVE &gt; PASS over all checks. */
    static Verdict worst(List<CheckResult> checks) {
        return checks.stream().map(CheckResult::verdict).reduce(Verdict.PASS, Verdict::worst);
    }

    public List<CheckResult> checksWith(Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).toList();
    }

    public VerificationRecord toRecord() {
        return new VerificationRecord(name, start, end, verdict, checks.stream().map(CheckResult::toRecord).toList());
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
