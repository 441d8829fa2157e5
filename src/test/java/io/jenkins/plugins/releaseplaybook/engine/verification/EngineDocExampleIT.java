package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.MetricsEndpoint;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.PrometheusServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The verification example of {@code docs/engine.md}, run as it is written there against a real Prometheus that
 * scrapes a "checkout" service with node metrics and a {@code build_info}. {@link EngineDocTest} keeps the text of
 * the documentation and the method below the same.
 */
public class EngineDocExampleIT {
    @ClassRule
    public static final MetricsEndpoint SERVICE = new MetricsEndpoint();

    @ClassRule
    public static final PrometheusServer PROMETHEUS = new PrometheusServer();

    @BeforeClass
    public static void scrapeTheService() throws Exception {
        Map<String, String> checkout = Map.of("service", "checkout");
        SERVICE.type("node_load1", "gauge").set("node_load1", checkout, 0.5);
        SERVICE.type("node_cpu_seconds_total", "counter");
        SERVICE.set("node_cpu_seconds_total", Map.of("service", "checkout", "cpu", "0", "mode", "idle"), 100);
        SERVICE.set("node_cpu_seconds_total", Map.of("service", "checkout", "cpu", "1", "mode", "idle"), 100);
        SERVICE.type("node_memory_MemAvailable_bytes", "gauge").set("node_memory_MemAvailable_bytes", checkout, 6e9);
        SERVICE.type("node_memory_MemTotal_bytes", "gauge").set("node_memory_MemTotal_bytes", checkout, 8e9);
        SERVICE.type("build_info", "gauge");
        SERVICE.set("build_info", Map.of("service", "checkout", "pod", "a", "version", "1.4.2"), 1);
        SERVICE.set("build_info", Map.of("service", "checkout", "pod", "b", "version", "1.4.2"), 1);
        PROMETHEUS.scrape("checkout", SERVICE.metricsUrl(), Duration.ofSeconds(1));
        PrometheusClient client = new PrometheusClient(PROMETHEUS.baseUrl(), HttpAuth.none(), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.query("count(build_info{service=\"checkout\"})", Instant.now()).series().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not scrape the service within 30 s");
            }
            Thread.sleep(200); // the next one-second scrape, bounded by the deadline
        }
    }

    @Test
    public void theDocumentedVerificationRunsAndSaysWhy() throws Exception {
        VerificationResult result = verifyCheckout(PROMETHEUS.baseUrl(), Instant.now(), Duration.ofSeconds(3),
                Duration.ofSeconds(1));

        assertThat(result.checks()).extracting(c -> c.check().name())
                .containsExactly("load_per_core", "memory_available_ratio", "deployed_version");
        assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.PASS);
        assertThat(result.summary()).isEqualTo("Verification 'checkout': PASS: all 3 checks passed");
    }

    @Test
    public void anUnreachablePrometheusIsAnErrorThatSaysWhere() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:1");

        VerificationResult result = verifyCheckout(nobody, Instant.now(), Duration.ofSeconds(3), Duration.ofMillis(500));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.summary()).as("one cause, named once, with the checks it stopped")
                .startsWith("Verification 'checkout': ERROR: http://127.0.0.1:1/api/v1/query is unreachable: connection"
                        + " refused").endsWith("(checks load_per_core, memory_available_ratio, deployed_version)"
                        + " (stopped early after 3 rounds)");
    }

    // BEGIN docs/engine.md example (EngineDocTest keeps this block and the documentation the same)
    static VerificationResult verifyCheckout(URI prometheusUrl, Instant releaseStart, Duration window, Duration every)
            throws VerificationException {
        QueryPort prometheus = new PrometheusClient(prometheusUrl, HttpAuth.none(), Duration.ofSeconds(10));
        List<CheckSpec> checks = new EffectiveThresholds(CheckCatalogue.builtIn(),
                EffectiveThresholds.AdminSettings.defaults())
                .resolve(List.of("load_per_core", "memory_available_ratio", "deployed_version"), List.of(),
                        EffectiveThresholds.JobOverrides.none(), CheckCatalogue.selectorFor("checkout"), "1.4.2");
        VerificationSpec spec = VerificationSpec.builder("checkout").checks(checks)
                .duration(window).interval(every).baseline(releaseStart, window).build();
        VerificationResult result = new StabilityVerifier(prometheus, Clock.systemUTC(), Sleeper.system(),
                System.out::println).verify(spec);
        System.out.println(result.summary()); // Verification 'checkout': PASS: all 3 checks passed
        return result;
    }
    // END docs/engine.md example
}
