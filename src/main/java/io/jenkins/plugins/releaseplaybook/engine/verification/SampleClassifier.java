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

    /**
     * A ratio's sample with the number of requests behind it: below the check's minimum the ratio is noise (one error
     * in 80 requests), so the sample is NODATA, never FAIL nor PASS. An empty answer counts as no requests.
     */
    static Sample guardVolume(CheckSpec check, Sample sample, QueryResult volume) {
        double requests = 0;
        for (Series series : volume.series()) {
            if (Double.isFinite(series.value())) {
                requests += series.value();
            }
        }
        if (requests >= check.minVolume()) {
            return sample;
        }
        return Sample.noData(sample.at(), tooLittleTraffic(requests, check.minVolume()));
    }

    /** The NODATA reason of a sample with too little traffic, e.g. {@code too little traffic (37 requests < 100)}. */
    static String tooLittleTraffic(double requests, double minimum) {
        return "too little traffic (" + Math.round(Math.floor(requests)) + " requests < " + Numbers.exact(minimum) + ")";
    }

    /** A failed query; one that Prometheus rejected as such (bad PromQL) will never succeed. */
    static Sample classify(Instant at, PrometheusException failure) {
        return failure.kind() == PrometheusException.Kind.QUERY_ERROR
                ? Sample.rejected(at, failure.getMessage()) : Sample.error(at, failure.getMessage());
    }
}
