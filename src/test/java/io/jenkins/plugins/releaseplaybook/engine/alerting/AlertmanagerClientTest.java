package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpProbe;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.ForwardProxy;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@link AlertmanagerClient} against a scripted HTTP server. Each "instance" of an HA cluster is a path
 * prefix on that server ({@code /a}, {@code /b}, ...) with its own script, so the order in which
 * instances are tried can be seen in the one list of requests.
 */
public class AlertmanagerClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String TOKEN = "s3cr3t-t0ken";
    private static final String ID = "1f80b09b-2720-413e-acab-78972ef18ef9";
    private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant END = Instant.parse("2024-05-01T13:30:00.250Z");
    private static final Matcher SERVICE = new Matcher("service", MatchType.EQUAL, "checkout");

    /** A silence as Alertmanager 0.25 answers it (taken from a real answer). */
    private static final String SILENCE_JSON = "{\"id\":\"" + ID + "\",\"status\":{\"state\":\"active\"},"
            + "\"updatedAt\":\"2024-05-01T12:00:00.871Z\",\"comment\":\"release 1.2\",\"createdBy\":\"jenkins\","
            + "\"endsAt\":\"2024-05-01T13:30:00.250Z\",\"matchers\":[{\"isEqual\":true,\"isRegex\":false,"
            + "\"name\":\"service\",\"value\":\"checkout\"},{\"isEqual\":false,\"isRegex\":true,\"name\":\"env\","
            + "\"value\":\"dev|test\"}],\"startsAt\":\"2024-05-01T12:00:00.871Z\"}";

    /** An alert as Alertmanager 0.25 answers it (taken from a real answer). */
    private static final String ALERT_JSON = "{\"annotations\":{\"summary\":\"x\"},\"endsAt\":\"2024-05-01T12:05:36.782Z\","
            + "\"fingerprint\":\"cb76b95c715e7e07\",\"receivers\":[{\"name\":\"null\"}],"
            + "\"startsAt\":\"2024-05-01T12:00:36.782Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[\"" + ID
            + "\"],\"state\":\"suppressed\"},\"updatedAt\":\"2024-05-01T12:00:36.782Z\","
            + "\"labels\":{\"service\":\"checkout\",\"alertname\":\"HighLatency\",\"instance\":\"web1\"}}";

    /** What the server received. */
    private record Request(String instance, String method, String rawPath, String rawQuery, String contentType,
            String accept, String authorization, String body) {

        /** The decoded values of a repeated query parameter. */
        List<String> query(String name) {
            List<String> values = new ArrayList<>();
            if (rawQuery == null) {
                return values;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }

    /** What the server answers. */
    private record Reply(int status, String contentType, String body) {}

    @FunctionalInterface
    private interface Script {
        Reply answer(Request request) throws Exception;
    }

    private HttpServer server;
    private ExecutorService serverThreads;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
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
            String rawPath = exchange.getRequestURI().getRawPath();
            int slash = rawPath.indexOf('/', 1);
            String instance = slash < 0 ? rawPath : rawPath.substring(0, slash);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(instance, exchange.getRequestMethod(),
                    slash < 0 ? "" : rawPath.substring(slash), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            requests.add(request);
            Script script = scripts.get(instance);
            Reply reply;
            try {
                reply = script == null ? new Reply(404, "text/plain", "no such test instance") : script.answer(request);
            } catch (Exception e) {
                reply = new Reply(599, "text/plain", "test script failed: " + e);
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

    private URI base(String instance) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + instance);
    }

    private void script(String instance, Script script) {
        scripts.put(instance, script);
    }

    private static Reply json(int status, String body) {
        return new Reply(status, "application/json", body);
    }

    private AlertmanagerClient client(String... instances) {
        List<URI> urls = new ArrayList<>();
        for (String instance : instances) {
            urls.add(base(instance));
        }
        return new AlertmanagerClient(urls, HttpAuth.bearer(TOKEN), TIMEOUT);
    }

    private static SilenceRequest request() {
        return SilenceRequest.builder(List.of(SERVICE)).startsAt(START).endsAt(END)
                .createdBy("jenkins").comment("release 1.2").build();
    }

    private List<String> instancesAsked() {
        return requests.stream().map(Request::instance).toList();
    }

    // ---- create ----------------------------------------------------------------------------------------

    @Test
    public void createPostsTheSilenceAsTheApiWantsItWithMillisecondTimes() throws Exception {
        script("/a", r -> json(200, "{\"silenceID\":\"" + ID + "\"}"));
        SilenceRequest request = SilenceRequest.builder(List.of(
                        SERVICE,
                        new Matcher("env", MatchType.NOT_EQUAL, "prod"),
                        new Matcher("alertname", MatchType.REGEX, "High.*|Err\"or"),
                        new Matcher("team", MatchType.NOT_REGEX, "db-.*")))
                        .startsAt(START).endsAt(END)
                        .createdBy("jenkins (job #5)").comment("release 1.2 \"blue\"\nline 2").build();

        CreatedSilence created = client("/a").create(request);

        assertThat(created).isEqualTo(new CreatedSilence(ID, base("/a")));
        assertThat(requests).hasSize(1);
        Request sent = requests.get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo("/api/v2/silences");
        assertThat(sent.contentType()).isEqualTo("application/json");
        assertThat(sent.accept()).isEqualTo("application/json");
        assertThat(sent.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.body()).isEqualTo("{\"matchers\":["
                + "{\"name\":\"service\",\"value\":\"checkout\",\"isRegex\":false,\"isEqual\":true},"
                + "{\"name\":\"env\",\"value\":\"prod\",\"isRegex\":false,\"isEqual\":false},"
                + "{\"name\":\"alertname\",\"value\":\"High.*|Err\\\"or\",\"isRegex\":true,\"isEqual\":true},"
                + "{\"name\":\"team\",\"value\":\"db-.*\",\"isRegex\":true,\"isEqual\":false}],"
                + "\"startsAt\":\"2024-05-01T12:00:00.000Z\",\"endsAt\":\"2024-05-01T13:30:00.250Z\","
                + "\"createdBy\":\"jenkins (job #5)\",\"comment\":\"release 1.2 \\\"blue\\\"\\nline 2\"}");
    }

    @Test
    public void timesAreUtcWithMillisecondsAndSubMillisecondsCut() {
        assertThat(AlertmanagerClient.time(Instant.parse("2024-05-01T12:00:00Z"))).isEqualTo("2024-05-01T12:00:00.000Z");
        assertThat(AlertmanagerClient.time(Instant.parse("2024-12-31T23:59:59.999999999Z")))
                .isEqualTo("2024-12-31T23:59:59.999Z");
        assertThat(AlertmanagerClient.time(Instant.parse("1999-01-02T03:04:05.060Z"))).isEqualTo("1999-01-02T03:04:05.060Z");
    }

    @Test
    public void updateSendsTheIdAndReturnsTheNewIdAlertmanagerGives() throws Exception {
        String newId = "4f3db45b-9490-4f5c-b73b-1f2a527f21f6";
        script("/a", r -> json(200, "{\"silenceID\":\"" + newId + "\"}"));

        CreatedSilence created = client("/a").create(request().withId(ID));

        assertThat(created.id()).isEqualTo(newId);
        assertThat(requests.get(0).body()).startsWith("{\"id\":\"" + ID + "\",\"matchers\":[");
    }

    @Test
    public void updateOfAnUnknownSilenceIsNotFound() {
        // Alertmanager 0.25: 404 with the JSON string "silence not found".
        script("/a", r -> json(404, "\"silence not found\""));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").create(request().withId(ID)));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Updating the silence " + ID + " {service=\"checkout\"} failed: Alertmanager at "
                + base("/a") + " does not know the silence " + ID + " (silence not found); it may have expired and been"
                + " dropped after the retention period: create a new silence instead");
    }

    @Test
    public void badRequestQuotesAlertmanagersOwnReasonAndIsNotTriedElsewhere() {
        script("/a", r -> json(400, "\"Failed to create silence: start time must be before end time\""));
        script("/b", r -> json(200, "{\"silenceID\":\"" + ID + "\"}"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a", "/b").create(request()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Creating the silence {service=\"checkout\"} was refused by Alertmanager at "
                + base("/a") + " (HTTP 400): Failed to create silence: start time must be before end time");
        assertThat(instancesAsked()).containsExactly("/a");
        assertThat(e.urls()).containsExactly(URI.create(base("/a") + "/api/v2/silences"));
    }

    @Test
    public void validationErrorOfTheApiFrameworkIsABadRequest() {
        script("/a", r -> json(422, "{\"code\":612,\"message\":\"matchers in body should have at least 1 items\"}"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").create(request()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).endsWith("(HTTP 422): matchers in body should have at least 1 items");
    }

    @Test
    public void answerWithoutSilenceIdIsMalformed() {
        script("/a", r -> json(200, "{\"id\":\"" + ID + "\"}"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").create(request()));

        assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Creating the silence {service=\"checkout\"} failed: Alertmanager at "
                + base("/a") + " gave an unusable answer (HTTP 200 from " + base("/a") + "/api/v2/silences): the answer"
                + " has no 'silenceID'; check that the URL points to Alertmanager (0.16 or later), not to a proxy's page"
                + " or another service");
    }

    @Test
    public void htmlPageInsteadOfJsonIsMalformed() {
        script("/a", r -> new Reply(200, "text/html", "<html><head><title>Sign in</title></head><body>…</body></html>"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").silences());

        assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("the answer is not JSON (it starts with \"Sign in\")");
    }

    // ---- HA fallback -----------------------------------------------------------------------------------

    @Test
    public void deadAndFailingInstancesAreSkippedInOrderUntilOneAnswers() throws Exception {
        URI dead = FreePort.closedUrl();
        script("/b", r -> new Reply(503, "text/plain", ""));
        script("/c", r -> json(200, "{\"silenceID\":\"" + ID + "\"}"));
        AlertmanagerClient client = new AlertmanagerClient(List.of(dead, base("/b"), base("/c")), HttpAuth.none(), TIMEOUT);

        CreatedSilence created = client.create(request());

        assertThat(created.id()).isEqualTo(ID);
        assertThat(created.endpoint()).isEqualTo(base("/c"));
        assertThat(created.passedOver()).as("why each instance before it was passed over").satisfiesExactly(
                dead1 -> assertThat(dead1).contains(dead.toString()).contains("connection refused"),
                failing -> assertThat(failing).contains(base("/b").toString()).contains("HTTP 503"));
        assertThat(instancesAsked()).containsExactly("/b", "/c");
        assertThat(requests.get(0).body()).isEqualTo(requests.get(1).body());
    }

    @Test
    public void whenNoInstanceAnswersTheMessageSaysWhichUrlsWereTriedAndWhyEachFailed() {
        URI dead = FreePort.closedUrl();
        script("/b", r -> new Reply(502, "text/html", "<html><head><title>502 Bad Gateway</title></head></html>"));
        script("/c", r -> new Reply(503, "text/plain", ""));
        AlertmanagerClient client = new AlertmanagerClient(List.of(dead, base("/b"), base("/c")), HttpAuth.none(), TIMEOUT);

        AlertingException e = catchThrowableOfType(AlertingException.class, client::silences);

        assertThat(e.kind()).isEqualTo(Kind.HTTP_ERROR);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.urls()).containsExactly(URI.create(dead + "/api/v2/silences"),
                URI.create(base("/b") + "/api/v2/silences"), URI.create(base("/c") + "/api/v2/silences"));
        assertThat(e.attempts()).extracting(AlertingException.Attempt::kind)
                .containsExactly(Kind.UNREACHABLE, Kind.HTTP_ERROR, Kind.HTTP_ERROR);
        assertThat(e.getMessage()).isEqualTo("Listing the silences failed: none of the 3 Alertmanager instances answered,"
                + " tried in this order: (1) " + dead + "/api/v2/silences is unreachable: connection refused; check that"
                + " the server is running and that the host and port are right; (2) " + base("/b") + "/api/v2/silences"
                + " answered HTTP 502: 502 Bad Gateway; (3) " + base("/c") + "/api/v2/silences answered HTTP 503 with"
                + " an empty body");
    }

    @Test
    public void allInstancesUnreachableIsUnreachableAndRetryable() {
        URI dead1 = FreePort.closedUrl();
        URI dead2 = FreePort.closedUrl();
        AlertmanagerClient client = new AlertmanagerClient(List.of(dead1, dead2), HttpAuth.none(), TIMEOUT);

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client.expire(ID));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.httpStatus()).isEqualTo(-1);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).startsWith("Expiring the silence " + ID + " failed: none of the 2 Alertmanager"
                + " instances answered").contains(dead1.toString()).contains(dead2.toString());
    }

    @Test
    public void singleUnreachableInstanceIsNamedWithTheReason() {
        URI dead = FreePort.closedUrl();
        AlertmanagerClient client = new AlertmanagerClient(List.of(dead), HttpAuth.none(), TIMEOUT);

        AlertingException e = catchThrowableOfType(AlertingException.class, client::silences);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("Listing the silences failed: " + dead + "/api/v2/silences is unreachable:"
                + " connection refused; check that the server is running and that the host and port are right");
    }

    @Test
    public void answerAfterSkippedInstancesMentionsThem() {
        URI dead = FreePort.closedUrl();
        script("/b", r -> new Reply(403, "text/plain", "forbidden"));
        AlertmanagerClient client = new AlertmanagerClient(List.of(dead, base("/b")), HttpAuth.bearer(TOKEN), TIMEOUT);

        AlertingException e = catchThrowableOfType(AlertingException.class, client::silences);

        assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(e.attempts()).hasSize(2);
        assertThat(e.getMessage()).startsWith("Listing the silences failed: " + base("/b") + "/api/v2/silences answered"
                + " HTTP 403 (Forbidden)").contains(" [tried before, without an answer: (1) " + dead + "/api/v2/silences"
                + " is unreachable: connection refused").doesNotContain(TOKEN);
    }

    @Test
    public void slowInstanceTimesOutAndTheNextIsTried() throws Exception {
        script("/slow", r -> {
            release.await(10, TimeUnit.SECONDS);
            return json(200, "[]");
        });
        script("/b", r -> json(200, "[]"));
        AlertmanagerClient client = new AlertmanagerClient(List.of(base("/slow"), base("/b")), HttpAuth.none(),
                Duration.ofMillis(300));

        assertThat(client.silences()).isEmpty();
        assertThat(instancesAsked()).containsExactly("/slow", "/b");
    }

    @Test
    public void timeoutOfTheOnlyInstanceIsATimeoutAndRetryable() {
        script("/slow", r -> {
            release.await(10, TimeUnit.SECONDS);
            return json(200, "[]");
        });
        AlertmanagerClient client = new AlertmanagerClient(List.of(base("/slow")), HttpAuth.none(), Duration.ofMillis(300));

        AlertingException e = catchThrowableOfType(AlertingException.class, client::silences);

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).startsWith("Listing the silences failed: " + base("/slow") + "/api/v2/silences did not"
                + " answer within 300 ms");
    }

    @Test
    public void interruptedCallStopsWithoutTryingOtherInstancesAndKeepsTheFlag() {
        script("/a", r -> json(200, "[]"));
        script("/b", r -> json(200, "[]"));
        AlertmanagerClient client = client("/a", "/b");

        Thread.currentThread().interrupt();
        AlertingException e;
        try {
            e = catchThrowableOfType(AlertingException.class, client::silences);
        } finally {
            assertThat(Thread.interrupted()).as("interrupt flag still set (and now cleared)").isTrue();
        }

        assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Listing the silences was interrupted (while waiting for " + base("/a")
                + "/api/v2/silences)");
        assertThat(e.urls()).containsExactly(URI.create(base("/a") + "/api/v2/silences"));
    }

    // ---- other answers are final -----------------------------------------------------------------------

    @Test
    public void refusedCredentialsAreAccessDeniedWithoutTheSecretAndNotTriedElsewhere() {
        script("/a", r -> new Reply(401, "text/plain", "Unauthorized: " + r.authorization()));
        script("/b", r -> json(200, "[]"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a", "/b").silences());

        assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Listing the silences failed: " + base("/a") + "/api/v2/silences answered"
                + " HTTP 401 (Unauthorized): the credentials were refused; check the user name, password or token in the"
                + " Jenkins credential");
        assertThat(instancesAsked()).containsExactly("/a");
        assertThat(requests.get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    public void basicAuthenticationIsSent() throws Exception {
        script("/a", r -> json(200, "[]"));
        AlertmanagerClient client = new AlertmanagerClient(List.of(base("/a")), HttpAuth.basic("jenkins", "pa55"), TIMEOUT);

        client.silences();

        assertThat(requests.get(0).authorization()).isEqualTo("Basic amVua2luczpwYTU1");
    }

    @Test
    public void secretEchoedInAnErrorIsNotRepeated() {
        script("/a", r -> json(400, "\"bad header: " + r.authorization() + "\""));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").create(request()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getMessage()).endsWith("(HTTP 400): bad header: ****").doesNotContain(TOKEN);
        assertThat(e.attempts().get(0).problem()).doesNotContain(TOKEN);
    }

    @Test
    public void wrongBaseUrlIsNotFoundWithAHint() {
        script("/a", r -> new Reply(404, "text/plain; charset=utf-8", "404 page not found\n"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").silences());

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Listing the silences failed: " + base("/a") + "/api/v2/silences answered"
                + " HTTP 404 (Not Found): 404 page not found; check that the URL is the base URL of Alertmanager (the part"
                + " before /api/v2, including the path of --web.route-prefix or of a proxy) and that it runs Alertmanager"
                + " 0.16 or later");
    }

    @Test
    public void redirectIsAnAnswerNotFollowed() {
        script("/a", r -> new Reply(302, "text/plain", ""));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").silences());

        assertThat(e.kind()).isEqualTo(Kind.HTTP_ERROR);
        assertThat(e.httpStatus()).isEqualTo(302);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("redirects are not followed");
    }

    @Test
    public void tooManyRequestsIsRetryableButNotTriedElsewhere() {
        script("/a", r -> json(429, "\"slow down\""));
        script("/b", r -> json(200, "[]"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a", "/b").silences());

        assertThat(e.kind()).isEqualTo(Kind.HTTP_ERROR);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Listing the silences failed: " + base("/a") + "/api/v2/silences answered"
                + " HTTP 429: slow down");
        assertThat(instancesAsked()).containsExactly("/a");
    }

    // ---- get, silences ---------------------------------------------------------------------------------

    @Test
    public void getReadsEveryFieldOfTheSilence() throws Exception {
        script("/a", r -> json(200, SILENCE_JSON));

        Optional<SilenceInfo> silence = client("/a").get(ID);

        assertThat(silence).contains(new SilenceInfo(ID,
                List.of(SERVICE, new Matcher("env", MatchType.NOT_REGEX, "dev|test")),
                Instant.parse("2024-05-01T12:00:00.871Z"), END, "jenkins", "release 1.2", SilenceInfo.State.ACTIVE));
        assertThat(silence.get().isActive()).isTrue();
        assertThat(silence.get().describeMatchers()).isEqualTo("{service=\"checkout\", env!~\"dev|test\"}");
        Request sent = requests.get(0);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.rawPath()).isEqualTo("/api/v2/silence/" + ID);
        assertThat(sent.accept()).isEqualTo("application/json");
    }

    @Test
    public void getOfAnUnknownSilenceIsEmpty() throws Exception {
        // Alertmanager answers 404 without a body.
        script("/a", r -> new Reply(404, "text/plain", ""));

        assertThat(client("/a").get(ID)).isEmpty();
    }

    @Test
    public void getWith404FromAnotherPathIsNotTakenForAnUnknownSilence() {
        // What Alertmanager's router answers for a path it does not serve (a base URL with a wrong prefix).
        script("/a", r -> json(404, "{\"code\":404,\"message\":\"path /a/api/v2/silence/x was not found\"}"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").get(ID));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("path /a/api/v2/silence/x was not found; check that the URL is the base URL");
    }

    @Test
    public void theIdIsOnePathSegmentWhateverItHolds() throws Exception {
        script("/a", r -> new Reply(404, "text/plain", ""));

        client("/a").get("../status?x=1 #ü");

        assertThat(requests.get(0).rawPath()).isEqualTo("/api/v2/silence/..%2Fstatus%3Fx%3D1%20%23%C3%BC");
        assertThat(requests.get(0).rawQuery()).isNull();
        assertThatThrownBy(() -> client("/a").expire("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client("/a").get(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(requests).hasSize(1);
    }

    @Test
    public void silencesListsAllAndTakesAMissingIsEqualAsTrue() throws Exception {
        String old = "{\"id\":\"x\",\"status\":{\"state\":\"expired\"},\"comment\":\"c\",\"createdBy\":\"me\","
                + "\"startsAt\":\"2024-05-01T10:00:00Z\",\"endsAt\":\"2024-05-01T11:00:00+02:00\","
                + "\"matchers\":[{\"isRegex\":true,\"name\":\"a\",\"value\":\"b.*\"}]}";
        script("/a", r -> json(200, "[" + SILENCE_JSON + "," + old + "]"));

        List<SilenceInfo> silences = client("/a").silences();

        assertThat(silences).extracting(SilenceInfo::id).containsExactly(ID, "x");
        SilenceInfo expired = silences.get(1);
        assertThat(expired.state()).isEqualTo(SilenceInfo.State.EXPIRED);
        assertThat(expired.isExpired()).isTrue();
        assertThat(expired.matchers()).containsExactly(new Matcher("a", MatchType.REGEX, "b.*"));
        assertThat(expired.endsAt()).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
        assertThat(requests.get(0).rawPath()).isEqualTo("/api/v2/silences");
        assertThat(requests.get(0).method()).isEqualTo("GET");
    }

    @Test
    public void emptyListOfSilences() throws Exception {
        script("/a", r -> json(200, "[]"));

        assertThat(client("/a").silences()).isEmpty();
    }

    @Test
    public void malformedSilencesAreRefusedSayingWhatIsWrong() {
        Map<String, String> cases = Map.of(
                "{}", "the answer is not a list",
                "[1]", "silence 1 of the list is not an object",
                "[{\"id\":\"x\"}]", "'matchers' of the silence x is not a list",
                "[" + SILENCE_JSON.replace("\"active\"", "\"sleeping\"") + "]", "the state 'sleeping' of the silence " + ID
                        + " is none of active, pending or expired",
                "[" + SILENCE_JSON.replace("2024-05-01T13:30:00.250Z", "tomorrow") + "]", "'endsAt' of the silence " + ID
                        + " is \"tomorrow\", which is not an RFC 3339 time",
                "[" + SILENCE_JSON.replace("\"isRegex\":false", "\"isRegex\":\"no\"") + "]", "'isRegex' of the matcher 'service' of"
                        + " the silence " + ID + " is not true or false",
                "[" + SILENCE_JSON.replace("\"id\":", "\"di\":") + "]", "'id' of silence 1 of the list is missing");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            script("/a", r -> json(200, c.getKey()));

            AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").silences());

            assertThat(e).as(c.getKey()).isNotNull();
            assertThat(e.kind()).as(c.getKey()).isEqualTo(Kind.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).as(c.getKey()).contains("): " + c.getValue() + "; check that the URL");
        }
    }

    @Test
    public void answerLargerThanTheLimitIsRefused() {
        script("/a", r -> json(200, "[" + (SILENCE_JSON + ",").repeat(10) + SILENCE_JSON + "]"));
        AlertmanagerClient client = new AlertmanagerClient(List.of(base("/a")), HttpAuth.none(), TIMEOUT, 1024);

        AlertingException e = catchThrowableOfType(AlertingException.class, client::silences);

        assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("the answer is larger than 1 KiB, the most this client reads");
    }

    // ---- expire ----------------------------------------------------------------------------------------

    @Test
    public void expireSendsADelete() throws Exception {
        script("/a", r -> new Reply(200, "application/json", ""));

        client("/a").expire(ID);

        Request sent = requests.get(0);
        assertThat(sent.method()).isEqualTo("DELETE");
        assertThat(sent.rawPath()).isEqualTo("/api/v2/silence/" + ID);
        assertThat(sent.body()).isEmpty();
        assertThat(sent.authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    public void expiringAnExpiredSilenceIsASuccessAlsoWhenAnOlderAlertmanagerSaysSo() throws Exception {
        // Older versions of Alertmanager answered 500 "silence <id> already expired".
        script("/a", r -> json(500, "\"silence " + ID + " already expired\""));
        script("/b", r -> new Reply(200, "application/json", ""));

        client("/a", "/b").expire(ID);

        assertThat(instancesAsked()).containsExactly("/a");
    }

    @Test
    public void expiringAnUnknownSilenceIsNotFoundAsAlertmanager025SaysIt() {
        // Alertmanager 0.25 answers an unknown ID with 500 "silence not found": an answer, not a broken instance.
        script("/a", r -> json(500, "\"silence not found\""));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").expire(ID));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Expiring the silence " + ID + " failed: Alertmanager at " + base("/a")
                + " does not know the silence " + ID + " (HTTP 500: silence not found); it may have been dropped after"
                + " the retention period, or belong to another Alertmanager cluster");
    }

    @Test
    public void anInstanceThatDoesNotKnowTheSilenceIsNotTheFinalWord() throws Exception {
        // An HA peer that was down when the silence was created, or has not synced it yet.
        script("/a", r -> json(500, "\"silence not found\""));
        script("/b", r -> new Reply(404, "application/json", ""));
        script("/c", r -> new Reply(200, "application/json", ""));

        Expiry expiry = client("/a", "/b", "/c").expire(ID);

        assertThat(instancesAsked()).containsExactly("/a", "/b", "/c");
        assertThat(expiry.endpoint()).isEqualTo(base("/c"));
        assertThat(expiry.unaware()).containsExactly(base("/a"), base("/b"));
        assertThat(expiry.unavailable()).isEmpty();
    }

    @Test
    public void expiryAsksTheInstanceThatCreatedTheSilenceFirstAndStopsThere() throws Exception {
        script("/a", r -> new Reply(200, "application/json", ""));
        script("/b", r -> new Reply(200, "application/json", ""));
        script("/c", r -> new Reply(200, "application/json", ""));

        Expiry expiry = client("/a", "/b", "/c").expire(ID, base("/b"));

        assertThat(instancesAsked()).containsExactly("/b");
        assertThat(expiry).isEqualTo(Expiry.at(base("/b")));
    }

    @Test
    public void afterTheCreatorTheOthersAreAskedInTheConfiguredOrder() throws Exception {
        URI dead = FreePort.closedUrl();
        script("/a", r -> json(500, "\"silence not found\""));
        script("/c", r -> new Reply(200, "application/json", ""));
        AlertmanagerClient client = new AlertmanagerClient(List.of(base("/a"), dead, base("/c")), HttpAuth.none(),
                TIMEOUT);

        Expiry expiry = client.expire(ID, URI.create(dead + "/"));

        assertThat(instancesAsked()).containsExactly("/a", "/c");
        assertThat(expiry.endpoint()).isEqualTo(base("/c"));
        assertThat(expiry.unaware()).containsExactly(base("/a"));
        assertThat(expiry.unavailable()).singleElement().asString().contains(dead.toString()).contains("unreachable");
    }

    @Test
    public void aCreatorThatIsNotConfiguredAnyMoreIsNotAsked() throws Exception {
        script("/b", r -> new Reply(200, "application/json", ""));

        Expiry expiry = client("/b").expire(ID, base("/gone"));

        assertThat(instancesAsked()).containsExactly("/b");
        assertThat(expiry.endpoint()).isEqualTo(base("/b"));
    }

    @Test
    public void noInstanceKnowingTheSilenceIsNotFoundNamingEach() {
        script("/a", r -> json(500, "\"silence not found\""));
        script("/b", r -> new Reply(404, "application/json", ""));

        AlertingException e = catchThrowableOfType(AlertingException.class,
                () -> client("/a", "/b").expire(ID, base("/b")));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.isRetryable()).isFalse();
        assertThat(instancesAsked()).containsExactly("/b", "/a");
        assertThat(e.getMessage()).isEqualTo("Expiring the silence " + ID + " failed: none of the 2 Alertmanager"
                + " instances knows it, asked in this order (the one that created it first): (1) Alertmanager at "
                + base("/b") + " does not know the silence " + ID + " (HTTP 404: no reason given); it may have been"
                + " dropped after the retention period, or belong to another Alertmanager cluster; (2) Alertmanager at "
                + base("/a") + " does not know the silence " + ID + " (HTTP 500: silence not found); it may have been"
                + " dropped after the retention period, or belong to another Alertmanager cluster");
        assertThat(e.message(java.util.Locale.SIMPLIFIED_CHINESE)).startsWith("解除静默 " + ID + " 失败：2 个 Alertmanager"
                + " 实例都不知道这个静默");
        assertThat(e.urls()).containsExactly(URI.create(base("/b") + "/api/v2/silence/" + ID),
                URI.create(base("/a") + "/api/v2/silence/" + ID));
    }

    @Test
    public void notKnownWhereAskedWhileTheCreatorIsDownIsRetryable() {
        URI dead = FreePort.closedUrl();
        script("/b", r -> json(500, "\"silence not found\""));
        AlertmanagerClient client = new AlertmanagerClient(List.of(dead, base("/b")), HttpAuth.none(), TIMEOUT);

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client.expire(ID, dead));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.isRetryable()).as("the creator may know it when it is back").isTrue();
        assertThat(e.getMessage()).startsWith("Expiring the silence " + ID + " failed at each of the 2 Alertmanager"
                + " instances, asked in this order (the one that created it first): (1) " + dead)
                .contains("; (2) Alertmanager at " + base("/b") + " does not know the silence " + ID);
    }

    @Test
    public void aRefusalAtOneInstanceDoesNotStopTheOthersFromExpiringIt() throws Exception {
        script("/a", r -> new Reply(403, "text/plain", "forbidden by the proxy"));
        script("/b", r -> new Reply(200, "application/json", ""));

        Expiry expiry = client("/a", "/b").expire(ID, base("/a"));

        assertThat(expiry.endpoint()).isEqualTo(base("/b"));
        assertThat(expiry.unaware()).isEmpty();
        assertThat(expiry.unavailable()).singleElement().asString().contains("403");
    }

    @Test
    public void expiringAnUnknownSilenceIsNotFoundAsLaterVersionsSayIt() {
        script("/a", r -> new Reply(404, "application/json", ""));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").expire(ID));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("does not know the silence " + ID + " (HTTP 404: no reason given)");
    }

    @Test
    public void expiryWithAnotherServerErrorTriesTheNextInstance() throws Exception {
        script("/a", r -> json(500, "\"expire previous silence: boom\""));
        script("/b", r -> new Reply(200, "application/json", ""));

        client("/a", "/b").expire(ID);

        assertThat(instancesAsked()).containsExactly("/a", "/b");
    }

    @Test
    public void invalidIdIsABadRequest() {
        script("/a", r -> json(422, "{\"code\":601,\"message\":\"silenceID in path must be of type uuid: \\\"nope\\\"\"}"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").expire("nope"));

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo("Expiring the silence nope was refused by Alertmanager at " + base("/a")
                + " (HTTP 422): silenceID in path must be of type uuid: \"nope\"");
    }

    // ---- alerts ----------------------------------------------------------------------------------------

    @Test
    public void alertsSendsTheFilterAndFlagsAndReadsTheAlerts() throws Exception {
        script("/a", r -> json(200, "[" + ALERT_JSON + "]"));
        Matcher name = new Matcher("alertname", MatchType.REGEX, "High.*|Err or");

        List<AlertInfo> alerts = client("/a").alerts(List.of(SERVICE, name), true, false, true);

        Request sent = requests.get(0);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.rawPath()).isEqualTo("/api/v2/alerts");
        assertThat(sent.rawQuery()).isEqualTo("filter=service%3D%22checkout%22&filter=alertname%3D%7E%22High.*%7CErr%20or%22"
                + "&silenced=true&inhibited=false&active=true");
        assertThat(sent.query("filter")).containsExactly("service=\"checkout\"", "alertname=~\"High.*|Err or\"");
        assertThat(alerts).containsExactly(new AlertInfo(
                Map.of("alertname", "HighLatency", "service", "checkout", "instance", "web1"),
                Instant.parse("2024-05-01T12:00:36.782Z"), Instant.parse("2024-05-01T12:05:36.782Z"),
                AlertInfo.State.SUPPRESSED, List.of(ID), "cb76b95c715e7e07"));
        AlertInfo alert = alerts.get(0);
        assertThat(alert.describe()).isEqualTo("HighLatency{instance=\"web1\", service=\"checkout\"}");
        assertThat(alert.isSilencedBy(ID)).isTrue();
        assertThat(alert.alertName()).isEqualTo("HighLatency");
        assertThat(alert.labels().keySet()).containsExactly("alertname", "instance", "service");
    }

    @Test
    public void alertsWithoutFilterSendOnlyTheFlags() throws Exception {
        script("/a", r -> json(200, "[]"));

        assertThat(client("/a").alerts(List.of(), false, true, false)).isEmpty();

        assertThat(requests.get(0).rawQuery()).isEqualTo("silenced=false&inhibited=true&active=false");
    }

    @Test
    public void badFilterIsABadRequestWithAlertmanagersReason() {
        script("/a", r -> json(400, "\"error parsing regexp: missing closing ): `^(?:()$`\""));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").alerts(List.of(new Matcher("a", MatchType.REGEX, "(")), true, true, true));

        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo("Listing the alerts matching {a=~\"(\"} was refused by Alertmanager at "
                + base("/a") + " (HTTP 400): error parsing regexp: missing closing ): `^(?:()$`");
    }

    @Test
    public void describeQuotesValuesAndCopesWithoutAlertname() {
        AlertInfo alert = new AlertInfo(Map.of("b", "say \"hi\"\\", "a", "x\ny"), Instant.EPOCH, Instant.EPOCH,
                AlertInfo.State.ACTIVE, List.of(), "f");

        assertThat(alert.describe()).isEqualTo("{a=\"x\\ny\", b=\"say \\\"hi\\\"\\\\\"}");
        assertThat(alert.alertName()).isEmpty();
    }

    @Test
    public void malformedAlertsAreRefused() {
        script("/a", r -> json(200, "[" + ALERT_JSON.replace("\"instance\":\"web1\"", "\"instance\":1") + "]"));

        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").alerts(List.of(), true, true, true));

        assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("the label 'instance' of alert 1 of the list is not a string");
        script("/a", r -> json(200, "[" + ALERT_JSON.replace("\"suppressed\"", "\"snoozed\"") + "]"));
        e = catchThrowableOfType(AlertingException.class, () -> client("/a").alerts(List.of(), true, true, true));
        assertThat(e.getMessage()).contains("the state 'snoozed' of the alert HighLatency{instance=\"web1\","
                + " service=\"checkout\"} is none of active, suppressed or unprocessed");
    }

    // ---- construction, values, threads -----------------------------------------------------------------

    @Test
    public void urlsAreCheckedWhenTheClientIsMade() {
        assertThatThrownBy(() -> new AlertmanagerClient(List.of(), HttpAuth.none(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("No Alertmanager URL is configured");
        assertThatThrownBy(() -> new AlertmanagerClient(List.of(URI.create("http://am:9093"), URI.create("http://am:9093/")),
                HttpAuth.none(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"http://am:9093\" is listed twice");
        assertThatThrownBy(() -> new AlertmanagerClient(List.of(URI.create("http://u:pw@am:9093")), HttpAuth.none(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains credentials")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> new AlertmanagerClient(List.of(URI.create("http://am:9093")), HttpAuth.none(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        AlertmanagerClient client = new AlertmanagerClient(List.of(URI.create("http://am:9093/prefix/")), HttpAuth.none(),
                TIMEOUT);
        assertThat(client.urls()).containsExactly(URI.create("http://am:9093/prefix"));
        assertThat(client.timeout()).isEqualTo(TIMEOUT);
        assertThat(client.toString()).doesNotContain(TOKEN);
    }

    @Test
    public void silenceRequestNeedsMatchersAndAnEnd() {
        assertThatThrownBy(() -> SilenceRequest.builder(List.of()).startsAt(START).endsAt(END)
                .createdBy("me").comment("c").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one matcher");
        assertThatThrownBy(() -> SilenceRequest.builder(List.of(SERVICE)).startsAt(START).endsAt(null)
                .createdBy("me").comment("c").build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("endsAt");
        assertThatThrownBy(() -> request().withId(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        List<Matcher> matchers = new ArrayList<>(List.of(SERVICE));
        SilenceRequest request = SilenceRequest.builder(matchers).startsAt(START).endsAt(END)
                .createdBy("me").comment("c").build();
        matchers.clear();
        assertThat(request.matchers()).containsExactly(SERVICE);
        assertThat(request.withEndsAt(START.plusSeconds(1)).endsAt()).isEqualTo(START.plusSeconds(1));
    }

    @Test
    public void valuesAndExceptionsSurviveSerialization() throws Exception {
        SilenceRequest request = request().withId(ID);
        CreatedSilence created = new CreatedSilence(ID, base("/a"));
        SilenceInfo info = new SilenceInfo(ID, List.of(SERVICE), START, END, "me", "c", SilenceInfo.State.PENDING);
        AlertInfo alert = new AlertInfo(Map.of("alertname", "A"), START, END, AlertInfo.State.ACTIVE, List.of(ID), "f");

        assertThat(roundTrip(request)).isEqualTo(request);
        assertThat(roundTrip(created)).isEqualTo(created);
        assertThat(roundTrip(info)).isEqualTo(info);
        assertThat(roundTrip(alert)).isEqualTo(alert);

        script("/a", r -> json(400, "\"nope\""));
        AlertingException e = catchThrowableOfType(AlertingException.class, () -> client("/a").create(request()));
        AlertingException copy = roundTrip(e);
        assertThat(copy.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(copy.httpStatus()).isEqualTo(400);
        assertThat(copy.getMessage()).isEqualTo(e.getMessage());
        assertThat(e.attempts()).isNotEmpty();
        assertThat(copy.attempts()).as("records are not kept: XStream cannot restore them").isEmpty();
        assertThat(copy.urls()).isEmpty();
    }

    @Test
    public void aSerializedCreationFailureKeepsItsMessageAndCause() throws Exception {
        AlertingException cause = AlertingException.alertmanager(Kind.UNREACHABLE, -1,
                List.of(new AlertingException.Attempt(base("/a"), Kind.UNREACHABLE, -1, "connection refused")),
                "no Alertmanager answered");
        AlertingException e = AlertingException.creationIncomplete(Text.literal("Could not create silence 1 of 1"), cause,
                List.of());

        AlertingException copy = roundTrip(e);

        assertThat(copy.getMessage()).isEqualTo("Could not create silence 1 of 1");
        assertThat(copy.leftBehind()).isEmpty();
        assertThat(copy.getCause()).isInstanceOfSatisfying(AlertingException.class,
                c -> assertThat(c.attempts()).isEmpty());
    }

    @Test
    public void oneClientServesManyThreads() throws Exception {
        script("/a", r -> json(200, "{\"silenceID\":\"" + r.body().length() + "\"}"));
        AlertmanagerClient client = client("/a");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CreatedSilence>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String comment = "c".repeat(i);
                Callable<CreatedSilence> call = () -> client.create(SilenceRequest.builder(List.of(SERVICE))
                        .startsAt(START).endsAt(END).createdBy("me").comment(comment).build());
                results.add(pool.submit(call));
            }
            int baseLength = AlertmanagerClient.silenceJson(SilenceRequest.builder(List.of(SERVICE))
                    .startsAt(START).endsAt(END).createdBy("me").comment("").build())
                    .length();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS).id()).isEqualTo(String.valueOf(baseLength + i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    public void clientsSharingAProxiedHttpClientCallThroughTheProxy() throws Exception {
        script("/a", r -> r.method().equals("POST") ? json(200, "{\"silenceID\":\"" + ID + "\"}")
                : new Reply(200, "application/json", ""));
        try (ForwardProxy proxy = ForwardProxy.start()) {
            HttpClient shared = HttpProbe.configure(HttpClient.newBuilder().proxy(proxy.selector()), TIMEOUT).build();
            AlertmanagerClient creating = new AlertmanagerClient(List.of(base("/a")), HttpAuth.bearer(TOKEN), TIMEOUT, shared);
            AlertmanagerClient expiring = new AlertmanagerClient(List.of(base("/a")), HttpAuth.none(), TIMEOUT,
                    AlertmanagerClient.DEFAULT_MAX_RESPONSE_BYTES, shared);

            assertThat(creating.create(request()).id()).isEqualTo(ID);
            expiring.expire(ID);

            assertThat(proxy.requestLines()).containsExactly("POST " + base("/a") + "/api/v2/silences HTTP/1.1",
                    "DELETE " + base("/a") + "/api/v2/silence/" + ID + " HTTP/1.1");
            assertThat(proxy.failures()).isEmpty();
            assertThat(requests).extracting(Request::authorization).containsExactly("Bearer " + TOKEN, null);
        }
    }
}
