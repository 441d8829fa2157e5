package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.report.CheckRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SamplePoint;
import io.jenkins.plugins.releaseplaybook.engine.report.Verdict;
import java.io.Serializable;
import java.util.List;

/**
 * A check's verdict over the window, with everything the report shows about it.
 *
 * @param observed the failing value for FAIL, else the window's median; {@code null} without any value
 * @param baseline {@code null} when the check has no relative limit
 * @param trail the decision trail, one reason a line
 */
public record CheckResult(
        CheckSpec check, Verdict verdict, Double observed, Baseline baseline, List<Sample> samples, List<String> trail)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CheckResult {
        samples = List.copyOf(samples);
        trail = List.copyOf(trail);
    }

    /** The decision trail without the note on how the job changed the thresholds: why it was judged so. */
    public List<String> reasons() {
        return check.adjustments().isEmpty() || trail.isEmpty() ? trail : trail.subList(1, trail.size());
    }

    public CheckRecord toRecord() {
        boolean withBaseline = baseline != null && baseline.hasData();
        return new CheckRecord(check.description(), check.query(), check.thresholdText(), check.limit(), observed,
                withBaseline ? baseline.median() : null,
                withBaseline ? baseline.lowerQuartile() : null,
                withBaseline ? baseline.upperQuartile() : null,
                verdict,
                samples.stream().map(s -> new SamplePoint(s.at(), s.value(), s.outcome())).toList(),
                trail);
    }
}
