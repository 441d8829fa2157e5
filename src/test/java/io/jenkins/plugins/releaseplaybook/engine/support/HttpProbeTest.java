package io.jenkins.plugins.releaseplaybook.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.ForwardProxy;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class HttpProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** The client side port of the connection of each request: one connection, one port. */
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

    @Before
    public void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/ok", ex -> answer(ex, 200, "text/plain", "fine\n"));
        server.createContext("/unauthorized", ex -> answer(ex, 401, "text/plain", "Unauthorized\n"));
        server.createContext("/forbidden", ex -> answer(ex, 403, "text/plain", "forbidden\n"));
        server.createContext("/error", ex -> answer(ex, 500, "text/plain",
                "\n  query processing would load too many samples into memory  \nsecond line\n"));
        server.createContext("/echo-error", ex -> answer(ex, 400, "text/plain",
                "bad header: " + ex.getRequestHeaders().getFirst("Authorization") + "\n"));
        server.createContext("/html-error", ex -> answer(ex, 502, "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"));
        server.createContext("/empty-error", ex -> answer(ex, 503, "text/plain", ""));
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().set("Location", "/login?from=probe");
            answer(ex, 302, "text/plain", "");
        });
        server.createContext("/login", ex -> answer(ex, 200, "text/html", "<form>login</form>"));
        server.createContext("/big", ex -> answer(ex, 200, "text/plain", "x".repeat(100_000)));
        server.createContext("/method", ex -> answer(ex, ex.getRequestMethod().equals("DELETE") ? 200 : 405, "text/plain",
                ex.getRequestMethod() + " with " + ex.getRequestBody().readAllBytes().length + " bytes"));
        server.start();
    }

    @After
    public void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestURI().getPath());
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    public void okReturnsStatusAndBodyAndSendsTheAuthorizationHeader() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.bearer("t0ken"), TIMEOUT).get(url("/ok"));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.kind()).isEqualTo(HttpProbe.Kind.OK);
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.body()).isEqualTo("fine\n");
        assertThat(outcome.truncated()).isFalse();
        assertThat(outcome.message()).isEqualTo(url("/ok") + " answered HTTP 200");
        assertThat(authorizations).containsExactly("Bearer t0ken");
    }

    @Test
    public void noAuthorizationHeaderWithoutCredentials() {
        assertThat(new HttpProbe(HttpAuth.none(), TIMEOUT).get(url("/ok")).ok()).isTrue();
        assertThat(requests).containsExactly("/ok");
        assertThat(authorizations).isEmpty();
    }

    @Test
    public void unauthorizedWithCredentialsSaysTheyWereRefused() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.basic("jenkins", "s3cr3t"), TIMEOUT).get(url("/unauthorized"));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.kind()).isEqualTo(HttpProbe.Kind.ACCESS_DENIED);
        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.message())
                .contains(url("/unauthorized").toString())
                .contains("HTTP 401 (Unauthorized)")
                .contains("the credentials were refused")
                .doesNotContain("s3cr3t")
                .doesNotContain(HttpAuth.basic("jenkins", "s3cr3t").authorizationHeader().orElseThrow().substring(6));
    }

    @Test
    public void unauthorizedWithoutCredentialsAsksForThem() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.none(), TIMEOUT).get(url("/unauthorized"));

        assertThat(outcome.kind()).isEqualTo(HttpProbe.Kind.ACCESS_DENIED);
        assertThat(outcome.message()).contains("requires credentials and none are configured");
    }

    @Test
    public void forbiddenWithCredentialsSaysTheyWereRefused() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.bearer("s3cr3t"), TIMEOUT).get(url("/forbidden"));

        assertThat(outcome.kind()).isEqualTo(HttpProbe.Kind.ACCESS_DENIED);
        assertThat(outcome.status()).isEqualTo(403);
        assertThat(outcome.message()).contains("HTTP 403 (Forbidden)").contains("the credentials were refused")
                .doesNotContain("s3cr3t");
    }

    @Test
    public void serverErrorReportsTheFirstLineOfTheBody() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.none(), TIMEOUT).get(url("/error"));

        assertThat(outcome.kind()).isEqualTo(HttpProbe.Kind.HTTP_ERROR);
        assertThat(outcome.status()).isEqualTo(500);
        assertThat(outcome.body()).contains("second line");
        assertThat(outcome.message()).isEqualTo(url("/error")
                + " answered HTTP 500 (Internal Server Error): query processing would load too many samples into memory");
    }

    @Test
    public void htmlErrorPageIsReportedByItsTitle() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.none(), TIMEOUT).get(url("/html-error"));

        assertThat(outcome.message()).endsWith("answered HTTP 502 (Bad Gateway): 502 Bad Gateway");
    }

    @Test
    public void emptyErrorBodyIsSaidToBeEmpty() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.none(), TIMEOUT).get(url("/empty-error"));

        assertThat(outcome.message()).endsWith("answered HTTP 503 (Service Unavailable) with an empty body");
    }

    @Test
    public void secretEchoedByTheServerIsNotRepeated() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.bearer("s3cr3t-token"), TIMEOUT).get(url("/echo-error"));

        assertThat(outcome.kind()).isEqualTo(HttpProbe.Kind.HTTP_ERROR);
        assertThat(outcome.body()).contains("s3cr3t-token");
        assertThat(outcome.message()).contains("bad header: ****").doesNotContain("s3cr3t");
    }

    @Test
    public void redirectIsReportedNotFollowed() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.none(), TIMEOUT).get(url("/redirect"));

        assertThat(outcome.kind()).isEqualTo(HttpProbe.Kind.REDIRECTED);
        assertThat(outcome.status()).isEqualTo(302);
        assertThat(outcome.message())
                .contains("HTTP 302 (Found), a redirect to " + url("/login?from=probe"))
                .contains("redirects are not followed");
        assertThat(requests).containsExactly("/redirect");
    }

    @Test
    public void closedPortIsUnreachableWithConnectionRefused() {
        URI closed = URI.create(FreePort.closedUrl() + "/-/healthy");

        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.none(), TIMEOUT).get(closed);

        assertThat(outcome.kind()).isEqualTo(HttpProbe.Kind.UNREACHABLE);
        assertThat(outcome.status()).isEqualTo(-1);
        assertThat(outcome.message()).isEqualTo(closed + " is unreachable: connection refused; check that the server is"
                + " running and that the host and port are right");
    }

    @Test
    public void serverThatNeverAnswersTimesOut() throws IOException {
        // The kernel completes the connection into the backlog; nobody ever reads the request or answers it.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/-/healthy");
            long start = System.nanoTime();

            HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.none(), Duration.ofMillis(300)).get(url);

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(outcome.kind()).isEqualTo(HttpProbe.Kind.TIMEOUT);
            assertThat(outcome.message()).startsWith(url + " did not answer within 300 ms");
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    public void httpsToAPlainHttpPortIsATlsFailure() throws Exception {
        // Like a plain HTTP server (Go's net/http, for one): it reads the TLS ClientHello as a bad request and says so.
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread answerer = new Thread(() -> {
                try (Socket client = plain.accept()) {
                    // Read the whole ClientHello record (5-byte header, then its length), answer, and drain until
                    // the client closes: closing with unread input would reset the connection and race the answer.
                    DataInputStream in = new DataInputStream(client.getInputStream());
                    byte[] header = new byte[5];
                    in.readFully(header);
                    in.readFully(new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)]);
                    client.getOutputStream().write(
                            "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    client.shutdownOutput();
                    client.setSoTimeout(30_000);
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the test's assertions tell what went wrong
                }
            }, "plain-http-answerer");
            answerer.start();
            URI url = URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/-/healthy");

            // The JDK counts the TLS handshake into the connect timeout, and the first handshake of a JVM (loading
            // the trust store, generating key shares) can take seconds on a loaded machine: give it room.
            Duration handshakeRoom = Duration.ofSeconds(30);
            HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.none(), handshakeRoom).get(url);

            answerer.join(handshakeRoom.toMillis());
            assertThat(outcome.kind()).as(outcome.message()).isEqualTo(HttpProbe.Kind.TLS_FAILURE);
            assertThat(outcome.message()).startsWith("The TLS handshake with " + url + " failed")
                    .contains("https only if the server speaks TLS");
        }
    }

    @Test
    public void bodyIsCutAtTheLimit() {
        HttpProbe.Outcome outcome = new HttpProbe(HttpAuth.none(), TIMEOUT, 1024).get(url("/big"));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.truncated()).isTrue();
        assertThat(outcome.body()).hasSize(1024);
        HttpProbe.Outcome defaultLimit = new HttpProbe(HttpAuth.none(), TIMEOUT).get(url("/big"));
        assertThat(defaultLimit.body()).hasSize(HttpProbe.DEFAULT_MAX_BODY_BYTES);
    }

    @Test
    public void deleteSendsADeleteWithoutBodyAndTheAuthorizationHeader() {
        HttpProbe probe = new HttpProbe(HttpAuth.bearer("t0ken"), TIMEOUT);

        HttpProbe.Outcome outcome = probe.delete(url("/method"), "application/json");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.body()).isEqualTo("DELETE with 0 bytes");
        assertThat(authorizations).containsExactly("Bearer t0ken");
        HttpProbe.Outcome refused = probe.delete(url("/unauthorized"), "application/json");
        assertThat(refused.kind()).isEqualTo(HttpProbe.Kind.ACCESS_DENIED);
        assertThat(refused.message()).doesNotContain("t0ken");
    }

    @Test
    public void timeoutMustBePositive() {
        assertThatThrownBy(() -> new HttpProbe(HttpAuth.none(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
    }

    @Test
    public void probesSharingAClientShareItsConnection() {
        HttpClient shared = HttpProbe.newClient(TIMEOUT);
        HttpProbe first = new HttpProbe(HttpAuth.none(), TIMEOUT, HttpProbe.DEFAULT_MAX_BODY_BYTES, shared);
        HttpProbe second = new HttpProbe(HttpAuth.bearer("t0ken"), TIMEOUT, 1024, shared);

        assertThat(first.get(url("/ok")).ok()).isTrue();
        assertThat(second.get(url("/ok")).ok()).isTrue();
        assertThat(first.post(url("/ok"), "text/plain", "x", "*/*").ok()).isTrue();

        assertThat(first.client()).isSameAs(shared);
        assertThat(second.client()).isSameAs(shared);
        assertThat(clientPorts).as("one kept-alive connection of the one client").hasSize(3).containsOnly(clientPorts.get(0));
        assertThat(authorizations).as("each probe still sends its own credentials").containsExactly("Bearer t0ken");
    }

    @Test
    public void probesWithoutASharedClientOpenOneConnectionEach() {
        assertThat(new HttpProbe(HttpAuth.none(), TIMEOUT).get(url("/ok")).ok()).isTrue();
        assertThat(new HttpProbe(HttpAuth.none(), TIMEOUT).get(url("/ok")).ok()).isTrue();

        assertThat(clientPorts).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    public void aClientWithAProxySendsThroughTheProxy() throws IOException {
        try (ForwardProxy proxy = ForwardProxy.start()) {
            HttpClient proxied = HttpProbe.configure(HttpClient.newBuilder().proxy(proxy.selector()), TIMEOUT).build();
            HttpProbe probe = new HttpProbe(HttpAuth.bearer("t0ken"), TIMEOUT, HttpProbe.DEFAULT_MAX_BODY_BYTES, proxied);

            HttpProbe.Outcome outcome = probe.get(url("/ok"));
            HttpProbe.Outcome denied = probe.get(url("/forbidden"));

            assertThat(outcome.ok()).as(outcome.message()).isTrue();
            assertThat(outcome.body()).isEqualTo("fine\n");
            assertThat(denied.kind()).isEqualTo(HttpProbe.Kind.ACCESS_DENIED);
            assertThat(proxy.requestLines()).containsExactly("GET " + url("/ok") + " HTTP/1.1",
                    "GET " + url("/forbidden") + " HTTP/1.1");
            assertThat(proxy.failures()).isEmpty();
            assertThat(requests).containsExactly("/ok", "/forbidden");
            assertThat(authorizations).as("the credentials for the server pass the proxy").containsExactly(
                    "Bearer t0ken", "Bearer t0ken");
        }
    }

    @Test
    public void aClientThatFollowsRedirectsIsRefused() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThatThrownBy(() -> new HttpProbe(HttpAuth.none(), TIMEOUT, 1024, following))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("follows redirects")
                .hasMessageContaining("HttpProbe.configure");
    }

    @Test
    public void configureSetsWhatAProbeReliesOnAndKeepsTheProxy() {
        ProxySelector proxy = ProxySelector.of(new InetSocketAddress("127.0.0.1", 3128));
        HttpClient client = HttpProbe.configure(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.ALWAYS).proxy(proxy), TIMEOUT).build();

        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(client.connectTimeout()).contains(TIMEOUT);
        assertThat(client.proxy()).containsSame(proxy);
        assertThatThrownBy(() -> HttpProbe.configure(HttpClient.newBuilder(), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be positive");
    }
}
