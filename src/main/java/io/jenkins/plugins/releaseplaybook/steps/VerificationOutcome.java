package io.jenkins.plugins.releaseplaybook.steps;

import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.steps.VerificationRequest.OnInconclusive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a finished verification means for the step: its return value, its failure message, its stage status. */
final class VerificationOutcome {
    private VerificationOutcome() {}

    /**
     * What {@code def result = verifyStability(...)} returns, in plain serializable values:
     * {@code [verdict: 'PASS', summary: '...', checks: [error_ratio: [verdict: 'PASS', observed: 0.002,
     * threshold: '<= 0.01; ...']]]}. {@code observed} is {@code null} for a check without any value.
     */
    static Map<String, Object> toMap(VerificationResult result) {
        Map<String, Object> checks = new LinkedHashMap<>();
        for (CheckResult check : result.checks()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("verdict", check.verdict().name());
            values.put("observed", check.observed());
            values.put("threshold", check.check().thresholdText());
            checks.put(check.check().name(), values);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("verdict", result.verdict().name());
        map.put("summary", result.summary());
        map.put("checks", checks);
        return map;
    }

    /**
     * The summary, then one line for each check with one of the given verdicts: its name and its decision trail
     * (the reasons, in the engine's order; the first is the deciding one for a check that failed outright).
     * The trail's note on the job's threshold changes is left out: the log listed the thresholds before sampling.
     */
    static String explain(VerificationResult result, Verdict... verdicts) {
        StringBuilder text = new StringBuilder(result.summary());
        for (Verdict verdict : verdicts) {
            for (CheckResult check : result.checksWith(verdict)) {
                text.append('\n').append("  ").append(check.check().name()).append(": ").append(reasons(check));
            }
        }
        return text.toString();
    }

    private static String reasons(CheckResult check) {
        List<String> lines = check.reasons(EngineMessages.locale());
        return lines.isEmpty() ? check.verdict().name() : String.join("; ", lines);
    }

    /** The timeline status: what the step did to the build. */
    static StageStatus stageStatus(Verdict verdict, OnInconclusive onInconclusive) {
        return switch (verdict) {
            case PASS -> StageStatus.SUCCESS;
            case FAIL, ERROR -> StageStatus.FAILURE;
            case INCONCLUSIVE -> switch (onInconclusive) {
                case UNSTABLE -> StageStatus.UNSTABLE;
                case FAILURE -> StageStatus.FAILURE;
                case SUCCESS -> StageStatus.SUCCESS;
            };
        };
    }
}
