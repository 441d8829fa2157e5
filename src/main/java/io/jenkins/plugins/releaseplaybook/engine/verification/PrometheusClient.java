package io.jenkins.plugins.releaseplaybook.engine.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpProbe;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationException.Kind;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Runs PromQL queries through the Prometheus HTTP API ({@code /api/v1/query} and
 * {@code /api/v1/query_range}).
 *
 * <p>Queries are sent as {@code POST} with an {@code application/x-www-form-urlencoded} body, so
 * long expressions do not hit URL length limits; each carries a {@code timeout} a little shorter
 * than the client's, so that Prometheus gives up on a slow query itself and says so, instead of
 * running on after the client stopped waiting. Times are sent as Unix seconds with millisecond
 * decimals.
 *
 * <p>The answer is the API's JSON envelope ({@code {"status":"success"|"error","data":...,
 * "errorType":...,"error":...,"warnings":[...]}}); sample values are strings there so that
 * {@code "NaN"}, {@code "+Inf"} and {@code "-Inf"} survive, and they are kept as such. Every failure
 * becomes a {@link VerificationException} whose {@link VerificationException#kind() kind} tells the
 * caller whether to retry, and whose message tells a person what to fix. Prometheus answers
 * 400 ({@code bad_data}), 422 ({@code execution}) and 503 ({@code timeout}, {@code canceled}) with
 * a JSON error body, which is used whatever the status.
 *
 * <p>An instance is immutable and thread-safe; concurrent checks share it and its HTTP client. Several
 * instances may share one {@link HttpClient} (the constructors that take one), so that repeated
 * verifications neither open a client per call nor bypass the proxy the caller chose.
 */
public final class PrometheusClient implements QueryPort {

    /** The most bytes of an answer that are read, by default. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    static final String QUERY_PATH = "/api/v1/query";
    static final String QUERY_RANGE_PATH = "/api/v1/query_range";

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String ACCEPT = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUOTED_QUERY = 300;
    private static final Duration MAX_SERVER_TIMEOUT_MARGIN = Duration.ofSeconds(1);
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");
    private static final String QUERY_PARAMETER_PREFIX = "invalid parameter \"query\": ";

    private final URI baseUrl;
    private final URI queryUrl;
    private final URI queryRangeUrl;
    private final Duration timeout;
    private final String serverTimeout;
    private final int maxResponseBytes;
    private final HttpProbe http;

    /**
     * A client that reads at most {@link #DEFAULT_MAX_RESPONSE_BYTES} of an answer.
     *
     * @param baseUrl the base URL of Prometheus, as {@link EndpointUrl#parse} returns it (a path
     *     prefix such as {@code http://host/prometheus} is kept)
     * @param auth how to authenticate
     * @param timeout how long to wait for a connection, and again for the answer; Prometheus is
     *     asked to give up a little earlier
     * @throws IllegalArgumentException if the URL is not a valid base URL (for example, it holds
     *     credentials) or the timeout is not positive
     */
    public PrometheusClient(URI baseUrl, HttpAuth auth, Duration timeout) {
        this(baseUrl, auth, timeout, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * @param maxResponseBytes the most bytes of an answer that are read; a larger answer is refused
     *     as {@link Kind#MALFORMED_RESPONSE} with a hint to narrow the query
     * @see #PrometheusClient(URI, HttpAuth, Duration)
     */
    public PrometheusClient(URI baseUrl, HttpAuth auth, Duration timeout, int maxResponseBytes) {
        this(baseUrl, auth, timeout, maxResponseBytes, HttpProbe.newClient(timeout));
    }

    /**
     * A client that sends through a shared HTTP client (for example one that uses the proxy of the installation)
     * and reads at most {@link #DEFAULT_MAX_RESPONSE_BYTES} of an answer.
     *
     * @param httpClient built with {@link HttpProbe#configure}; it must not follow redirects
     * @see #PrometheusClient(URI, HttpAuth, Duration)
     */
    public PrometheusClient(URI baseUrl, HttpAuth auth, Duration timeout, HttpClient httpClient) {
        this(baseUrl, auth, timeout, DEFAULT_MAX_RESPONSE_BYTES, httpClient);
    }

    /**
     * @param httpClient built with {@link HttpProbe#configure}; it must not follow redirects
     * @see #PrometheusClient(URI, HttpAuth, Duration, int)
     */
    public PrometheusClient(URI baseUrl, HttpAuth auth, Duration timeout, int maxResponseBytes, HttpClient httpClient) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(auth, "auth (use HttpAuth.none() for no authentication)");
        Objects.requireNonNull(timeout, "timeout");
        this.baseUrl = EndpointUrl.parse(baseUrl.toString());
        this.queryUrl = EndpointUrl.append(this.baseUrl, QUERY_PATH);
        this.queryRangeUrl = EndpointUrl.append(this.baseUrl, QUERY_RANGE_PATH);
        this.http = new HttpProbe(auth, timeout, maxResponseBytes, httpClient);
        this.timeout = timeout;
        this.serverTimeout = seconds(serverTimeout(timeout));
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The base URL queried. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The client's timeout (for connecting, and again for the answer). */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Evaluates {@code promql} at one point in time ({@code POST /api/v1/query}).
     *
     * @return the resulting instant vector (a scalar result as one series without labels)
     * @throws VerificationException if the query failed; {@link Kind#UNEXPECTED_RESULT} for a
     *     range vector or string result
     */
    @Override
    public QueryResult query(String promql, Instant at) throws VerificationException {
        Objects.requireNonNull(promql, "promql");
        Objects.requireNonNull(at, "at");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        form.put("time", seconds(at));
        form.put("timeout", serverTimeout);
        Call call = new Call(promql, queryUrl);
        Envelope envelope = call.send(form);

        JsonNode data = envelope.data();
        String resultType = call.resultType(data);
        JsonNode result = data.get("result");
        List<Series> series = new ArrayList<>();
        switch (resultType) {
            case "vector" -> {
                for (JsonNode element : call.array(result, "'data.result'")) {
                    series.add(call.instantSeries(element));
                }
            }
            case "scalar" -> series.add(new Series(Map.of(), call.samplePair(result, "the scalar result").value()));
            case "matrix" -> throw call.unexpected("a range vector (result type 'matrix')", "an instant query needs an"
                    + " instant vector or a scalar: remove the range selector ([5m]) or wrap it in a function such as"
                    + " rate(...) or avg_over_time(...)");
            case "string" -> throw call.unexpected("a string (result type 'string')",
                    "a check compares numbers: query a metric or a number instead");
            default -> throw call.malformed("the result type '" + call.clip(resultType) + "' is none of vector,"
                    + " scalar, matrix or string");
        }
        return new QueryResult(promql, series, envelope.warnings());
    }

    /**
     * Evaluates {@code promql} at every {@code step} from {@code start} to {@code end}
     * ({@code POST /api/v1/query_range}).
     *
     * @throws IllegalArgumentException if {@code end} is before {@code start} or the step is shorter
     *     than a millisecond
     * @throws VerificationException if the query failed
     */
    @Override
    public RangeResult queryRange(String promql, Instant start, Instant end, Duration step) throws VerificationException {
        Objects.requireNonNull(promql, "promql");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(step, "step");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("The end of a range query (" + end + ") is before its start (" + start + ")");
        }
        if (step.toMillis() < 1) {
            throw new IllegalArgumentException("The step of a range query must be at least 1 ms, but is " + step);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        form.put("start", seconds(start));
        form.put("end", seconds(end));
        form.put("step", seconds(step));
        form.put("timeout", serverTimeout);
        Call call = new Call(promql, queryRangeUrl);
        Envelope envelope = call.send(form);

        JsonNode data = envelope.data();
        String resultType = call.resultType(data);
        if (!resultType.equals("matrix")) {
            throw call.unexpected("result type '" + call.clip(resultType) + "'",
                    "a range query returns a matrix; the server may not implement the Prometheus API faithfully");
        }
        List<RangeSeries> series = new ArrayList<>();
        for (JsonNode element : call.array(data.get("result"), "'data.result'")) {
            series.add(call.rangeSeries(element));
        }
        return new RangeResult(promql, series, envelope.warnings());
    }

    @Override
    public String toString() {
        return "PrometheusClient[" + baseUrl + ", timeout " + timeout + "]";
    }

    /** How long Prometheus may take: the client's timeout less a margin for the network (a fifth, at most 1 s). */
    static Duration serverTimeout(Duration clientTimeout) {
        Duration fifth = clientTimeout.dividedBy(5);
        Duration margin = fifth.compareTo(MAX_SERVER_TIMEOUT_MARGIN) < 0 ? fifth : MAX_SERVER_TIMEOUT_MARGIN;
        Duration server = clientTimeout.minus(margin);
        return server.toMillis() < 1 ? Duration.ofMillis(1) : server;
    }

    /** Unix seconds with millisecond decimals ({@code 1700000000.123}). */
    static String seconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString();
    }

    /** Seconds with millisecond decimals ({@code 15.000}). */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).toPlainString();
    }

    /** A sample value as Prometheus writes it: a decimal or {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static double parseValue(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "+inf":
            case "inf":
            case "+infinity":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!NUMBER.matcher(text).matches()) {
                    throw new NumberFormatException(text);
                }
                return Double.parseDouble(text);
        }
    }

    private static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** The successful part of an answer. */
    private record Envelope(JsonNode data, List<String> warnings) {}

    /** One query: sends it, and reads the answer with messages that name the query and the URL. */
    private final class Call {
        private final String query;
        private final URI url;
        /** The HTTP status of the answer, once there is one. */
        private int status = -1;

        Call(String query, URI url) {
            this.query = query;
            this.url = url;
        }

        Envelope send(Map<String, String> fields) throws VerificationException {
            HttpProbe.Outcome outcome = http.post(url, FORM, form(fields), ACCEPT);
            status = outcome.status();
            switch (outcome.kind()) {
                case OK:
                    return success(outcome);
                case HTTP_ERROR:
                    JsonNode error = errorEnvelope(outcome.body());
                    if (error != null) {
                        throw prometheusError(error, outcome.status());
                    }
                    throw failure(Kind.HTTP_ERROR, outcome, outcome.status() == 404
                            ? "; check that the endpoint URL is the base URL of Prometheus (the part before /api/v1)"
                            : "");
                case REDIRECTED:
                    throw failure(Kind.HTTP_ERROR, outcome, "");
                case ACCESS_DENIED:
                    throw failure(Kind.ACCESS_DENIED, outcome, "");
                case TIMEOUT:
                    throw failure(Kind.TIMEOUT, outcome, "");
                case INTERRUPTED:
                    Thread.currentThread().interrupt();
                    throw failure(Kind.INTERRUPTED, outcome, "");
                case UNREACHABLE:
                case TLS_FAILURE:
                case IO_ERROR:
                default:
                    throw failure(Kind.UNREACHABLE, outcome, "");
            }
        }

        private Envelope success(HttpProbe.Outcome outcome) throws VerificationException {
            if (outcome.truncated()) {
                throw malformed("the answer is larger than " + sizeOf(maxResponseBytes) + ", the most this client"
                        + " reads", "narrow the query (fewer series, for example by aggregating with sum by (...)) or,"
                        + " for a range query, use a larger step or a shorter range");
            }
            JsonNode root = parse(outcome.body());
            String answerStatus = root.path("status").isTextual() ? root.get("status").asText() : null;
            if ("error".equals(answerStatus)) {
                throw prometheusError(root, outcome.status());
            }
            if (!"success".equals(answerStatus)) {
                throw malformed(answerStatus == null
                        ? "the JSON has no 'status' field"
                        : "'status' is '" + clip(answerStatus) + "', neither 'success' nor 'error'");
            }
            JsonNode data = root.get("data");
            if (data == null || data.isNull()) {
                throw malformed("'data' is missing");
            }
            if (!data.isObject()) {
                throw malformed("'data' is not an object");
            }
            return new Envelope(data, warnings(root.get("warnings")));
        }

        private JsonNode parse(String body) throws VerificationException {
            if (body.isBlank()) {
                throw malformed("the answer is empty");
            }
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                String start = http.firstLine(body);
                throw malformed("the answer is not JSON" + (start.isEmpty() ? "" : " (it starts with \"" + start + "\")"));
            }
            if (root == null || !root.isObject()) {
                throw malformed("the answer is JSON but not an object");
            }
            return root;
        }

        /** The JSON error envelope in an error answer's body, or null if the body is something else. */
        private JsonNode errorEnvelope(String body) {
            try {
                JsonNode root = JSON.readTree(body);
                if (root != null && root.isObject() && "error".equals(root.path("status").asText(null))) {
                    return root;
                }
            } catch (JsonProcessingException e) {
                // not Prometheus' error body: a proxy's page or plain text
            }
            return null;
        }

        private List<String> warnings(JsonNode node) throws VerificationException {
            if (node == null || node.isNull()) {
                return List.of();
            }
            List<String> warnings = new ArrayList<>();
            for (JsonNode warning : array(node, "'warnings'")) {
                warnings.add(http.redact(warning.isTextual() ? warning.asText() : warning.toString()));
            }
            return warnings;
        }

        private VerificationException prometheusError(JsonNode root, int status) {
            String errorType = root.path("errorType").isTextual() ? root.get("errorType").asText() : null;
            String error = root.path("error").isTextual() ? http.redact(root.get("error").asText().strip()) : "";
            String statusText = status >= 300 ? "HTTP " + status : null;
            if ("bad_data".equals(errorType)) {
                if (error.startsWith(QUERY_PARAMETER_PREFIX)) {
                    error = error.substring(QUERY_PARAMETER_PREFIX.length());
                }
                boolean promqlError = error.matches("(?s)\\d+:\\d+: parse error.*") || error.startsWith("parse error");
                String message = promqlError
                        ? "PromQL error in '" + quoted() + "': " + error + " (reported by Prometheus at " + url + ")"
                        : "Prometheus at " + url + " rejected the query '" + quoted() + "'"
                                + (statusText == null ? "" : " (" + statusText + ")") + ": "
                                + (error.isEmpty() ? "no reason given" : error);
                return new VerificationException(Kind.BAD_QUERY, query, url, status, errorType, message);
            }
            String typeAndStatus = (errorType == null ? "no error type" : "error type '" + errorType + "'")
                    + (statusText == null ? "" : ", " + statusText);
            String message = "Prometheus at " + url + " could not run the query '" + quoted() + "' (" + typeAndStatus
                    + "): " + (error.isEmpty() ? "no reason given" : error) + hint(errorType);
            return new VerificationException(Kind.PROMETHEUS_ERROR, query, url, status, errorType, message);
        }

        private String hint(String errorType) {
            if (errorType == null) {
                return "";
            }
            return switch (errorType) {
                case "timeout" -> "; the query took longer than Prometheus allowed (at most "
                        + HttpProbe.human(serverTimeout(timeout)) + " asked): simplify it or shorten its range,"
                        + " or raise the timeout";
                case "canceled" -> "; Prometheus canceled the query (for example while shutting down): try again";
                case "unavailable" -> "; Prometheus is not ready yet (starting up or replaying its write-ahead log):"
                        + " try again later";
                case "too_many_requests" -> "; the server is rate limiting queries: try again later";
                default -> "";
            };
        }

        private VerificationException failure(Kind kind, HttpProbe.Outcome outcome, String hint) {
            return new VerificationException(kind, query, url, outcome.status(), null,
                    "Prometheus query '" + quoted() + "' failed: " + outcome.message() + hint);
        }

        VerificationException malformed(String detail) {
            return malformed(detail, "check that the endpoint URL points to Prometheus or a compatible server, not to"
                    + " a proxy's page or another service");
        }

        private VerificationException malformed(String detail, String hint) {
            return new VerificationException(Kind.BAD_RESPONSE, query, url, status, null,
                    "Prometheus at " + url + " gave an unusable answer to the query '" + quoted() + "': " + detail
                            + "; " + hint);
        }

        VerificationException unexpected(String what, String hint) {
            return new VerificationException(Kind.UNEXPECTED_RESULT, query, url, status, null,
                    "The query '" + quoted() + "' returned " + what + " from Prometheus at " + url + ": " + hint);
        }

        String resultType(JsonNode data) throws VerificationException {
            JsonNode type = data.get("resultType");
            if (type == null || !type.isTextual()) {
                throw malformed("'data.resultType' is missing");
            }
            if (!data.has("result")) {
                throw malformed("'data.result' is missing");
            }
            return type.asText();
        }

        /** The elements of a JSON list; JSON {@code null} is an empty list (as some compatible servers send it). */
        Iterable<JsonNode> array(JsonNode node, String what) throws VerificationException {
            if (node != null && node.isNull()) {
                return List.of();
            }
            if (node == null || !node.isArray()) {
                throw malformed(what + " is not a list");
            }
            return node;
        }

        Series instantSeries(JsonNode element) throws VerificationException {
            Map<String, String> labels = labels(element);
            JsonNode value = element.get("value");
            if (value == null && element.has("histogram")) {
                throw nativeHistogram(labels);
            }
            if (value == null) {
                throw malformed("the series " + Series.Labels.describe(labels) + " has no 'value'");
            }
            return new Series(labels, samplePair(value, "the value of the series " + Series.Labels.describe(labels)).value());
        }

        RangeSeries rangeSeries(JsonNode element) throws VerificationException {
            Map<String, String> labels = labels(element);
            JsonNode values = element.get("values");
            JsonNode histograms = element.get("histograms");
            if (histograms != null && histograms.isArray() && !histograms.isEmpty()) {
                throw nativeHistogram(labels);
            }
            if (values == null) {
                throw malformed("the series " + Series.Labels.describe(labels) + " has no 'values'");
            }
            String what = "a value of the series " + Series.Labels.describe(labels);
            List<TimedValue> points = new ArrayList<>();
            for (JsonNode pair : array(values, "'values' of the series " + Series.Labels.describe(labels))) {
                points.add(samplePair(pair, what));
            }
            return new RangeSeries(labels, points);
        }

        private VerificationException nativeHistogram(Map<String, String> labels) {
            return unexpected("native histogram samples (series " + Series.Labels.describe(labels) + ")",
                    "a check compares numbers: turn the histogram into one with histogram_quantile(),"
                            + " histogram_count(), histogram_sum() or histogram_fraction()");
        }

        private Map<String, String> labels(JsonNode element) throws VerificationException {
            if (element == null || !element.isObject()) {
                throw malformed("an element of 'data.result' is not an object");
            }
            JsonNode metric = element.get("metric");
            if (metric == null || metric.isNull()) {
                return Map.of();
            }
            if (!metric.isObject()) {
                throw malformed("the 'metric' of a series is not an object");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> label : metric.properties()) {
                if (!label.getValue().isTextual()) {
                    throw malformed("the label '" + clip(label.getKey()) + "' of a series is not a string");
                }
                labels.put(label.getKey(), label.getValue().asText());
            }
            return labels;
        }

        /** {@code [<unix seconds>, "<value>"]}. */
        TimedValue samplePair(JsonNode pair, String what) throws VerificationException {
            if (pair == null || !pair.isArray() || pair.size() != 2) {
                throw malformed(what + " is not a [time, \"value\"] pair: " + clip(String.valueOf(pair)));
            }
            JsonNode time = pair.get(0);
            if (!time.isNumber() || !Double.isFinite(time.doubleValue())) {
                throw malformed(what + " has the time " + clip(time.toString()) + ", which is not a number of seconds");
            }
            JsonNode value = pair.get(1);
            double number;
            if (value.isNumber()) {
                number = value.doubleValue();
            } else if (value.isTextual()) {
                try {
                    number = parseValue(value.asText());
                } catch (NumberFormatException e) {
                    throw malformed(what + " is \"" + clip(value.asText()) + "\", which is not a number");
                }
            } else {
                throw malformed(what + " is " + clip(value.toString()) + ", which is not a number");
            }
            return new TimedValue(Instant.ofEpochMilli(Math.round(time.doubleValue() * 1000)), number);
        }

        /** The query for a message: on one line, long ones cut. */
        String quoted() {
            String oneLine = LINE_BREAKS.matcher(query.strip()).replaceAll(" ");
            return clip(oneLine, MAX_QUOTED_QUERY);
        }

        String clip(String text) {
            return clip(http.redact(text), 80);
        }

        private String clip(String text, int max) {
            return text.length() > max ? text.substring(0, max) + "…" : text;
        }
    }

    private static String sizeOf(int bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return (bytes / (1024 * 1024)) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes / 1024) + " KiB";
        }
        return bytes + " bytes";
    }
}
