package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of a verification: the worst check's verdict, and every check's result.
 *
 * @param rounds how many rounds were sampled
 * @param stoppedEarly whether a failing check (or an abort) ended the window before its planned end
 * @param gaps stretches of the window without samples (a controller restart), oldest first
 */
public record VerificationResult(
        String name, Instant start, Instant end, Verdict verdict, List<CheckResult> checks, int rounds, boolean stoppedEarly,
        List<Gap> gaps)
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

    /**
     * One sentence for the build log and the step's failure message that says why, not only which checks:
     * {@code Verification 'checkout': FAIL: error_ratio 0.032 > 0.01 for 1 consecutive sample (12:00:01)}, or
     * {@code Verification 'checkout': ERROR: http://prometheus:9090/api/v1/query is unreachable: connection refused
     * (checks error_ratio, latency_p99)}. Checks that failed for the same query error are named together; PASS says
     * how many checks passed.
     */
    public String summary() {
        // The worst verdict comes first, so the sentence starts with the verification's own.
        StringBuilder text = new StringBuilder("Verification '" + name + "'");
        if (verdict == Verdict.PASS) {
            text.append(": PASS: all ").append(checks.size()).append(checks.size() == 1 ? " check passed" : " checks passed");
        }
        String separator = ": ";
        for (Verdict bad : List.of(Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE)) {
            List<CheckResult> decided = checksWith(bad);
            if (decided.isEmpty()) {
                continue;
            }
            text.append(separator).append(bad).append(": ");
            separator = "; ";
            Map<String, List<String>> byQueryError = new LinkedHashMap<>();
            List<String> reasons = new ArrayList<>();
            for (CheckResult check : decided) {
                String error = bad == Verdict.ERROR ? lastError(check) : null;
                if (error != null) {
                    byQueryError.computeIfAbsent(error, e -> new ArrayList<>()).add(check.check().name());
                } else {
                    reasons.add(reason(check));
                }
            }
            byQueryError.forEach((error, names) -> reasons.add(error + " (" + (names.size() == 1 ? "check " : "checks ")
                    + String.join(", ", names) + ")"));
            text.append(String.join("; ", reasons));
        }
        if (stoppedEarly) {
            text.append(" (stopped early after ").append(rounds).append(rounds == 1 ? " round)" : " rounds)");
        }
        return text.toString();
    }

    /**
     * The check's name and why, e.g. {@code error_ratio 0.032 > 0.01 for 1 consecutive sample (12:00:01)}: the trail
     * line that decided it, whose description (for people) gives way to the name (what the job wrote).
     */
    private static String reason(CheckResult check) {
        String name = check.check().name();
        String why = check.why();
        String description = check.check().description();
        if (why.isEmpty()) {
            return name;
        }
        return why.startsWith(description) ? name + why.substring(description.length()) : name + ": " + why;
    }

    /**
     * The query error that made a check ERROR (its last failed sample's), without the query when the failure was not
     * about the query (an unreachable server, a timeout, an HTTP error), so that checks failing alike are named once.
     */
    private static String lastError(CheckResult check) {
        List<Sample> samples = check.samples();
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).outcome() == SampleOutcome.ERROR && samples.get(i).error() != null) {
                Matcher transport = QUERY_FAILED.matcher(samples.get(i).error());
                return transport.matches() ? transport.group(1) : samples.get(i).error();
            }
        }
        return null;
    }

    /** How the client words a failure to get any answer: {@code Prometheus query '...' failed: <why>}. */
    private static final Pattern QUERY_FAILED = Pattern.compile("Prometheus query '.*' failed: (.*)", Pattern.DOTALL);
}
