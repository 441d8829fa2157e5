package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.verification.CheckResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.Serializable;
import java.util.List;

/**
 * One check of a stability verification: what was asked, what was seen, and why it was judged so.
 *
 * <p>The threshold and the trail are kept twice: in English ({@code threshold}, {@code trail}: plain strings, as API
 * readers and reports of schema 1 have them) and as message keys with arguments ({@code thresholdLine},
 * {@code trailLines}, since schema 2) so that the page shows them in the reader's language. A report without the
 * lines (schema 1) reads them from the English strings, shown as they are in every language.
 *
 * @param threshold the effective limit in words, e.g. {@code <= 0.50 s}, in English
 * @param limit the effective absolute limit as a number, for the chart; {@code null} if none
 * @param observed the value the verdict rests on (the window's median, or the failing value)
 * @param baselineLow lower edge of the baseline band (e.g. its 25th percentile); {@code null} without baseline
 * @param baselineHigh upper edge of the baseline band
 * @param trail the decision trail in English, one reason a line
 * @param thresholdLine {@code threshold} as a key with arguments
 * @param trailLines {@code trail} as keys with arguments, line for line
 */
public record CheckRecord(
        String name,
        String query,
        String threshold,
        Double limit,
        Double observed,
        Double baseline,
        Double baselineLow,
        Double baselineHigh,
        Verdict verdict,
        List<SamplePoint> samples,
        List<String> trail,
        TrailLine thresholdLine,
        List<TrailLine> trailLines)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CheckRecord {
        name = Bounds.name(name);
        query = Bounds.text(query);
        threshold = Bounds.text(threshold);
        samples = Bounds.records(samples, "samples", Bounds.SAMPLES);
        trail = Bounds.withMarker(Bounds.texts(trail, "trail", Bounds.TEXT), "trail", Bounds.TEXTS, Bounds::omitted);
        trailLines = Bounds.withMarker(trailLines, "trailLines", Bounds.TEXTS, n -> TrailLine.plain(Bounds.omitted(n)));
        if (thresholdLine == null || threshold != null && !threshold.equals(thresholdLine.text())) {
            thresholdLine = TrailLine.plain(threshold);
        }
        if (!sameText(trail, trailLines)) {
            // Written without lines (schema 1), or edited by hand: the English text is what the writer meant.
            trailLines = trail.stream().map(TrailLine::plain).toList();
        }
    }

    /** A record whose threshold and trail have no keys (schema 1, tests): shown as written in every language. */
    public CheckRecord(String name, String query, String threshold, Double limit, Double observed, Double baseline,
            Double baselineLow, Double baselineHigh, Verdict verdict, List<SamplePoint> samples, List<String> trail) {
        this(name, query, threshold, limit, observed, baseline, baselineLow, baselineHigh, verdict, samples, trail, null,
                null);
    }

    /** A record from lines with keys; the English strings are their texts. */
    public static CheckRecord of(String name, String query, TrailLine threshold, Double limit, Double observed,
            Double baseline, Double baselineLow, Double baselineHigh, Verdict verdict, List<SamplePoint> samples,
            List<TrailLine> trail) {
        return new CheckRecord(name, query, threshold.text(), limit, observed, baseline, baselineLow, baselineHigh,
                verdict, samples, trail.stream().map(TrailLine::text).toList(), threshold, trail);
    }

    /** What the report keeps of a check's result: its trail and threshold with their keys, its samples, its baseline. */
    public static CheckRecord from(CheckResult result) {
        boolean withBaseline = result.baseline() != null && result.baseline().hasData();
        return of(result.check().description(), result.check().query(), TrailLine.of(result.check().thresholds()),
                result.check().limit(), result.observed(),
                withBaseline ? result.baseline().median() : null,
                withBaseline ? result.baseline().lowerQuartile() : null,
                withBaseline ? result.baseline().upperQuartile() : null,
                result.verdict(),
                result.samples().stream().map(s -> new SamplePoint(s.at(), s.value(), s.outcome())).toList(),
                result.decisions().stream().map(TrailLine::of).toList());
    }

    private static boolean sameText(List<String> trail, List<TrailLine> lines) {
        if (trail.size() != lines.size()) {
            return false;
        }
        for (int i = 0; i < trail.size(); i++) {
            if (!trail.get(i).equals(lines.get(i).text())) {
                return false;
            }
        }
        return true;
    }
}
