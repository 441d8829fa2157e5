package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.util.List;

/**
 * One check of a stability verification: what was asked, what was seen, and why it was judged so.
 *
 * @param threshold the effective limit in words, e.g. {@code <= 0.50 s} (a key with arguments, see {@link TrailLine})
 * @param limit the effective absolute limit as a number, for the chart; {@code null} if none
 * @param observed the value the verdict rests on (the window's median, or the failing value)
 * @param baselineLow lower edge of the baseline band (e.g. its 25th percentile); {@code null} without baseline
 * @param baselineHigh upper edge of the baseline band
 * @param trail the decision trail, one reason a line, each with its English text and its key
 */
public record CheckRecord(
        String name,
        String query,
        TrailLine threshold,
        Double limit,
        Double observed,
        Double baseline,
        Double baselineLow,
        Double baselineHigh,
        Verdict verdict,
        List<SamplePoint> samples,
        List<TrailLine> trail)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CheckRecord {
        samples = Lists.copy(samples);
        trail = Lists.copy(trail);
    }
}
