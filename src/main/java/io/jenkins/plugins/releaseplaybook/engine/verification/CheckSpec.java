package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.List;

/**
 * A check as one verification runs it: the query rendered for the service and the effective limits
 * (the admin's, as tightened by the job). See {@link EffectiveThresholds}.
 *
 * @param maxErrors consecutive failed queries that make the check ERROR
 * @param adjustments how the job changed the catalogue's limits, in English; empty if it did not
 * @param adjustmentNotes the same, one change a text, for the report in the reader's language
 * @param volumeQuery the rendered query counting the requests behind a ratio, or {@code null} for no traffic guard
 * @param minVolume fewest requests (by {@code volumeQuery}) that make a sample worth judging
 */
public record CheckSpec(
        String name,
        String description,
        String query,
        Direction direction,
        Double limit,
        Double maxChangePercent,
        int failAfter,
        NoDataPolicy noData,
        String unit,
        int maxErrors,
        String adjustments,
        List<Text> adjustmentNotes,
        String volumeQuery,
        double minVolume)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CheckSpec {
        if (failAfter < 1 || maxErrors < 1) {
            throw new IllegalArgumentException("failAfter and maxErrors must be 1 or more");
        }
        adjustmentNotes = adjustmentNotes == null ? List.of() : List.copyOf(adjustmentNotes);
        adjustments = adjustments == null ? Text.list(adjustmentNotes).english() : adjustments;
        volumeQuery = volumeQuery == null || volumeQuery.isBlank() ? null : volumeQuery;
        if (!(minVolume >= 0 && Double.isFinite(minVolume))) {
            throw new IllegalArgumentException("minVolume must be a finite number of 0 or more");
        }
    }

    /** A check without a traffic guard. */
    public CheckSpec(String name, String description, String query, Direction direction, Double limit,
            Double maxChangePercent, int failAfter, NoDataPolicy noData, String unit, int maxErrors, String adjustments,
            List<Text> adjustmentNotes) {
        this(name, description, query, direction, limit, maxChangePercent, failAfter, noData, unit, maxErrors,
                adjustments, adjustmentNotes, null, 0);
    }

    /** This check with a traffic guard: samples of fewer than {@code minVolume} requests are NODATA. */
    public CheckSpec withVolumeGuard(String newVolumeQuery, double newMinVolume) {
        return new CheckSpec(name, description, query, direction, limit, maxChangePercent, failAfter, noData, unit,
                maxErrors, adjustments, adjustmentNotes, newVolumeQuery, newMinVolume);
    }

    /** A check whose adjustments are English text only (or none). */
    public CheckSpec(String name, String description, String query, Direction direction, Double limit,
            Double maxChangePercent, int failAfter, NoDataPolicy noData, String unit, int maxErrors, String adjustments) {
        this(name, description, query, direction, limit, maxChangePercent, failAfter, noData, unit, maxErrors,
                adjustments == null ? "" : adjustments,
                adjustments == null || adjustments.isEmpty() ? List.of() : List.of(Text.literal(adjustments)));
    }

    /** The effective thresholds in words, e.g. {@code <= 1 s, at most 50% above baseline, 2 consecutive}. */
    public String thresholdText() {
        return thresholds().english();
    }

    /** {@link #thresholdText()} as a text for any language. */
    public Text thresholds() {
        Text absolute = limit == null ? null
                : Text.of("verification.threshold.absolute", direction.passingOperator(), Numbers.exactWithUnit(limit, unit));
        Text relative = maxChangePercent == null ? null
                : Text.of("verification.threshold.relative", Numbers.exactPercent(maxChangePercent), CheckJudge.worseWord(direction));
        Text limits = absolute != null && relative != null ? Text.of("verification.threshold.both", absolute, relative)
                : absolute != null ? absolute : relative;
        Text fails = Text.of(failAfter == 1 ? "verification.threshold.failOne" : "verification.threshold.failAfter", failAfter);
        return limits == null ? fails : Text.of("verification.threshold.withFailAfter", limits, fails);
    }
}
