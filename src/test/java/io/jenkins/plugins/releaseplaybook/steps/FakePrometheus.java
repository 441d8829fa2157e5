package io.jenkins.plugins.releaseplaybook.steps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Prometheus HTTP API on the loopback interface whose values the test decides: {@code /api/v1/query} answers
 * one series with the value for the query, {@code /api/v1/query_range} a series with that value at every step
 * from start to end. A {@code null} value answers an empty result (no data). Every query is remembered, with when it
 * arrived. A test can hold instant queries after the first few ({@link #holdQueriesAfter}) so that no further round
 * can complete, e.g. while a controller restarts; the server outlives Jenkins sessions, as a real one would.
 */
final class FakePrometheus implements AutoCloseable {
    private static final int MAX_RANGE_POINTS = 1_000;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<Instant> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger instantQueries = new AtomicInteger();
    private final Semaphore held = new Semaphore(0);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int answeredBeforeHolding = Integer.MAX_VALUE;
    private volatile Function<String, String> values = query -> "1";

    FakePrometheus() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", exchange -> answer(exchange, false));
        server.createContext("/api/v1/query_range", exchange -> answer(exchange, true));
        server.setExecutor(executor);
        server.start();
    }

    /** The address the server is bound to (IPv4 or IPv6 loopback, whichever the JVM prefers). */
    String url() {
        InetSocketAddress bound = server.getAddress();
        InetAddress address = bound.getAddress();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return "http://" + host + ":" + bound.getPort();
    }

    /** Answers the first {@code answered} instant queries (counting from now on), then holds the rest until {@link #release}. */
    void holdQueriesAfter(int answered) {
        answeredBeforeHolding = instantQueries.get() + answered;
    }

    /** Waits until an instant query is being held: the round that sent it cannot complete. */
    boolean awaitHeldQuery(Duration timeout) throws InterruptedException {
        return held.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers the held queries and every later one. */
    void release() {
        answeredBeforeHolding = Integer.MAX_VALUE;
        released.countDown();
    }

    /** When each query arrived, in order. */
    List<Instant> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Decides the value (as Prometheus writes it, e.g. {@code "0.5"} or {@code "NaN"}) for each query. */
    void answer(Function<String, String> valueForQuery) {
        this.values = valueForQuery;
    }

    List<String> queries() {
        return List.copyOf(queries);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange, boolean range) throws IOException {
        try {
            respond(exchange, range);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void respond(HttpExchange exchange, boolean range) throws IOException, InterruptedException {
        try {
            Map<String, String> parameters = parameters(exchange);
            String query = parameters.getOrDefault("query", "");
            queries.add(query);
            arrivals.add(Instant.now());
            if (!range && instantQueries.incrementAndGet() > answeredBeforeHolding) {
                held.release();
                if (!released.await(1, TimeUnit.MINUTES)) {
                    return;
                }
            }
            String value = values.apply(query);
            // An answer may carry the series' labels: {"version":"1.4.2"}|1 is one series with that label.
            String metric = "{}";
            if (value != null && value.contains("|")) {
                metric = value.substring(0, value.lastIndexOf('|'));
                value = value.substring(value.lastIndexOf('|') + 1);
            }
            String result;
            if (value == null) {
                result = "[]";
            } else if (range) {
                result = "[{\"metric\":" + metric + ",\"values\":[" + points(parameters, value) + "]}]";
            } else {
                String time = parameters.getOrDefault("time", seconds(System.currentTimeMillis() / 1000.0));
                result = "[{\"metric\":" + metric + ",\"value\":[" + time + ",\"" + value + "\"]}]";
            }
            String type = range ? "matrix" : "vector";
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"" + type + "\",\"result\":" + result + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    private static String points(Map<String, String> parameters, String value) {
        double start = Double.parseDouble(parameters.get("start"));
        double end = Double.parseDouble(parameters.get("end"));
        double step = Double.parseDouble(parameters.get("step"));
        StringBuilder points = new StringBuilder();
        int count = 0;
        for (double at = start; at <= end + 1e-9 && count < MAX_RANGE_POINTS; at += step, count++) {
            points.append(count == 0 ? "" : ",").append('[').append(seconds(at)).append(",\"").append(value).append("\"]");
        }
        return points.toString();
    }

    private static String seconds(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /** The form body of a POST, or the query string of a GET. */
    private static Map<String, String> parameters(HttpExchange exchange) throws IOException {
        String encoded;
        if ("POST".equals(exchange.getRequestMethod())) {
            try (InputStream in = exchange.getRequestBody()) {
                encoded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            encoded = exchange.getRequestURI().getRawQuery();
        }
        Map<String, String> parameters = new HashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
