package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpProbe;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.ForwardProxy;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** {@link PrometheusClient} against a scripted HTTP server that answers like Prometheus (or like something else). */
public class PrometheusClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Instant AT = Instant.parse("2023-11-14T22:13:20.123Z"); // 1700000000.123
    private static final String TOKEN = "s3cr3t-t0ken";
    private static final String PARSE_ERROR_QUERY = "rate(http_requests_total[5m]";

    /** What the server received. */
    private record Request(String method, String path, String contentType, String accept, String authorization,
            Map<String, String> form) {}

    /** What the server answers. */
    private record Reply(int status, String contentType, String body) {}

    @FunctionalInterface
    private interface Script {
        Reply answer(Request request) throws Exception;
    }

    private HttpServer server;
    private ExecutorService serverThreads;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Script script = request -> json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    private final CountDownLatch release = new CountDownLatch(1);

    @Before
    public void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        serverThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(serverThreads);
        server.createContext("/", this::serve);
        server.start();
    }

    @After
    public void stopServer() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Authorization"), parseForm(body));
            requests.add(request);
            Reply reply;
            try {
                reply = script.answer(request);
            } catch (Exception e) {
                reply = new Reply(500, "text/plain", "test script failed: " + e);
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static Reply json(int status, String body) {
        return new Reply(status, "application/json", body);
    }

    private static Reply success(String data) {
        return json(200, "{\"status\":\"success\",\"data\":" + data + "}");
    }

    private static Reply error(int status, String errorType, String error) {
        return json(status, "{\"status\":\"error\",\"errorType\":\"" + errorType + "\",\"error\":" + quote(error) + "}");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private PrometheusClient client() {
        return new PrometheusClient(base(), HttpAuth.none(), TIMEOUT);
    }

    private VerificationException queryFails(PrometheusClient client, String query) {
        return catchThrowableOfType(VerificationException.class, () -> client.query(query, AT));
    }

    // ---- successful queries ------------------------------------------------------------------------------------

    @Test
    public void instantQueryIsAFormPostWithTimeAndServerTimeout() throws Exception {
        script = request -> success("""
                {"resultType":"vector","result":[
                  {"metric":{"__name__":"up","job":"api","instance":"web1"},"value":[1700000000.123,"1"]},
                  {"metric":{"job":"api","instance":"web2"},"value":[1700000000.123,"0.25"]}]}""");

        QueryResult result = client().query("up{job=\"api\"} + 0 * x", AT);

        assertThat(requests).hasSize(1);
        Request request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/query");
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.accept()).isEqualTo("application/json");
        assertThat(request.authorization()).isNull();
        assertThat(request.form()).containsExactly(
                Map.entry("query", "up{job=\"api\"} + 0 * x"),
                Map.entry("time", "1700000000.123"),
                Map.entry("timeout", "1.600"));

        assertThat(result.query()).isEqualTo("up{job=\"api\"} + 0 * x");
        assertThat(result.warnings()).isEmpty();
        assertThat(result.isEmpty()).isFalse();
        assertThat(result.series()).containsExactly(
                new Series(Map.of("__name__", "up", "job", "api", "instance", "web1"), 1.0),
                new Series(Map.of("job", "api", "instance", "web2"), 0.25));
        assertThat(result.series().get(0).describe()).isEqualTo("up{instance=\"web1\", job=\"api\"}");
        assertThat(result.series().get(1).describe()).isEqualTo("{instance=\"web2\", job=\"api\"}");
    }

    @Test
    public void basePathIsKept() throws Exception {
        new PrometheusClient(URI.create(base() + "/prometheus/"), HttpAuth.none(), TIMEOUT).query("up", AT);

        assertThat(requests).extracting(Request::path).containsExactly("/prometheus/api/v1/query");
    }

    @Test
    public void serverTimeoutIsALittleShorterThanTheClientTimeout() {
        assertThat(PrometheusClient.serverTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(29));
        assertThat(PrometheusClient.serverTimeout(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(9));
        assertThat(PrometheusClient.serverTimeout(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(1600));
        assertThat(PrometheusClient.serverTimeout(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
        assertThat(PrometheusClient.seconds(Duration.ofSeconds(15))).isEqualTo("15.000");
        assertThat(PrometheusClient.seconds(Instant.ofEpochMilli(-1500))).isEqualTo("-1.500");
        assertThat(PrometheusClient.seconds(Instant.ofEpochSecond(1700000000, 123_456_789))).isEqualTo("1700000000.123");
    }

    @Test
    public void nanAndInfinitiesAreKeptAsPrometheusReturnedThem() throws Exception {
        script = request -> success("""
                {"resultType":"vector","result":[
                  {"metric":{"s":"nan"},"value":[1700000000.123,"NaN"]},
                  {"metric":{"s":"pos"},"value":[1700000000.123,"+Inf"]},
                  {"metric":{"s":"neg"},"value":[1700000000.123,"-Inf"]},
                  {"metric":{"s":"exp"},"value":[1700000000.123,"1.5e-3"]}]}""");

        List<Series> series = client().query("x", AT).series();

        assertThat(series).extracting(Series::value).containsExactly(
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0015);
    }

    @Test
    public void emptyVectorIsAnEmptyResult() throws Exception {
        QueryResult result = client().query("absent_metric", AT);

        assertThat(result.series()).isEmpty();
        assertThat(result.isEmpty()).isTrue();
    }

    @Test
    public void nullResultIsAnEmptyResult() throws Exception {
        script = request -> success("{\"resultType\":\"vector\",\"result\":null}");

        assertThat(client().query("x", AT).series()).isEmpty();
    }

    @Test
    public void scalarResultIsOneSeriesWithoutLabels() throws Exception {
        script = request -> success("{\"resultType\":\"scalar\",\"result\":[1700000000.123,\"+Inf\"]}");

        QueryResult result = client().query("1/0", AT);

        assertThat(result.series()).containsExactly(new Series(Map.of(), Double.POSITIVE_INFINITY));
        assertThat(result.series().get(0).describe()).isEqualTo("{}");
    }

    @Test
    public void warningsAreKept() throws Exception {
        script = request -> json(200, """
                {"status":"success","data":{"resultType":"vector","result":[]},
                 "warnings":["partial response: store eu-1 unreachable","second"]}""");

        assertThat(client().query("x", AT).warnings()).containsExactly("partial response: store eu-1 unreachable", "second");
    }

    @Test
    public void rangeQueryPostsStartEndStepAndReadsTheMatrix() throws Exception {
        script = request -> json(200, """
                {"status":"success","warnings":["w"],"data":{"resultType":"matrix","result":[
                  {"metric":{"job":"api"},"values":[[1700000000,"1"],[1700000015,"NaN"],[1700000030.5,"-Inf"]]},
                  {"metric":{"job":"db"},"values":[]}]}}""");
        Instant start = Instant.ofEpochSecond(1700000000);

        RangeResult result = client().queryRange("rate(x[1m])", start, start.plusSeconds(30), Duration.ofSeconds(15));

        Request request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/query_range");
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.form()).containsExactly(
                Map.entry("query", "rate(x[1m])"),
                Map.entry("start", "1700000000.000"),
                Map.entry("end", "1700000030.000"),
                Map.entry("step", "15.000"),
                Map.entry("timeout", "1.600"));
        assertThat(result.query()).isEqualTo("rate(x[1m])");
        assertThat(result.warnings()).containsExactly("w");
        assertThat(result.series()).containsExactly(
                new RangeSeries(Map.of("job", "api"), List.of(
                        new TimedValue(start, 1.0),
                        new TimedValue(start.plusSeconds(15), Double.NaN),
                        new TimedValue(start.plusMillis(30_500), Double.NEGATIVE_INFINITY))),
                new RangeSeries(Map.of("job", "db"), List.of()));
        assertThat(result.series().get(0).describe()).isEqualTo("{job=\"api\"}");
    }

    @Test
    public void rangeQueryArgumentsAreChecked() {
        PrometheusClient client = client();
        Instant start = Instant.ofEpochSecond(1700000000);

        assertThatThrownBy(() -> client.queryRange("x", start, start.minusSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is before its start");
        assertThatThrownBy(() -> client.queryRange("x", start, start, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
        assertThat(requests).isEmpty();
    }

    @Test
    public void baseUrlWithCredentialsIsRefused() {
        assertThatThrownBy(() -> new PrometheusClient(URI.create("http://jenkins:pw@127.0.0.1:9090"), HttpAuth.none(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains credentials")
                .hasMessageNotContaining("pw@");
    }

    // ---- authentication ----------------------------------------------------------------------------------------

    @Test
    public void bearerTokenIsSent() throws Exception {
        new PrometheusClient(base(), HttpAuth.bearer(TOKEN), TIMEOUT).query("up", AT);

        assertThat(requests).extracting(Request::authorization).containsExactly("Bearer " + TOKEN);
    }

    @Test
    public void basicCredentialsAreSent() throws Exception {
        script = request -> success("{\"resultType\":\"matrix\",\"result\":[]}");
        new PrometheusClient(base(), HttpAuth.basic("jenkins", TOKEN), TIMEOUT)
                .queryRange("up", AT, AT.plusSeconds(60), Duration.ofSeconds(30));

        assertThat(requests).extracting(Request::authorization).containsExactly(
                "Basic " + java.util.Base64.getEncoder().encodeToString(("jenkins:" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void refusedCredentialsAreAccessDenied() {
        script = request -> new Reply(401, "text/plain", "Unauthorized");

        VerificationException e = queryFails(new PrometheusClient(base(), HttpAuth.basic("jenkins", TOKEN), TIMEOUT), "up");

        assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).startsWith("Prometheus query 'up' failed: " + base() + "/api/v1/query answered HTTP 401")
                .contains("credentials were refused")
                .doesNotContain(TOKEN);
    }

    @Test
    public void forbiddenIsAccessDenied() {
        script = request -> new Reply(403, "text/plain", "forbidden");

        VerificationException e = queryFails(new PrometheusClient(base(), HttpAuth.bearer(TOKEN), TIMEOUT), "up");

        assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(e.getMessage()).contains("HTTP 403").doesNotContain(TOKEN);
    }

    @Test
    public void secretEchoedByTheServerNeverAppearsInAMessage() {
        String basicValue = HttpAuth.basic("jenkins", TOKEN).authorizationHeader().orElseThrow();
        List<Script> echoes = List.of(
                request -> error(400, "bad_data", "1:1: parse error: unexpected " + request.authorization()),
                request -> error(422, "execution", "cannot use " + request.authorization()),
                request -> error(503, "timeout", "query timed out for " + request.authorization()),
                request -> new Reply(502, "text/plain", "bad gateway for " + request.authorization()),
                request -> new Reply(200, "text/html", "<p>login as " + request.authorization() + "</p>"),
                request -> success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\""
                        + request.authorization() + "\"]}]}"),
                request -> json(200, "{\"status\":\"" + request.authorization() + "\"}"));
        for (HttpAuth auth : List.of(HttpAuth.bearer(TOKEN), HttpAuth.basic("jenkins", TOKEN))) {
            PrometheusClient client = new PrometheusClient(base(), auth, TIMEOUT);
            for (Script echo : echoes) {
                script = echo;

                VerificationException e = queryFails(client, "up");

                assertThat(e).as("an echo with %s", auth).isNotNull();
                assertThat(e.getMessage()).as(e.getMessage()).doesNotContain(TOKEN).doesNotContain(basicValue.substring(6));
                assertThat(e.toString()).doesNotContain(TOKEN);
            }
        }
        assertThat(requests).hasSize(2 * echoes.size());
    }

    @Test
    public void secretInAWarningIsRedacted() throws Exception {
        script = request -> json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]},"
                + "\"warnings\":[\"header was " + request.authorization() + "\"]}");

        QueryResult result = new PrometheusClient(base(), HttpAuth.bearer(TOKEN), TIMEOUT).query("up", AT);

        assertThat(result.warnings()).containsExactly("header was ****");
    }

    // ---- Prometheus errors -------------------------------------------------------------------------------------

    @Test
    public void syntaxErrorIsAQueryErrorQuotingTheQueryAndPrometheus() {
        script = request -> error(400, "bad_data", "invalid parameter \"query\": 1:29: parse error: unclosed left parenthesis");

        VerificationException e = queryFails(client(), PARSE_ERROR_QUERY);

        assertThat(e.kind()).isEqualTo(Kind.BAD_QUERY);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.query()).isEqualTo(PARSE_ERROR_QUERY);
        assertThat(e.errorType()).contains("bad_data");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.url()).isEqualTo(URI.create(base() + "/api/v1/query"));
        assertThat(e.getMessage()).isEqualTo("PromQL error in 'rate(http_requests_total[5m]': 1:29: parse error:"
                + " unclosed left parenthesis (reported by Prometheus at " + base() + "/api/v1/query)");
    }

    @Test
    public void otherBadDataIsAQueryErrorWithPrometheusReason() {
        script = request -> error(400, "bad_data",
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");

        VerificationException e = catchThrowableOfType(VerificationException.class,
                () -> client().queryRange("up", AT, AT.plusSeconds(86_400), Duration.ofMillis(1)));

        assertThat(e.kind()).isEqualTo(Kind.BAD_QUERY);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Prometheus at " + base() + "/api/v1/query_range rejected the query 'up'"
                + " (HTTP 400): exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query"
                + " resolution (?step=XX)");
    }

    @Test
    public void executionErrorIsAPrometheusErrorThatIsNotRetried() {
        script = request -> error(422, "execution", "many-to-many matching not allowed: matching labels must be unique on one side");

        VerificationException e = queryFails(client(), "a * on() b");

        assertThat(e.kind()).isEqualTo(Kind.PROMETHEUS_ERROR);
        assertThat(e.errorType()).contains("execution");
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Prometheus at " + base() + "/api/v1/query could not run the query"
                + " 'a * on() b' (error type 'execution', HTTP 422): many-to-many matching not allowed: matching labels"
                + " must be unique on one side");
    }

    @Test
    public void timeoutCanceledAndUnavailableArePrometheusErrorsThatAreRetried() {
        Map<String, String> hints = Map.of(
                "timeout", "took longer than Prometheus allowed (at most 1600 ms asked)",
                "canceled", "Prometheus canceled the query",
                "unavailable", "not ready yet",
                "internal", "",
                "too_many_requests", "rate limiting");
        for (Map.Entry<String, String> type : hints.entrySet()) {
            script = request -> error(503, type.getKey(), "query " + type.getKey());

            VerificationException e = queryFails(client(), "up");

            assertThat(e.kind()).isEqualTo(Kind.PROMETHEUS_ERROR);
            assertThat(e.errorType()).contains(type.getKey());
            assertThat(e.isRetryable()).as(type.getKey()).isTrue();
            assertThat(e.getMessage()).contains("(error type '" + type.getKey() + "', HTTP 503): query " + type.getKey())
                    .contains(type.getValue());
        }
    }

    @Test
    public void errorEnvelopeWithoutTypeIsRetriedOnlyFor5xx() {
        script = request -> json(500, "{\"status\":\"error\",\"error\":\"storage exploded\"}");
        VerificationException serverSide = queryFails(client(), "up");
        script = request -> json(200, "{\"status\":\"error\",\"error\":\"odd\"}");
        VerificationException okStatus = queryFails(client(), "up");

        assertThat(serverSide.kind()).isEqualTo(Kind.PROMETHEUS_ERROR);
        assertThat(serverSide.errorType()).isEmpty();
        assertThat(serverSide.isRetryable()).isTrue();
        assertThat(serverSide.getMessage()).contains("(no error type, HTTP 500): storage exploded");
        assertThat(okStatus.kind()).isEqualTo(Kind.PROMETHEUS_ERROR);
        assertThat(okStatus.isRetryable()).isFalse();
        assertThat(okStatus.getMessage()).contains("(no error type): odd");
    }

    // ---- HTTP and network failures -----------------------------------------------------------------------------

    @Test
    public void proxyErrorPageIsAnHttpStatusThatIsRetried() {
        script = request -> new Reply(502, "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");

        VerificationException e = queryFails(client(), "up");

        assertThat(e.kind()).isEqualTo(Kind.HTTP_ERROR);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Prometheus query 'up' failed: " + base()
                + "/api/v1/query answered HTTP 502 (Bad Gateway): 502 Bad Gateway");
    }

    @Test
    public void notFoundIsAnHttpStatusThatIsNotRetriedAndHintsAtTheUrl() {
        script = request -> new Reply(404, "text/plain", "404 page not found");

        VerificationException e = queryFails(client(), "up");

        assertThat(e.kind()).isEqualTo(Kind.HTTP_ERROR);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("HTTP 404 (Not Found): 404 page not found")
                .endsWith("check that the endpoint URL is the base URL of Prometheus (the part before /api/v1)");
    }

    @Test
    public void redirectIsAnHttpStatusNotFollowed() {
        script = request -> {
            throw new IllegalStateException("unused");
        };
        server.removeContext("/");
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), null, null, null, Map.of()));
                exchange.getResponseHeaders().set("Location", "/login");
                exchange.sendResponseHeaders(302, -1);
            }
        });

        VerificationException e = queryFails(client(), "up");

        assertThat(e.kind()).isEqualTo(Kind.HTTP_ERROR);
        assertThat(e.httpStatus()).isEqualTo(302);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("a redirect to " + base() + "/login").contains("redirects are not followed");
        assertThat(requests).hasSize(1);
    }

    @Test
    public void closedPortIsUnreachableAndRetried() {
        URI closed = FreePort.closedUrl();

        VerificationException e = queryFails(new PrometheusClient(closed, HttpAuth.none(), TIMEOUT), "up");

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(-1);
        assertThat(e.getMessage()).isEqualTo("Prometheus query 'up' failed: " + closed + "/api/v1/query is unreachable:"
                + " connection refused; check that the server is running and that the host and port are right");
    }

    @Test
    public void serverThatNeverAnswersTimesOutAndIsRetried() throws IOException {
        // The kernel completes the connection into the backlog; nobody ever reads the request or answers it.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());

            VerificationException e = queryFails(new PrometheusClient(url, HttpAuth.none(), Duration.ofMillis(300)), "up");

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).startsWith("Prometheus query 'up' failed: " + url + "/api/v1/query did not answer"
                    + " within 300 ms");
        }
    }

    // ---- malformed answers and unexpected result types -----------------------------------------------------------

    @Test
    public void answersThatAreNotPrometheusJsonAreMalformed() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("<html><head><title>Grafana</title></head></html>", "the answer is not JSON (it starts with \"Grafana\")");
        bodies.put("", "the answer is empty");
        bodies.put("[1,2]", "the answer is JSON but not an object");
        bodies.put("{\"data\":{}}", "the JSON has no 'status' field");
        bodies.put("{\"status\":\"ok\"}", "'status' is 'ok', neither 'success' nor 'error'");
        bodies.put("{\"status\":\"success\"}", "'data' is missing");
        bodies.put("{\"status\":\"success\",\"data\":[]}", "'data' is not an object");
        bodies.put("{\"status\":\"success\",\"data\":{\"result\":[]}}", "'data.resultType' is missing");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}", "'data.result' is missing");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":{}}}", "'data.result' is not a list");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"table\",\"result\":[]}}",
                "the result type 'table' is none of vector, scalar, matrix or string");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"api\"},"
                + "\"value\":[1700000000,\"abc\"]}]}}", "the value of the series {job=\"api\"} is \"abc\", which is not a number");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"api\"},"
                + "\"value\":[1700000000,\"0x1p3\"]}]}}", "the value of the series {job=\"api\"} is \"0x1p3\", which is not a number");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"api\"},"
                + "\"value\":[1700000000,true]}]}}", "the value of the series {job=\"api\"} is true, which is not a number");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"api\"},"
                + "\"value\":[\"1\"]}]}}", "the value of the series {job=\"api\"} is not a [time, \"value\"] pair: [\"1\"]");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"api\"},"
                + "\"value\":[\"noon\",\"1\"]}]}}", "the value of the series {job=\"api\"} has the time \"noon\", which is not a number of seconds");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"api\"}}]}}",
                "the series {job=\"api\"} has no 'value'");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":1},"
                + "\"value\":[1,\"1\"]}]}}", "the label 'job' of a series is not a string");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":[],"
                + "\"value\":[1,\"1\"]}]}}", "the 'metric' of a series is not an object");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[7]}}",
                "an element of 'data.result' is not an object");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]},\"warnings\":\"w\"}",
                "'warnings' is not a list");
        bodies.put("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":\"1\"}}",
                "the scalar result is not a [time, \"value\"] pair: \"1\"");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            script = request -> new Reply(200, "application/json", body.getKey());

            VerificationException e = queryFails(client(), "up");

            assertThat(e).as(body.getKey()).isNotNull();
            assertThat(e.kind()).as(body.getKey()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).as(body.getKey()).isEqualTo("Prometheus at " + base() + "/api/v1/query gave an"
                    + " unusable answer to the query 'up': " + body.getValue() + "; check that the endpoint URL points to"
                    + " Prometheus or a compatible server, not to a proxy's page or another service");
        }
    }

    @Test
    public void malformedRangeAnswersAreMalformed() {
        script = request -> success("{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"job\":\"api\"},"
                + "\"values\":[[1700000000,\"1\"],[1700000015,\"one\"]]}]}");

        VerificationException e = catchThrowableOfType(VerificationException.class,
                () -> client().queryRange("up", AT, AT.plusSeconds(15), Duration.ofSeconds(15)));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("/api/v1/query_range gave an unusable answer to the query 'up':"
                + " a value of the series {job=\"api\"} is \"one\", which is not a number");
    }

    @Test
    public void answerLargerThanTheLimitIsRefusedWithAHint() {
        script = request -> success("{\"resultType\":\"vector\",\"result\":[" + "{\"metric\":{},\"value\":[1,\"1\"]},".repeat(100)
                + "{\"metric\":{},\"value\":[1,\"1\"]}]}");

        VerificationException e = queryFails(new PrometheusClient(base(), HttpAuth.none(), TIMEOUT, 1024), "up");

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).isEqualTo("Prometheus at " + base() + "/api/v1/query gave an unusable answer to the"
                + " query 'up': the answer is larger than 1 KiB, the most this client reads; narrow the query (fewer"
                + " series, for example by aggregating with sum by (...)) or, for a range query, use a larger step or a"
                + " shorter range");
    }

    @Test
    public void rangeVectorForAnInstantQueryIsAnUnexpectedResultType() {
        script = request -> success("{\"resultType\":\"matrix\",\"result\":[]}");

        VerificationException e = queryFails(client(), "up[5m]");

        assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_RESULT);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("The query 'up[5m]' returned a range vector (result type 'matrix') from"
                + " Prometheus at " + base() + "/api/v1/query: an instant query needs an instant vector or a scalar:"
                + " remove the range selector ([5m]) or wrap it in a function such as rate(...) or avg_over_time(...)");
    }

    @Test
    public void stringResultIsAnUnexpectedResultType() {
        script = request -> success("{\"resultType\":\"string\",\"result\":[1700000000.123,\"hello\"]}");

        VerificationException e = queryFails(client(), "\"hello\"");

        assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_RESULT);
        assertThat(e.getMessage()).startsWith("The query '\"hello\"' returned a string (result type 'string')");
    }

    @Test
    public void vectorForARangeQueryIsAnUnexpectedResultType() {
        script = request -> success("{\"resultType\":\"vector\",\"result\":[]}");

        VerificationException e = catchThrowableOfType(VerificationException.class,
                () -> client().queryRange("up", AT, AT.plusSeconds(15), Duration.ofSeconds(15)));

        assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_RESULT);
        assertThat(e.getMessage()).contains("returned result type 'vector'");
    }

    @Test
    public void nativeHistogramsAreAnUnexpectedResultType() {
        script = request -> success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"latency\"},"
                + "\"histogram\":[1700000000,{\"count\":\"3\",\"sum\":\"1.5\",\"buckets\":[]}]}]}");

        VerificationException e = queryFails(client(), "latency");

        assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_RESULT);
        assertThat(e.getMessage()).contains("returned native histogram samples (series latency{})")
                .contains("histogram_quantile()");
    }

    @Test
    public void longAndMultiLineQueriesAreQuotedOnOneLineAndCut() {
        script = request -> error(422, "execution", "boom");
        String longQuery = "sum by (job) (\n  rate(x[5m])\n)" + " + 0".repeat(200);

        VerificationException e = queryFails(client(), longQuery);

        assertThat(e.query()).isEqualTo(longQuery);
        assertThat(e.getMessage()).contains("'sum by (job) ( rate(x[5m]) ) + 0 + 0").contains("…'").doesNotContain("\n");
    }

    // ---- threads -----------------------------------------------------------------------------------------------

    @Test
    public void interruptedCallerGetsInterruptedAndKeepsItsFlag() {
        Thread.currentThread().interrupt();
        try {
            VerificationException e = queryFails(client(), "up");

            assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("Prometheus query 'up' failed: The request to " + base()
                    + "/api/v1/query was interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    public void interruptWhileWaitingForTheAnswerStopsTheQuery() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        script = request -> {
            arrived.countDown();
            release.await(); // holds the answer back until the test ends
            return success("{\"resultType\":\"vector\",\"result\":[]}");
        };
        PrometheusClient client = new PrometheusClient(base(), HttpAuth.none(), Duration.ofSeconds(30));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                client.query("up", AT);
            } catch (Throwable t) {
                thrown.set(t);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        }, "prometheus-caller");
        caller.start();
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the request reached the server").isTrue();

        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(VerificationException.class);
        assertThat(((VerificationException) thrown.get()).kind()).isEqualTo(Kind.INTERRUPTED);
        assertThat(flagAfter.get()).isTrue();
    }

    @Test
    public void concurrentQueriesShareOneClient() throws Exception {
        script = request -> success("{\"resultType\":\"scalar\",\"result\":[1700000000.123,\""
                + request.form().get("query") + "\"]}");
        PrometheusClient client = client();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<QueryResult>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String query = Integer.toString(i);
                results.add(callers.submit((Callable<QueryResult>) () -> client.query(query, AT)));
            }
            for (int i = 0; i < results.size(); i++) {
                QueryResult result = results.get(i).get(10, TimeUnit.SECONDS);
                assertThat(result.query()).isEqualTo(Integer.toString(i));
                assertThat(result.series()).containsExactly(new Series(Map.of(), i));
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(requests).hasSize(32);
    }

    // ---- the result records ------------------------------------------------------------------------------------

    @Test
    public void seriesDescribesItsLabelsSortedAndEscaped() {
        Series series = new Series(Map.of("path", "/a\"b\\c\nd", "__name__", "http_requests_total", "code", "500"), 3);

        assertThat(series.describe()).isEqualTo("http_requests_total{code=\"500\", path=\"/a\\\"b\\\\c\\nd\"}");
        assertThat(series.labels().keySet()).containsExactly("__name__", "code", "path");
        assertThatThrownBy(() -> series.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    public void resultsAreImmutableAndSerializable() throws Exception {
        List<Series> series = new ArrayList<>(List.of(new Series(Map.of("job", "api"), Double.NaN)));
        QueryResult query = new QueryResult("up", series, List.of("w"));
        series.clear();
        RangeResult range = new RangeResult("up", List.of(new RangeSeries(Map.of("job", "api"),
                List.of(new TimedValue(AT, Double.POSITIVE_INFINITY), new TimedValue(AT.plusSeconds(15), 2)))), List.of());

        assertThat(query.series()).hasSize(1);
        assertThatThrownBy(() -> query.series().add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(roundTrip(query)).isEqualTo(query);
        assertThat(roundTrip(range)).isEqualTo(range);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    // ---- a shared HTTP client -----------------------------------------------------------------------------------

    @Test
    public void clientsSharingAProxiedHttpClientQueryThroughTheProxy() throws Exception {
        script = request -> success(request.path().endsWith("query_range")
                ? "{\"resultType\":\"matrix\",\"result\":[]}" : "{\"resultType\":\"vector\",\"result\":[]}");
        try (ForwardProxy proxy = ForwardProxy.start()) {
            HttpClient shared = HttpProbe.configure(HttpClient.newBuilder().proxy(proxy.selector()), TIMEOUT).build();
            PrometheusClient first = new PrometheusClient(base(), HttpAuth.bearer(TOKEN), TIMEOUT, shared);
            PrometheusClient second = new PrometheusClient(URI.create(base() + "/prometheus"), HttpAuth.none(), TIMEOUT,
                    1024, shared);

            first.query("up", AT);
            second.queryRange("up", AT, AT.plusSeconds(60), Duration.ofSeconds(15));

            assertThat(proxy.requestLines()).containsExactly("POST " + base() + "/api/v1/query HTTP/1.1",
                    "POST " + base() + "/prometheus/api/v1/query_range HTTP/1.1");
            assertThat(proxy.failures()).isEmpty();
            assertThat(requests).extracting(Request::authorization).containsExactly("Bearer " + TOKEN, null);
            assertThat(requests.get(1).form()).containsEntry("query", "up").containsEntry("step", "15.000");
        }
    }

    @Test
    public void aSharedHttpClientThatFollowsRedirectsIsRefused() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThatThrownBy(() -> new PrometheusClient(base(), HttpAuth.none(), TIMEOUT, following))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("follows redirects");
    }
}
