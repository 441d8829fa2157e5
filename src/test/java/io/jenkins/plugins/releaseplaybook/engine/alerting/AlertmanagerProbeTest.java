package io.jenkins.plugins.releaseplaybook.engine.alerting;

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
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** {@link AlertmanagerProbe} against answers a real Alertmanager does not give; the real one is in {@link AlertmanagerProbeIT}. */
public class AlertmanagerProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String READY_CLUSTER = "{\"cluster\":{\"name\":\"01H\",\"status\":\"ready\",\"peers\":["
            + "{\"name\":\"a\",\"address\":\"10.0.0.1:9094\"},{\"name\":\"b\",\"address\":\"10.0.0.2:9094\"},"
            + "{\"name\":\"c\",\"address\":\"10.0.0.3:9094\"}]},\"config\":{\"original\":\"route: {}\"},"
            + "\"uptime\":\"2024-01-01T00:00:00Z\",\"versionInfo\":{\"version\":\"0.27.0\",\"revision\":\"x\"}}";

    private HttpServer server;

    @Before
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/ready/api/v2/status", ex -> answer(ex, 200, READY_CLUSTER));
        server.createContext("/malformed/api/v2/status", ex -> answer(ex, 200, "{\"cluster\":{\"status\":\"ready\""));
        server.createContext("/html/api/v2/status", ex -> answer(ex, 200, "<html><body>Grafana</body></html>"));
        server.createContext("/noversion/api/v2/status", ex -> answer(ex, 200, "{\"cluster\":{\"status\":\"ready\"}}"));
        server.createContext("/locked/api/v2/status", ex -> answer(ex, 403, "forbidden"));
        server.start();
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private URI base(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    private ProbeResult checkOne(String name) {
        List<ProbeResult> results = AlertmanagerProbe.check(List.of(base(name)), HttpAuth.none(), TIMEOUT);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    public void readyClusterIsReportedWithItsPeers() {
        assertThat(checkOne("ready"))
                .isEqualTo(ProbeResult.ok(base("ready"), "Alertmanager 0.27.0 at " + base("ready") + " (cluster: ready, 3 peers)"));
    }

    @Test
    public void malformedJsonFailsSayingSo() {
        ProbeResult result = checkOne("malformed");

        assertThat(result.ok()).isFalse();
        assertThat(result.message())
                .startsWith(base("malformed") + "/api/v2/status answered HTTP 200 with malformed JSON at line 1, column ")
                .endsWith("is this URL an Alertmanager (v0.16 or later)?");
        assertThat(checkOne("html").message()).contains("with malformed JSON");
    }

    @Test
    public void jsonWithoutVersionFails() {
        ProbeResult result = checkOne("noversion");

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("has no versionInfo.version");
    }

    @Test
    public void refusedAccessFails() {
        ProbeResult result = checkOne("locked");

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Alertmanager status check failed: " + base("locked")
                + "/api/v2/status answered HTTP 403 (Forbidden)");
    }

    @Test
    public void resultsKeepTheOrderOfTheList() {
        List<URI> urls = List.of(base("locked"), base("ready"), base("malformed"), base("ready/"));

        List<ProbeResult> results = AlertmanagerProbe.check(urls, HttpAuth.none(), TIMEOUT);

        assertThat(results).extracting(ProbeResult::endpoint).containsExactlyElementsOf(urls);
        assertThat(results).extracting(ProbeResult::ok).containsExactly(false, true, false, true);
    }

    @Test
    public void aSharedHttpClientChecksEveryInstanceThroughItsProxy() throws IOException {
        try (ForwardProxy proxy = ForwardProxy.start()) {
            HttpClient shared = HttpProbe.configure(HttpClient.newBuilder().proxy(proxy.selector()), TIMEOUT).build();

            List<ProbeResult> results = AlertmanagerProbe.check(List.of(base("ready"), base("locked")), HttpAuth.none(),
                    TIMEOUT, shared);

            assertThat(results).extracting(ProbeResult::ok).containsExactly(true, false);
            assertThat(proxy.requestLines()).containsExactlyInAnyOrder(
                    "GET " + base("ready") + "/api/v2/status HTTP/1.1", "GET " + base("locked") + "/api/v2/status HTTP/1.1");
        }
    }
}
