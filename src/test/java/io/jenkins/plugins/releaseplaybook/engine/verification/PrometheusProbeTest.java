package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpProbe;
import io.jenkins.plugins.releaseplaybook.engine.support.ProbeResult;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.ForwardProxy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.After;
import org.junit.Test;

/** {@link PrometheusProbe} against servers that are not quite Prometheus; the real one is in {@link PrometheusProbeIT}. */
public class PrometheusProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private HttpServer server;

    @After
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int healthStatus, int buildInfoStatus, String buildInfo) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/prom/-/healthy", ex -> answer(ex, healthStatus, "Prometheus Server is Healthy.\n"));
        server.createContext("/prom/api/v1/status/buildinfo", ex -> answer(ex, buildInfoStatus, buildInfo));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prom");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Test
    public void versionComesFromBuildInfoUnderTheBasePath() throws IOException {
        URI base = serve(200, 200, "{\"status\":\"success\",\"data\":{\"version\":\"2.45.3\",\"revision\":\"abc\"}}");

        ProbeResult result = PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT);

        assertThat(result).isEqualTo(ProbeResult.ok(base, "Prometheus 2.45.3 is healthy at " + base));
    }

    @Test
    public void missingBuildInfoStillPassesWithANote() throws IOException {
        URI base = serve(200, 404, "404 page not found\n");

        ProbeResult result = PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT);

        assertThat(result.ok()).isTrue();
        assertThat(result.message()).isEqualTo("Prometheus is healthy at " + base + " (version unknown: " + base
                + "/api/v1/status/buildinfo answered HTTP 404 (Not Found): 404 page not found)");
    }

    @Test
    public void buildInfoThatIsNotJsonStillPassesWithANote() throws IOException {
        URI base = serve(200, 200, "<html>hello</html>");

        ProbeResult result = PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT);

        assertThat(result.ok()).isTrue();
        assertThat(result.message()).startsWith("Prometheus is healthy at " + base + " (version unknown: ")
                .contains("did not answer with Prometheus build information");
    }

    @Test
    public void unhealthyFails() throws IOException {
        URI base = serve(503, 200, "{}");

        ProbeResult result = PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Prometheus health check failed: " + base + "/-/healthy answered HTTP 503");
    }

    @Test
    public void refusedCredentialsFail() throws IOException {
        URI base = serve(401, 401, "");

        ProbeResult result = PrometheusProbe.check(base, HttpAuth.basic("jenkins", "s3cr3t"), TIMEOUT);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("the credentials were refused").doesNotContain("s3cr3t");
    }

    @Test
    public void aSharedHttpClientChecksThroughItsProxy() throws IOException {
        URI base = serve(200, 200, "{\"status\":\"success\",\"data\":{\"version\":\"2.45.3\"}}");
        try (ForwardProxy proxy = ForwardProxy.start()) {
            HttpClient shared = HttpProbe.configure(HttpClient.newBuilder().proxy(proxy.selector()), TIMEOUT).build();

            ProbeResult result = PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT, shared);

            assertThat(result).isEqualTo(ProbeResult.ok(base, "Prometheus 2.45.3 is healthy at " + base));
            assertThat(proxy.requestLines()).containsExactly("GET " + base + "/-/healthy HTTP/1.1",
                    "GET " + base + "/api/v1/status/buildinfo HTTP/1.1");
        }
    }
}
