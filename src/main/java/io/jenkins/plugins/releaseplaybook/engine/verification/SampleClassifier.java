package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;

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

    /** The NODATA reason of a sample whose presence query found no series (or 0). */
    static final String SERIES_ABSENT = "series absent";

    /** Whether a presence query's answer says the raw series are gone: no series, or none above 0. */
    static boolean absent(QueryResult presence) {
        return presence.series().stream().noneMatch(s -> Double.isFinite(s.value()) && s.value() > 0);
    }

    /**
     * A deployed-version check's sample: the number of instances (series) whose version label differs from the
     * expected version, a failure when there is any, e.g. {@code 2 of 5 instances still report another version (1.4.1)}.
     * No series is NODATA: nobody reports a version.
     */
    static Sample classifyVersions(CheckSpec check, Instant at, QueryResult result) {
        if (result.series().isEmpty()) {
            return Sample.noData(at, "empty result");
        }
        SortedSet<String> others = new TreeSet<>();
        int other = 0;
        for (Series series : result.series()) {
            String version = series.labels().getOrDefault(check.versionLabel(), "");
            if (!version.equals(check.expectedVersion())) {
                other++;
                others.add(version.isEmpty() ? "no " + check.versionLabel() + " label" : version);
            }
        }
        if (other == 0) {
            return new Sample(at, SampleOutcome.PASS, 0.0, allOnVersion(result.series().size(), check.expectedVersion()),
                    null, false);
        }
        return new Sample(at, SampleOutcome.FAIL, (double) other,
                otherVersions(other, result.series().size(), String.join(", ", others)), null, false);
    }

    /** {@code 2 of 5 instances still report another version (1.4.1)}: what a failing version sample says. */
    static String otherVersions(int other, int total, String versions) {
        return other + " of " + total + " instances still report another version (" + versions + ")";
    }

    /** {@code all 5 instances report 1.4.2}: what a passing version sample says. */
    static String allOnVersion(int total, String version) {
        return "all " + total + " instances report " + version;
    }

    /** A failed query; one that Prometheus rejected as such (bad PromQL) will never succeed. */
    static Sample classify(Instant at, VerificationException failure) {
        return failure.kind() == VerificationException.Kind.BAD_QUERY
                ? Sample.rejected(at, failure.getMessage()) : Sample.error(at, failure.getMessage());
    }
}
