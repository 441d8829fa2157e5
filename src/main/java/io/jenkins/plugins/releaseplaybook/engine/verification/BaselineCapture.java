package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a check's values over the window before the release with one range query. Where the query
 * returns several series, each timestamp keeps the worst value, as live samples do.
 */
final class BaselineCapture {
    /** Prometheus refuses range queries of more than 11,000 points; stay well below. */
    static final int MAX_POINTS = 10_000;

    private BaselineCapture() {}

    static Baseline capture(QueryPort prometheus, CheckSpec check, Instant releaseStart, Duration window, Duration interval)
            throws InterruptedException {
        Instant from = releaseStart.minus(window);
        Duration step = interval;
        if (window.toMillis() / Math.max(1, step.toMillis()) > MAX_POINTS) {
            step = Duration.ofMillis(window.toMillis() / MAX_POINTS + 1);
        }
        RangeResult result;
        Duration rangeStep = step;
        try {
            // Retried as live samples are: one transient 5xx or timeout must not lose the whole baseline.
            result = VerificationSession.retried(() -> prometheus.queryRange(check.query(), from, releaseStart, rangeStep));
        } catch (VerificationException e) {
            return Baseline.missing(from, releaseStart, "the baseline query failed: " + e.getMessage());
        }
        Map<Instant, Double> worst = new TreeMap<>();
        for (RangeSeries series : result.series()) {
            for (TimedValue point : series.values()) {
                if (Double.isFinite(point.value())) {
                    worst.merge(point.at(), point.value(),
                            (a, b) -> check.direction().breaches(b, a) ? b : a);
                }
            }
        }
        return Baseline.of(from, releaseStart, worst.values().stream().mapToDouble(Double::doubleValue).toArray());
    }
}
