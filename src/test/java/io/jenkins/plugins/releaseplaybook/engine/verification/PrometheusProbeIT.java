package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.ProbeResult;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.PrometheusServer;
import java.net.URI;
import java.time.Duration;
import org.junit.ClassRule;
import org.junit.Test;

/** {@link PrometheusProbe} against a real Prometheus. */
public class PrometheusProbeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @ClassRule
    public static final PrometheusServer PROMETHEUS = new PrometheusServer();

    @Test
    public void healthyPrometheusIsOkWithItsVersion() throws Exception {
        URI base = PROMETHEUS.baseUrl();

        ProbeResult result = PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT);

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.endpoint()).isEqualTo(base);
        assertThat(result.message()).isEqualTo("Prometheus " + PROMETHEUS.binaryVersion() + " is healthy at " + base);
    }

    @Test
    public void credentialsAreSentWithoutHarmToAnOpenServer() {
        ProbeResult result = PrometheusProbe.check(PROMETHEUS.baseUrl(), HttpAuth.bearer("unused-token"), TIMEOUT);

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.message()).doesNotContain("unused-token");
    }

    @Test
    public void stoppedPrometheusIsUnreachable() throws Exception {
        PrometheusServer stopped = new PrometheusServer();
        stopped.start();
        URI base = stopped.baseUrl();
        assertThat(PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT).ok()).isTrue();
        stopped.stop();

        ProbeResult result = PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT);

        assertThat(result.ok()).isFalse();
        assertThat(result.endpoint()).isEqualTo(base);
        assertThat(result.message())
                .startsWith("Prometheus health check failed: " + base + "/-/healthy is unreachable")
                .contains("connection refused");
    }

    @Test
    public void closedPortIsUnreachable() {
        URI closed = FreePort.closedUrl();

        ProbeResult result = PrometheusProbe.check(closed, HttpAuth.none(), TIMEOUT);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains(closed + "/-/healthy is unreachable: connection refused");
    }

    @Test
    public void httpsToThePlainHttpPortIsATlsFailure() {
        URI https = URI.create("https://127.0.0.1:" + PROMETHEUS.port());

        ProbeResult result = PrometheusProbe.check(https, HttpAuth.none(), TIMEOUT);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("The TLS handshake with " + https + "/-/healthy failed");
    }

    @Test
    public void wrongPathIsAnHttpError() {
        URI wrong = URI.create(PROMETHEUS.baseUrl() + "/prometheus");

        ProbeResult result = PrometheusProbe.check(wrong, HttpAuth.none(), TIMEOUT);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains(wrong + "/-/healthy answered HTTP 404 (Not Found)");
    }
}
