package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;
import java.time.Instant;

/**
 * One observation of one check.
 *
 * @param value the value judged; {@code null} for NODATA and ERROR
 * @param series which series the value came from when the query returned several (the worst one), else empty
 * @param error why the query failed, for ERROR samples; why there was no data, for NODATA samples
 * @param permanent for ERROR samples: the query itself was rejected (e.g. a PromQL syntax error), so asking
 *     again cannot help
 */
public record Sample(Instant at, SampleOutcome outcome, Double value, String series, String error, boolean permanent)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static Sample error(Instant at, String error) {
        return new Sample(at, SampleOutcome.ERROR, null, "", error, false);
    }

    static Sample rejected(Instant at, String error) {
        return new Sample(at, SampleOutcome.ERROR, null, "", error, true);
    }

    static Sample noData(Instant at, String why) {
        return new Sample(at, SampleOutcome.NODATA, null, "", why, false);
    }

    boolean hasValue() {
        return value != null;
    }
}
