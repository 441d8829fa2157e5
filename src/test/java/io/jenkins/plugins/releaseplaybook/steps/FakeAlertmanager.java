package io.jenkins.plugins.releaseplaybook.steps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An Alertmanager v2 API on the loopback interface that remembers every request: {@code POST /api/v2/silences}
 * answers a new ID ({@code silence-1}, {@code silence-2}, ...) unless the test refuses the silence,
 * {@code DELETE /api/v2/silence/{id}} expires it (or answers the status the test chose), and {@code GET
 * /api/v2/alerts} lists the firing alerts the test chose, each silenced by every silence still active.
 */
final class FakeAlertmanager implements AutoCloseable {
    /** One request as received: method, path (with the query) and body. */
    record Received(String method, String path, String body) {}

    private static final String ALERT_TIME = "2026-01-01T00:00:00.000Z";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private volatile Predicate<String> refuseCreation = body -> false;
    private volatile int expiryStatus = 200;
    private volatile List<Map<String, String>> firing = List.of();

    FakeAlertmanager() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/silences", this::silences);
        server.createContext("/api/v2/silence/", this::silence);
        server.createContext("/api/v2/alerts", this::alerts);
        server.setExecutor(executor);
        server.start();
    }

    /** The address the server is bound to (the loopback interface, IPv4 or IPv6), as a base URL. */
    String url() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        int scope = host.indexOf('%');
        if (scope >= 0) {
            host = host.substring(0, scope); // a zone ID is meaningless on the loopback interface
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    /** Silences whose JSON body matches are refused with HTTP 400, as Alertmanager refuses an invalid silence. */
    void refuseCreation(Predicate<String> body) {
        this.refuseCreation = body;
    }

    /** The status every expiry answers; 200 expires the silence. */
    void answerExpiryWith(int status) {
        this.expiryStatus = status;
    }

    /** Alerts that fire, by their labels; each is silenced by every silence that is active. */
    void fire(List<Map<String, String>> alerts) {
        this.firing = List.copyOf(alerts);
    }

    List<Received> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of the silences created or refused, in order. */
    List<String> createdBodies() {
        return requests.stream().filter(r -> r.method().equals("POST")).map(Received::body).toList();
    }

    /** The IDs of the expiry requests, in order. */
    List<String> expiredIds() {
        return requests.stream().filter(r -> r.method().equals("DELETE"))
                .map(r -> r.path().substring("/api/v2/silence/".length())).toList();
    }

    Set<String> activeIds() {
        return Set.copyOf(active);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void silences(HttpExchange exchange) throws IOException {
        String body = record(exchange);
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "\"method not allowed\"");
        } else if (refuseCreation.test(body)) {
            respond(exchange, 400, "\"silence invalid: refused by the test\"");
        } else {
            String id = "silence-" + nextId.incrementAndGet();
            active.add(id);
            respond(exchange, 200, "{\"silenceID\":\"" + id + "\"}");
        }
    }

    private void silence(HttpExchange exchange) throws IOException {
        record(exchange);
        String id = exchange.getRequestURI().getPath().substring("/api/v2/silence/".length());
        if (!exchange.getRequestMethod().equals("DELETE")) {
            respond(exchange, 405, "\"method not allowed\"");
            return;
        }
        int status = expiryStatus;
        if (status == 200) {
            active.remove(id);
        }
        respond(exchange, status, status == 200 ? "" : "\"refused by the test\"");
    }

    private void alerts(HttpExchange exchange) throws IOException {
        record(exchange);
        List<String> silencedBy = new ArrayList<>(active);
        String state = silencedBy.isEmpty() ? "active" : "suppressed";
        String ids = silencedBy.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        List<String> alerts = new ArrayList<>();
        int fingerprint = 0;
        for (Map<String, String> labels : firing) {
            String labelJson = labels.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                    .collect(Collectors.joining(","));
            alerts.add("{\"labels\":{" + labelJson + "},\"annotations\":{},\"startsAt\":\"" + ALERT_TIME
                    + "\",\"endsAt\":\"" + ALERT_TIME + "\",\"updatedAt\":\"" + ALERT_TIME + "\",\"fingerprint\":\"f"
                    + fingerprint++ + "\",\"receivers\":[{\"name\":\"null\"}],\"status\":{\"state\":\"" + state
                    + "\",\"silencedBy\":[" + ids + "],\"inhibitedBy\":[]}}");
        }
        respond(exchange, 200, "[" + String.join(",", alerts) + "]");
    }

    private String record(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(new Received(exchange.getRequestMethod(),
                exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query), body));
        return body;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            exchange.close();
        }
    }
}
