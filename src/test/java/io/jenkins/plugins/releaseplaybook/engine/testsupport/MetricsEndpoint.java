package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.junit.rules.ExternalResource;

/**
 * A tiny service for Prometheus to scrape: serves the Prometheus text exposition format (0.0.4) at
 * {@code /metrics} on 127.0.0.1, with values the test changes while it runs (to switch a service
 * from healthy to degraded), and can be made to fail scrapes with an HTTP status.
 */
public final class MetricsEndpoint extends ExternalResource {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Series text ({@code name{a="b"}}) to value, per metric name; read at every scrape. */
    private final SortedMap<String, SortedMap<String, DoubleSupplier>> metrics = new TreeMap<>();
    private final Map<String, String> types = new TreeMap<>();
    private final AtomicInteger scrapes = new AtomicInteger();
    private volatile int failureStatus;
    private HttpServer server;

    @Override
    protected void before() {
        start();
    }

    @Override
    protected void after() {
        stop();
    }

    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("The metrics endpoint is already running at " + baseUrl());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(FreePort.loopback(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the metrics endpoint on 127.0.0.1", e);
        }
        server.createContext("/metrics", this::serve);
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public synchronized URI baseUrl() {
        if (server == null) {
            throw new IllegalStateException("The metrics endpoint is not started");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code http://127.0.0.1:<port>/metrics}, the URL to scrape. */
    public URI metricsUrl() {
        return baseUrl().resolve("/metrics");
    }

    /** Sets a series without labels. */
    public MetricsEndpoint set(String metric, double value) {
        return set(metric, Map.of(), value);
    }

    /** Sets (adds or replaces) the series {@code metric{labels}}. */
    public MetricsEndpoint set(String metric, Map<String, String> labels, double value) {
        return set(metric, labels, () -> value);
    }

    /** Sets the series {@code metric{labels}} to a value drawn anew at every scrape (noise, ramps). */
    public synchronized MetricsEndpoint set(String metric, Map<String, String> labels, DoubleSupplier value) {
        metrics.computeIfAbsent(requireMetricName(metric), m -> new TreeMap<>()).put(series(metric, labels), value);
        return this;
    }

    /** Declares the metric's type ({@code gauge}, {@code counter}, {@code histogram}, ...) in a {@code # TYPE} line. */
    public synchronized MetricsEndpoint type(String metric, String type) {
        types.put(requireMetricName(metric), Objects.requireNonNull(type, "type"));
        return this;
    }

    /** Removes the series {@code metric{labels}}. */
    public synchronized MetricsEndpoint remove(String metric, Map<String, String> labels) {
        SortedMap<String, DoubleSupplier> series = metrics.get(metric);
        if (series != null) {
            series.remove(series(metric, labels));
            if (series.isEmpty()) {
                metrics.remove(metric);
            }
        }
        return this;
    }

    /** Removes every series and type. */
    public synchronized void clear() {
        metrics.clear();
        types.clear();
    }

    /** Makes scrapes fail with this HTTP status (for example 503), or succeed again with 0. */
    public void failWith(int status) {
        failureStatus = status;
    }

    /** How many times {@code /metrics} was requested. */
    public int scrapeCount() {
        return scrapes.get();
    }

    /** The exposition text served now. */
    public synchronized String exposition() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, SortedMap<String, DoubleSupplier>> metric : metrics.entrySet()) {
            String type = types.get(metric.getKey());
            if (type != null) {
                text.append("# TYPE ").append(metric.getKey()).append(' ').append(type).append('\n');
            }
            for (Map.Entry<String, DoubleSupplier> series : metric.getValue().entrySet()) {
                text.append(series.getKey()).append(' ').append(format(series.getValue().getAsDouble())).append('\n');
            }
        }
        return text.toString();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            scrapes.incrementAndGet();
            int status = failureStatus;
            byte[] body = status != 0
                    ? ("failing on purpose with HTTP " + status + "\n").getBytes(StandardCharsets.UTF_8)
                    : exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status != 0 ? status : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String series(String metric, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return metric;
        }
        StringBuilder b = new StringBuilder(metric).append('{');
        String separator = "";
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            if (!LABEL_NAME.matcher(label.getKey()).matches()) {
                throw new IllegalArgumentException("Not a Prometheus label name: " + label.getKey());
            }
            b.append(separator).append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
            separator = ",";
        }
        return b.append('}').toString();
    }

    private static String requireMetricName(String metric) {
        if (metric == null || !METRIC_NAME.matcher(metric).matches()) {
            throw new IllegalArgumentException("Not a Prometheus metric name: " + metric);
        }
        return metric;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }
}
