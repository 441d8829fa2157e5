package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.ProbeResult;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.ForwardProxy;
import io.jenkins.plugins.releaseplaybook.engine.verification.PrometheusProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** {@link HttpClients} with Jenkins' real proxy settings and a real forward proxy on loopback. */
public class HttpClientsITest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private HttpServer prometheus;

    @Before
    public void startPrometheusLookalike() throws IOException {
        prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        prometheus.createContext("/-/healthy", ex -> answer(ex, "Prometheus Server is Healthy.\n"));
        prometheus.createContext("/api/v1/status/buildinfo",
                ex -> answer(ex, "{\"status\":\"success\",\"data\":{\"version\":\"2.53.0\"}}"));
        prometheus.start();
    }

    @After
    public void stop() {
        prometheus.stop(0);
        r.jenkins.proxy = null;
    }

    @Test
    public void oneClientPerTimeoutUntilTheProxySettingsChange() {
        HttpClient direct = HttpClients.get(TIMEOUT);

        assertThat(HttpClients.get(TIMEOUT)).as("shared, not rebuilt per call").isSameAs(direct);
        assertThat(HttpClients.get(Duration.ofSeconds(7))).isNotSameAs(direct);
        assertThat(direct.proxy()).isEmpty();
        assertThat(direct.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(direct.connectTimeout()).contains(TIMEOUT);

        r.jenkins.proxy = new ProxyConfiguration("127.0.0.1", 3128);
        HttpClient proxied = HttpClients.get(TIMEOUT);
        assertThat(proxied).as("rebuilt for the new proxy").isNotSameAs(direct);
        assertThat(proxied.proxy()).isPresent();
        assertThat(HttpClients.get(TIMEOUT)).isSameAs(proxied);

        r.jenkins.proxy = new ProxyConfiguration("127.0.0.1", 3128); // saved again, same values
        assertThat(HttpClients.get(TIMEOUT)).isSameAs(proxied);
        r.jenkins.proxy = new ProxyConfiguration("127.0.0.1", 3128, null, null, "*.internal");
        assertThat(HttpClients.get(TIMEOUT)).as("No Proxy Host changed").isNotSameAs(proxied);
    }

    @Test
    public void requestsGoThroughTheJenkinsProxyExceptToNoProxyHosts() throws IOException {
        URI base = URI.create("http://127.0.0.1:" + prometheus.getAddress().getPort());
        try (ForwardProxy proxy = ForwardProxy.start()) {
            r.jenkins.proxy = new ProxyConfiguration("127.0.0.1", proxy.port());

            ProbeResult viaProxy = PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT, HttpClients.get(TIMEOUT));

            assertThat(viaProxy.ok()).as(viaProxy.message()).isTrue();
            assertThat(viaProxy.message()).contains("2.53.0");
            assertThat(proxy.requestLines()).containsExactly("GET " + base + "/-/healthy HTTP/1.1",
                    "GET " + base + "/api/v1/status/buildinfo HTTP/1.1");

            r.jenkins.proxy = new ProxyConfiguration("127.0.0.1", proxy.port(), null, null, "localhost, 127.0.0.*");

            ProbeResult direct = PrometheusProbe.check(base, HttpAuth.none(), TIMEOUT, HttpClients.get(TIMEOUT));

            assertThat(direct.ok()).as(direct.message()).isTrue();
            assertThat(proxy.requestLines()).as("127.0.0.1 matches No Proxy Host").hasSize(2);
            assertThat(proxy.failures()).isEmpty();
        }
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
