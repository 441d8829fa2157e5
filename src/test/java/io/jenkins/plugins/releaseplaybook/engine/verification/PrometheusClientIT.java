package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpProbe;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.ForwardProxy;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.MetricsEndpoint;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.PrometheusServer;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationException.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/** {@link PrometheusClient} against a real Prometheus that scrapes a {@link MetricsEndpoint} every second. */
public class PrometheusClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    /** How long to wait for a value to be scraped: a few scrape intervals, plus the configuration reload. */
    private static final Duration SCRAPE_DEADLINE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String JOB = "checkout";
    private static final String METRIC = "checkout_error_ratio";
    private static final String SELECTOR = METRIC + "{job=\"" + JOB + "\", service=\"checkout\"}";
    /** A series of its own for the range query, whose value that test changes. */
    private static final Map<String, String> CHANGING = Map.of("service", "payments");

    @ClassRule
    public static final MetricsEndpoint SERVICE = new MetricsEndpoint();

    @ClassRule
    public static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static PrometheusClient client;
    /** When the test class started, before any sample was scraped. */
    private static Instant classStart;

    @BeforeClass
    public static void scrapeTheService() throws Exception {
        classStart = Instant.now();
        SERVICE.type(METRIC, "gauge").set(METRIC, Map.of("service", "checkout"), 0.5).set(METRIC, CHANGING, 0.5);
        PROMETHEUS.scrape(JOB, SERVICE.metricsUrl(), SCRAPE_INTERVAL);
        client = new PrometheusClient(PROMETHEUS.baseUrl(), HttpAuth.none(), TIMEOUT);
    }

    @Test
    public void instantQueryReturnsTheServedValue() throws Exception {
        QueryResult result = awaitValue(SELECTOR, 0.5).result();

        assertThat(result.query()).isEqualTo(SELECTOR);
        assertThat(result.warnings()).isEmpty();
        assertThat(result.series()).hasSize(1);
        Series series = result.series().get(0);
        assertThat(series.value()).isEqualTo(0.5);
        assertThat(series.labels()).containsEntry("__name__", METRIC).containsEntry("job", JOB)
                .containsEntry("service", "checkout").containsKey("instance");
        assertThat(series.describe()).startsWith(METRIC + "{instance=\"127.0.0.1:").endsWith("\", job=\"checkout\", service=\"checkout\"}");
    }

    @Test
    public void rangeQueryReturnsTheValuesOverTheWindow() throws Exception {
        String query = "max(" + METRIC + "{job=\"" + JOB + "\", service=\"payments\"})";
        awaitValue(query, 0.5);
        SERVICE.set(METRIC, CHANGING, 0.75);
        // The range ends exactly where an instant query saw the new value, so its last point sees it too.
        Instant end = awaitValue(query, 0.75).at();
        Duration step = Duration.ofMillis(250);
        Instant start = end.minus(step.multipliedBy(Duration.between(classStart, end).toMillis() / step.toMillis() + 1));

        RangeResult result = client.queryRange(query, start, end, step);

        assertThat(result.query()).isEqualTo(query);
        assertThat(result.series()).hasSize(1);
        RangeSeries series = result.series().get(0);
        assertThat(series.labels()).isEmpty();
        List<TimedValue> values = series.values();
        assertThat(values).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < values.size(); i++) {
            assertThat(Duration.between(values.get(i - 1).at(), values.get(i).at()).toMillis() % 250)
                    .as("points lie on the 250 ms step grid").isZero();
            assertThat(values.get(i).at()).isAfter(values.get(i - 1).at());
        }
        assertThat(values.get(0).at()).isAfterOrEqualTo(start);
        assertThat(values.get(values.size() - 1).at()).isEqualTo(end);
        assertThat(values).extracting(TimedValue::value).contains(0.5, 0.75);
        assertThat(values.get(values.size() - 1).value()).isEqualTo(0.75);
    }

    @Test
    public void zeroDividedByZeroIsNaNAndKept() throws Exception {
        QueryResult result = client.query("vector(0) / 0", Instant.now());

        assertThat(result.series()).hasSize(1);
        assertThat(result.series().get(0).labels()).isEmpty();
        assertThat(result.series().get(0).value()).isNaN();
    }

    @Test
    public void scalarResultIsOneSeriesWithoutLabels() throws Exception {
        QueryResult result = client.query("-1 / 0", Instant.now());

        assertThat(result.series()).containsExactly(new Series(Map.of(), Double.NEGATIVE_INFINITY));
    }

    @Test
    public void queryWithoutMatchIsEmpty() throws Exception {
        QueryResult result = client.query("release_playbook_no_such_metric{job=\"none\"}", Instant.now());

        assertThat(result.series()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    public void syntaxErrorIsAQueryErrorQuotingQueryAndPrometheus() {
        String query = "rate(http_requests_total[5m]";

        VerificationException e = catchThrowableOfType(VerificationException.class, () -> client.query(query, Instant.now()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_QUERY);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.query()).isEqualTo(query);
        assertThat(e.errorType()).contains("bad_data");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage())
                .startsWith("PromQL error in 'rate(http_requests_total[5m]': ")
                .contains("parse error: unclosed left parenthesis")
                .endsWith("(reported by Prometheus at " + PROMETHEUS.baseUrl() + "/api/v1/query)");
    }

    @Test
    public void executionErrorIsAPrometheusErrorThatIsNotRetried() {
        String query = "vector(1) * on() (label_replace(vector(1), \"a\", \"1\", \"\", \"\")"
                + " or label_replace(vector(1), \"a\", \"2\", \"\", \"\"))";

        VerificationException e = catchThrowableOfType(VerificationException.class, () -> client.query(query, Instant.now()));

        assertThat(e.kind()).isEqualTo(Kind.PROMETHEUS_ERROR);
        assertThat(e.errorType()).contains("execution");
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("(error type 'execution', HTTP 422)").contains("many-to-many matching not allowed");
    }

    @Test
    public void rangeSelectorInAnInstantQueryIsAnUnexpectedResultType() {
        VerificationException e = catchThrowableOfType(VerificationException.class,
                () -> client.query(SELECTOR + "[1m]", Instant.now()));

        assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_RESULT);
        assertThat(e.getMessage()).contains("returned a range vector (result type 'matrix')");
    }

    @Test
    public void stoppedPrometheusIsUnreachableAndRetryable() throws Exception {
        PrometheusServer stopped = new PrometheusServer();
        stopped.start();
        URI base = stopped.baseUrl();
        PrometheusClient toStopped = new PrometheusClient(base, HttpAuth.none(), TIMEOUT);
        try {
            assertThat(toStopped.query("vector(1)", Instant.now()).series()).containsExactly(new Series(Map.of(), 1));
        } finally {
            stopped.stop();
        }

        VerificationException e = catchThrowableOfType(VerificationException.class, () -> toStopped.query("vector(1)", Instant.now()));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Prometheus query 'vector(1)' failed: " + base + "/api/v1/query is"
                + " unreachable: connection refused; check that the server is running and that the host and port are right");
    }

    /** An instant query's result and the time it was evaluated at. */
    @Test
    public void aSharedClientWithAProxyReachesPrometheusThroughTheProxy() throws Exception {
        awaitValue(SELECTOR, 0.5);
        try (ForwardProxy proxy = ForwardProxy.start()) {
            HttpClient shared = HttpProbe.configure(HttpClient.newBuilder().proxy(proxy.selector()), TIMEOUT).build();
            PrometheusClient proxied = new PrometheusClient(PROMETHEUS.baseUrl(), HttpAuth.none(), TIMEOUT, shared);

            QueryResult result = proxied.query(SELECTOR, Instant.now());

            assertThat(result.series()).singleElement().satisfies(series -> assertThat(series.value()).isEqualTo(0.5));
            assertThat(PrometheusProbe.check(PROMETHEUS.baseUrl(), HttpAuth.none(), TIMEOUT, shared).ok()).isTrue();
            assertThat(proxy.requestLines()).hasSize(3).allMatch(line -> line.contains(PROMETHEUS.baseUrl().toString()));
            assertThat(proxy.failures()).isEmpty();
        }
    }

    private record Seen(Instant at, QueryResult result) {}

    /**
     * Polls the instant query until it returns exactly one series with {@code expected}: the value
     * needs a scrape (and, at first, the configuration reload) to reach Prometheus. Fails with the
     * last result after a bounded deadline.
     */
    private static Seen awaitValue(String query, double expected) throws Exception {
        long deadline = System.nanoTime() + SCRAPE_DEADLINE.toNanos();
        QueryResult last;
        do {
            // Prometheus reports times in milliseconds
            Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
            last = client.query(query, at);
            if (last.series().size() == 1 && last.series().get(0).value() == expected) {
                return new Seen(at, last);
            }
            Thread.sleep(POLL.toMillis()); // poll interval while waiting for the next scrape
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Prometheus did not return " + expected + " for " + query + " within "
                + SCRAPE_DEADLINE.toSeconds() + " s; last result: " + last.series() + "; scrapes so far: "
                + SERVICE.scrapeCount() + "\n" + PROMETHEUS.logTail());
    }
}
