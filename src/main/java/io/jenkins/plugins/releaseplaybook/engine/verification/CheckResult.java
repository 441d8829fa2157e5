package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.report.CheckRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SamplePoint;
import io.jenkins.plugins.releaseplaybook.engine.report.TrailLine;
import io.jenkins.plugins.releaseplaybook.engine.report.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * A check's verdict over the window, with everything the report shows about it.
 *
 * @param observed the failing value for FAIL, else the window's median; {@code null} without any value
 * @param baseline {@code null} when the check has no relative limit
 * @param decisions the decision trail, one reason a line, each a key with arguments (see {@link #trail()})
 */
public record CheckResult(
        CheckSpec check, Verdict verdict, Double observed, Baseline baseline, List<Sample> samples, List<Text> decisions)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CheckResult {
        samples = List.copyOf(samples);
        decisions = List.copyOf(decisions);
    }

    /** The decision trail in English, one reason a line. */
    public List<String> trail() {
        return decisions.stream().map(Text::english).toList();
    }

    /** The decision trail in {@code locale}'s language. */
    public List<String> trail(Locale locale) {
        return decisions.stream().map(t -> t.message(locale)).toList();
    }

    /** The decision trail without the note on how the job changed the thresholds: why it was judged so (English). */
    public List<String> reasons() {
        return reasons(Locale.ROOT);
    }

    /** {@link #reasons()} in {@code locale}'s language. */
    public List<String> reasons(Locale locale) {
        List<String> lines = trail(locale);
        return check.adjustmentNotes().isEmpty() || lines.isEmpty() ? lines : lines.subList(1, lines.size());
    }

    public CheckRecord toRecord() {
        boolean withBaseline = baseline != null && baseline.hasData();
        return CheckRecord.of(check.description(), check.query(), TrailLine.of(check.thresholds()), check.limit(),
                observed,
                withBaseline ? baseline.median() : null,
                withBaseline ? baseline.lowerQuartile() : null,
                withBaseline ? baseline.upperQuartile() : null,
                verdict,
                samples.stream().map(s -> new SamplePoint(s.at(), s.value(), s.outcome())).toList(),
                decisions.stream().map(TrailLine::of).toList());
    }
}
