package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One point of a range query's series: the evaluation time and the value, exactly as Prometheus
 * returned it ({@code NaN} and the infinities kept).
 *
 * @param at the evaluation time (Prometheus reports milliseconds)
 * @param value the sample value
 */
public record TimedValue(Instant at, double value) implements Serializable {

    private static final long serialVersionUID = 1L;

    public TimedValue {
        Objects.requireNonNull(at, "at");
    }
}
