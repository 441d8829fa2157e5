package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.report.SamplePoint.SampleOutcome;
import java.time.Instant;

/**
 * Turns a query's answer into a sample. Empty answers, NaN and infinities are NODATA, never numbers:
 * {@code 0/0} from a service with no traffic must not pass as a healthy error ratio. When a query returns
 * several series, the worst one is judged, so one bad instance cannot hide behind good ones.
 */
final class SampleClassifier {
    private SampleClassifier() {}

    static Sample classify(CheckSpec check, Instant at, QueryResult result) {
        Series worst = null;
        int nonFinite = 0;
        for (Series series : result.series()) {
            if (!Double.isFinite(series.value())) {
                nonFinite++;
            } else if (worst == null || check.direction().breaches(series.value(), worst.value())) {
                worst = series;
            }
        }
        if (worst == null) {
            return Sample.noData(at, result.series().isEmpty() ? "empty result"
                    : nonFinite == 1 ? "value " + result.series().get(0).value() : nonFinite + " series without a finite value");
        }
        double value = worst.value();
        boolean fails = check.limit() != null && check.direction().breaches(value, check.limit());
        String series = result.series().size() > 1 ? worst.describe() : "";
        return new Sample(at, fails ? SampleOutcome.FAIL : SampleOutcome.PASS, value, series, null, false);
    }

    /** A failed query; one that Prometheus rejected as such (bad PromQL) will never succeed. */
    static Sample classify(Instant at, PrometheusException failure) {
        return failure.kind() == PrometheusException.Kind.QUERY_ERROR
                ? Sample.rejected(at, failure.getMessage()) : Sample.error(at, failure.getMessage());
    }
}
