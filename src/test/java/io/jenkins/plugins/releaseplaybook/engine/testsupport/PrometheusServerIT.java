package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;

/** The fixtures themselves: a real Prometheus scrapes the {@link MetricsEndpoint} and sees its values change. */
public class PrometheusServerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(200);

    @ClassRule
    public static final MetricsEndpoint SERVICE = new MetricsEndpoint();

    @ClassRule
    public static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    public void scrapesTheMetricsEndpointAndSeesValuesChange() throws Exception {
        SERVICE.type("checkout_requests_errors_ratio", "gauge")
                .set("checkout_requests_errors_ratio", Map.of("service", "checkout"), 0.001);
        PROMETHEUS.scrape("checkout", SERVICE.metricsUrl(), Duration.ofSeconds(1));

        assertThat(awaitValue("checkout_requests_errors_ratio{service=\"checkout\",job=\"checkout\"}", 0.001)).isEqualTo(0.001);

        SERVICE.set("checkout_requests_errors_ratio", Map.of("service", "checkout"), 0.25);

        assertThat(awaitValue("checkout_requests_errors_ratio{service=\"checkout\"}", 0.25)).isEqualTo(0.25);
        assertThat(SERVICE.scrapeCount()).isGreaterThanOrEqualTo(2);
    }

    @Test
    public void exposesTextFormatWithEscapedLabels() {
        MetricsEndpoint endpoint = new MetricsEndpoint();
        endpoint.type("m", "gauge").set("m", Map.of("path", "a\"b\\c\nd"), Double.NaN).set("n", Double.POSITIVE_INFINITY);

        assertThat(endpoint.exposition()).isEqualTo("# TYPE m gauge\nm{path=\"a\\\"b\\\\c\\nd\"} NaN\nn +Inf\n");
        assertThatThrownBy(() -> endpoint.set("bad-name", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void runsIsolatedOnLoopbackInItsTemporaryDirectory() throws Exception {
        Path directory = PROMETHEUS.directory();
        assertThat(directory.resolve("prometheus.yml")).exists();
        assertThat(directory.resolve("data")).isDirectory();
        assertThat(PROMETHEUS.logFile()).startsWith(directory);
        assertThat(Files.readString(PROMETHEUS.logFile())).contains("address=127.0.0.1:" + PROMETHEUS.port());
    }

    /** Polls the instant query until it returns {@code expected}, up to a deadline; returns the last value seen. */
    private double awaitValue(String query, double expected) throws Exception {
        URI uri = URI.create(PROMETHEUS.baseUrl() + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode result = json.readTree(response.body()).path("data").path("result");
            if (result.size() == 1) {
                last = Double.parseDouble(result.get(0).path("value").get(1).asText());
                if (last == expected) {
                    return last;
                }
            }
            Thread.sleep(POLL.toMillis()); // poll interval while waiting for the next scrape
        }
        return last;
    }
}
