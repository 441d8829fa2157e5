package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.verification.SampleOutcome;
import java.io.Serializable;
import java.time.Instant;

/**
 * One sample of a check.
 *
 * @param value the observed value, {@code null} when there was none (no data, error)
 * @param outcome PASS, FAIL, NODATA or ERROR
 */
public record SamplePoint(Instant at, Double value, SampleOutcome outcome) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SamplePoint {
        Bounds.required(at, "at");
    }
}
