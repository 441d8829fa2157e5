package io.jenkins.plugins.releaseplaybook.engine.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException.Attempt;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpProbe;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Creates, reads and expires silences, and lists alerts, through Alertmanager's v2 API
 * ({@code /api/v2/silences}, {@code /api/v2/silence/{id}}, {@code /api/v2/alerts}).
 *
 * <p><b>HA cluster.</b> The client is given the URLs of all instances of one Alertmanager cluster
 * (the instances share silences by gossip). Each call tries them in order and uses the first that
 * answers: an instance that is unreachable, does not answer in time, or answers with a 5xx status is
 * skipped to the next one; any other answer (a 2xx, and also a 4xx such as 400, 401, 403 or 404,
 * and a redirect) is the cluster's answer and is not retried elsewhere. If no instance answers, the
 * {@link AlertingException} names every URL tried and why each failed. Expiry is the exception:
 * an instance may not know a silence the cluster has (see {@link #expire(String, URI)}).
 *
 * <p><b>Silence IDs.</b> Alertmanager answers an update ({@link SilenceRequest#id()} set) with a
 * <em>new</em> ID, expiring the old silence, whenever the change would rewrite history: other
 * matchers, another start of an active silence, a start in the past for a pending one, or any change
 * of an expired one. {@link #create} always returns the ID Alertmanager gave; record that one.
 *
 * <p><b>Expiry.</b> {@code DELETE /api/v2/silence/{id}} expires a silence (it stays listed as
 * {@code expired} until Alertmanager's retention drops it). Expiring an expired silence is a success
 * (Alertmanager 0.25 answers 200; older versions answered 500 "silence ... already expired", which is
 * taken as success too). Alertmanager 0.25 says it does not know an ID with a {@code 500 "silence not
 * found"}, later versions with a 404. In an HA cluster that is one instance's view only (it may have been
 * down when the silence was created): the creating instance is asked first, then every other, and the
 * silence is {@link Kind#NOT_FOUND} only if none knows it.
 *
 * <p>Times are sent in RFC 3339 with milliseconds in UTC ({@code 2024-05-01T12:00:00.000Z}), as
 * Alertmanager writes them. A {@link #create} that timed out may still have been carried out by the
 * instance that timed out, and the next instance then creates a second silence; both end at the
 * requested end.
 *
 * <p>An instance is immutable and thread-safe; it may be shared, with its HTTP client.
 */
public final class AlertmanagerClient implements AlertmanagerPort {

    /** The most bytes of an answer that are read, by default. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    static final String SILENCES_PATH = "/api/v2/silences";
    static final String SILENCE_PATH = "/api/v2/silence/";
    static final String ALERTS_PATH = "/api/v2/alerts";

    private static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_REASON = 300;
    private static final int MAX_CLIP = 80;
    private static final Pattern ALREADY_EXPIRED = Pattern.compile("(?i)\\balready expired\\b");
    private static final Pattern SILENCE_NOT_FOUND = Pattern.compile("(?i)^\\s*silence not found\\s*$");
    private static final String URL_HINT = "check that the URL is the base URL of Alertmanager (the part before"
            + " /api/v2, including the path of --web.route-prefix or of a proxy) and that it runs Alertmanager 0.16 or"
            + " later";

    private final List<URI> urls;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final HttpProbe http;

    /**
     * A client that reads at most {@link #DEFAULT_MAX_RESPONSE_BYTES} of an answer.
     *
     * @param urls the base URLs of the instances of one Alertmanager cluster, in the order to try them,
     *     as {@link EndpointUrl#parseList} returns them (a path prefix such as
     *     {@code http://host/alertmanager} is kept)
     * @param auth how to authenticate (the same for all instances)
     * @param timeout how long to wait for a connection to an instance, and again for its answer
     * @throws IllegalArgumentException if the list is empty, holds a URL twice, or holds an invalid base
     *     URL (for example one with credentials), or the timeout is not positive
     */
    public AlertmanagerClient(List<URI> urls, HttpAuth auth, Duration timeout) {
        this(urls, auth, timeout, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * @param maxResponseBytes the most bytes of an answer that are read; a larger answer is refused as
     *     {@link Kind#MALFORMED_RESPONSE}
     * @see #AlertmanagerClient(List, HttpAuth, Duration)
     */
    public AlertmanagerClient(List<URI> urls, HttpAuth auth, Duration timeout, int maxResponseBytes) {
        this(urls, auth, timeout, maxResponseBytes, HttpProbe.newClient(timeout));
    }

    /**
     * A client that sends through a shared HTTP client (for example one that uses the proxy of the installation)
     * and reads at most {@link #DEFAULT_MAX_RESPONSE_BYTES} of an answer.
     *
     * @param httpClient built with {@link HttpProbe#configure}; it must not follow redirects
     * @see #AlertmanagerClient(List, HttpAuth, Duration)
     */
    public AlertmanagerClient(List<URI> urls, HttpAuth auth, Duration timeout, HttpClient httpClient) {
        this(urls, auth, timeout, DEFAULT_MAX_RESPONSE_BYTES, httpClient);
    }

    /**
     * @param httpClient built with {@link HttpProbe#configure}; it must not follow redirects
     * @see #AlertmanagerClient(List, HttpAuth, Duration, int)
     */
    public AlertmanagerClient(List<URI> urls, HttpAuth auth, Duration timeout, int maxResponseBytes,
            HttpClient httpClient) {
        Objects.requireNonNull(urls, "urls");
        Objects.requireNonNull(auth, "auth (use HttpAuth.none() for no authentication)");
        Objects.requireNonNull(timeout, "timeout");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("No Alertmanager URL is configured: enter the base URL of at least one"
                    + " Alertmanager, for example \"http://alertmanager.example.com:9093\"");
        }
        Set<URI> parsed = new LinkedHashSet<>();
        for (URI url : urls) {
            Objects.requireNonNull(url, "a URL in the list is null");
            URI base = EndpointUrl.parse(url.toString());
            if (!parsed.add(base)) {
                throw new IllegalArgumentException("The Alertmanager URL \"" + base + "\" is listed twice: list each"
                        + " instance of the cluster once");
            }
        }
        this.urls = List.copyOf(parsed);
        this.http = new HttpProbe(auth, timeout, maxResponseBytes, httpClient);
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The base URLs, in the order they are tried. */
    public List<URI> urls() {
        return urls;
    }

    /** The timeout for connecting to an instance, and again for its answer. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Creates a silence, or updates the silence {@link SilenceRequest#id()} ({@code POST /api/v2/silences}).
     *
     * @return the ID Alertmanager returned, which for an update may be a new one, and the instance that
     *     accepted it
     * @throws AlertingException {@link Kind#BAD_REQUEST} with Alertmanager's reason if it refused the
     *     silence; {@link Kind#NOT_FOUND} if the silence to update is unknown
     */
    @Override
    public CreatedSilence create(SilenceRequest request) throws AlertingException {
        Objects.requireNonNull(request, "request");
        String body = silenceJson(request);
        Call call = new Call(request.id() == null
                ? "Creating the silence " + clip(request.describeMatchers(), MAX_REASON)
                : "Updating the silence " + request.id() + " " + clip(request.describeMatchers(), MAX_REASON));
        Answer answer = call.send(SILENCES_PATH, url -> http.post(url, JSON_TYPE, body, JSON_TYPE), none());
        if (!answer.ok()) {
            if (answer.status() == 404 && request.id() != null && !call.isForeignNotFound(answer)) {
                throw call.notFound(answer, "Alertmanager at " + answer.base() + " does not know the silence "
                        + request.id() + " (" + call.reason(answer) + "); it may have expired and been dropped after"
                        + " the retention period: create a new silence instead");
            }
            throw call.refused(answer);
        }
        JsonNode root = call.parse(answer);
        if (!root.isObject()) {
            throw call.malformed("the answer is JSON but not an object");
        }
        JsonNode id = root.get("silenceID");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw call.malformed("the answer has no 'silenceID'");
        }
        return new CreatedSilence(id.asText(), answer.base(),
                answer.skipped().stream().map(Attempt::problem).toList());
    }

    /**
     * Reads one silence ({@code GET /api/v2/silence/{id}}).
     *
     * @return the silence, or empty if Alertmanager does not know it (HTTP 404)
     */
    public Optional<SilenceInfo> get(String id) throws AlertingException {
        requireId(id);
        Call call = new Call("Reading the silence " + id);
        Answer answer = call.send(SILENCE_PATH + pathSegment(id), url -> http.get(url, JSON_TYPE), none());
        if (answer.status() == 404 && !call.isForeignNotFound(answer)) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw call.refused(answer);
        }
        return Optional.of(call.silence(call.parse(answer), "the silence"));
    }

    /** Lists all silences Alertmanager keeps, expired ones included ({@code GET /api/v2/silences}). */
    public List<SilenceInfo> silences() throws AlertingException {
        Call call = new Call("Listing the silences");
        Answer answer = call.send(SILENCES_PATH, url -> http.get(url, JSON_TYPE), none());
        if (!answer.ok()) {
            throw call.refused(answer);
        }
        List<SilenceInfo> silences = new ArrayList<>();
        int index = 0;
        for (JsonNode element : call.array(call.parse(answer), "the answer")) {
            silences.add(call.silence(element, "silence " + (index + 1) + " of the list"));
            index++;
        }
        return List.copyOf(silences);
    }

    /**
     * Expires a silence now ({@code DELETE /api/v2/silence/{id}}) at the first instance that knows it, trying them in
     * the configured order; see {@link #expire(String, URI)}.
     */
    public Expiry expire(String id) throws AlertingException {
        return expire(id, null);
    }

    /**
     * Expires a silence now ({@code DELETE /api/v2/silence/{id}}); a silence that already expired is left as it is,
     * without error.
     *
     * <p>The rule in an HA cluster: the instance that created the silence is asked first (it certainly knew it),
     * then every other instance in the configured order, until one expires it. One is enough: the instances of a
     * cluster share the expiry by gossip. An instance that does not know the silence (it was down when the silence
     * was created, has not synced it yet, or lost its state) is not the final word, nor is one that cannot be
     * reached or answers with an error: the next is asked. The expiry fails only if no instance expired it.
     *
     * @param createdAt the instance that accepted the silence ({@link CreatedSilence#endpoint()}); {@code null}, or
     *     an instance this client is not configured with (its credentials are never sent elsewhere), for the
     *     configured order alone
     * @return where it was expired, and the instances asked before that did not expire it
     * @throws AlertingException if no instance expired it: {@link Kind#NOT_FOUND} if none knows the silence;
     *     if an instance could not be asked, the kind of that failure (so that it is retryable: that instance may
     *     know it); else the kind of the first refusal
     */
    @Override
    public Expiry expire(String id, URI createdAt) throws AlertingException {
        requireId(id);
        List<URI> unaware = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        List<Miss> misses = new ArrayList<>();
        for (URI base : expiryOrder(createdAt)) {
            Miss miss = expireAt(id, base);
            if (miss == null) {
                return new Expiry(base, unaware, unavailable);
            }
            misses.add(miss);
            if (miss.unaware()) {
                unaware.add(base);
            } else {
                unavailable.add(miss.failure().getMessage());
            }
        }
        if (misses.size() == 1) {
            throw misses.get(0).failure();
        }
        throw expiredNowhere(id, misses);
    }

    /** The instance that created the silence first, if it is one of ours, then the others in the configured order. */
    private List<URI> expiryOrder(URI createdAt) {
        if (createdAt == null) {
            return urls;
        }
        URI creator;
        try {
            creator = EndpointUrl.parse(createdAt.toString());
        } catch (IllegalArgumentException e) {
            return urls; // a recorded URL that is no longer valid: ours are
        }
        if (!urls.contains(creator)) {
            return urls;
        }
        List<URI> order = new ArrayList<>(urls.size());
        order.add(creator);
        for (URI url : urls) {
            if (!url.equals(creator)) {
                order.add(url);
            }
        }
        return List.copyOf(order);
    }

    /**
     * Why one instance did not expire a silence.
     *
     * @param unaware whether it answered that it does not know the silence
     * @param answered whether it answered at all
     */
    private record Miss(AlertingException failure, boolean unaware, boolean answered) {}

    /** Expires the silence at one instance: {@code null} when done, else why not. Throws only when interrupted. */
    private Miss expireAt(String id, URI base) throws AlertingException {
        Call call = new Call("Expiring the silence " + id);
        // Alertmanager 0.25 answers an unknown ID with 500 "silence not found", and older versions an expired
        // one with 500 "silence <id> already expired": both are answers, not broken instances.
        Predicate<HttpProbe.Outcome> definitive = outcome -> outcome.kind() == HttpProbe.Kind.HTTP_ERROR
                && (isSilenceNotFound(outcome) || isAlreadyExpired(outcome));
        Answer answer;
        try {
            answer = call.send(List.of(base), SILENCE_PATH + pathSegment(id), url -> http.delete(url, JSON_TYPE),
                    definitive);
        } catch (AlertingException e) {
            if (e.kind() == Kind.INTERRUPTED) {
                throw e;
            }
            return new Miss(e, false, false);
        }
        if (answer.ok() || (answer.status() >= 500 && isAlreadyExpired(answer.outcome()))) {
            return null;
        }
        if (isSilenceNotFound(answer.outcome()) || (answer.status() == 404 && !call.isForeignNotFound(answer))) {
            return new Miss(call.notFound(answer, "Alertmanager at " + answer.base() + " does not know the silence "
                    + id + " (HTTP " + answer.status() + ": " + call.reason(answer) + "); it may have been dropped"
                    + " after the retention period, or belong to another Alertmanager cluster"), true, true);
        }
        return new Miss(call.refused(answer), false, true);
    }

    /**
     * No instance expired the silence. Retryable if an instance could not be asked (it may be the one that knows the
     * silence); not found only if every instance said so.
     */
    private static AlertingException expiredNowhere(String id, List<Miss> misses) {
        AlertingException decisive = null;
        for (Miss miss : misses) {
            if (miss.failure().isRetryable()) {
                decisive = miss.failure();
                break;
            }
        }
        for (Miss miss : misses) {
            if (decisive == null && !miss.unaware()) {
                decisive = miss.failure();
            }
        }
        boolean knownNowhere = decisive == null;
        if (knownNowhere) {
            decisive = misses.get(misses.size() - 1).failure();
        }
        List<Attempt> attempts = new ArrayList<>();
        List<Text> each = new ArrayList<>();
        String prefix = "Expiring the silence " + id + " ";
        for (int i = 0; i < misses.size(); i++) {
            AlertingException failure = misses.get(i).failure();
            attempts.addAll(failure.attempts());
            String message = failure.getMessage();
            message = message.startsWith(prefix + "failed: ") ? message.substring((prefix + "failed: ").length())
                    : message.startsWith(prefix) ? message.substring(prefix.length()) : message;
            each.add(Text.of("alerting.expiry.instance", i + 1, Text.literal(message)));
        }
        boolean noAnswer = misses.stream().noneMatch(Miss::answered);
        String key = knownNowhere ? "alerting.expiry.knownNowhere"
                : noAnswer ? "alerting.expiry.noAnswer" : "alerting.expiry.nowhere";
        Text text = Text.of(key, id, misses.size(), Text.list(each));
        return AlertingException.alertmanager(decisive.kind(), decisive.httpStatus(), attempts, text);
    }

    /**
     * Lists alerts ({@code GET /api/v2/alerts}). The flags choose which alerts to include, as the API's
     * parameters of the same names do: {@code silenced=true} includes silenced alerts as well (it does not
     * restrict the list to them).
     *
     * @param filter label matchers that every listed alert matches (empty: all alerts)
     * @param silenced whether to include silenced alerts
     * @param inhibited whether to include inhibited alerts
     * @param active whether to include active (neither silenced nor inhibited) alerts
     */
    @Override
    public List<AlertInfo> alerts(List<Matcher> filter, boolean silenced, boolean inhibited, boolean active)
            throws AlertingException {
        Objects.requireNonNull(filter, "filter");
        StringBuilder query = new StringBuilder();
        for (Matcher matcher : filter) {
            Objects.requireNonNull(matcher, "a matcher of the filter is null");
            query.append("filter=").append(queryValue(matcher.toString())).append('&');
        }
        query.append("silenced=").append(silenced)
                .append("&inhibited=").append(inhibited)
                .append("&active=").append(active);
        Call call = new Call("Listing the alerts" + (filter.isEmpty() ? "" : " matching "
                + clip(AlertmanagerText.describe(filter), MAX_REASON)));
        Answer answer = call.send(ALERTS_PATH + "?" + query, url -> http.get(url, JSON_TYPE), none());
        if (!answer.ok()) {
            throw call.refused(answer);
        }
        List<AlertInfo> alerts = new ArrayList<>();
        int index = 0;
        for (JsonNode element : call.array(call.parse(answer), "the answer")) {
            alerts.add(call.alert(element, index + 1));
            index++;
        }
        return List.copyOf(alerts);
    }

    @Override
    public String toString() {
        return "AlertmanagerClient[" + urls + ", timeout " + timeout + "]";
    }

    /** A time as Alertmanager writes it: RFC 3339 in UTC with milliseconds. */
    static String time(Instant t) {
        return RFC3339_MILLIS.format(t);
    }

    /** The JSON body of {@code POST /api/v2/silences} ({@code postableSilence}). */
    static String silenceJson(SilenceRequest request) {
        ObjectNode root = JSON.createObjectNode();
        if (request.id() != null) {
            root.put("id", request.id());
        }
        ArrayNode matchers = root.putArray("matchers");
        for (Matcher m : request.matchers()) {
            ObjectNode node = matchers.addObject();
            node.put("name", m.name());
            node.put("value", m.value());
            node.put("isRegex", m.type().isRegex());
            node.put("isEqual", m.type().isPositive());
        }
        root.put("startsAt", time(request.startsAt()));
        root.put("endsAt", time(request.endsAt()));
        root.put("createdBy", request.createdBy());
        root.put("comment", request.comment());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the silence as JSON", e);
        }
    }

    private static void requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("The silence ID is blank");
        }
        if (id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("\"" + id + "\" is not a silence ID");
        }
    }

    /** The ID as one path segment: everything but unreserved characters percent-encoded, so it cannot leave the path. */
    static String pathSegment(String id) {
        StringBuilder b = new StringBuilder();
        for (byte octet : id.getBytes(StandardCharsets.UTF_8)) {
            int c = octet & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Predicate<HttpProbe.Outcome> none() {
        return outcome -> false;
    }

    private static boolean isAlreadyExpired(HttpProbe.Outcome outcome) {
        return outcome.status() >= 500 && ALREADY_EXPIRED.matcher(errorText(outcome.body())).find();
    }

    private static boolean isSilenceNotFound(HttpProbe.Outcome outcome) {
        return outcome.status() >= 500 && SILENCE_NOT_FOUND.matcher(errorText(outcome.body())).matches();
    }

    /**
     * The reason in an error body: Alertmanager sends a JSON string ({@code "silence not found"}) or, for a
     * request its API framework rejects, {@code {"code":422,"message":"..."}}; anything else as it is.
     */
    private static String errorText(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isTextual()) {
                return node.asText();
            }
            if (node != null && node.isObject() && node.path("message").isTextual()) {
                return node.get("message").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: a proxy's page or plain text
        }
        return body;
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
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

    /**
     * The answer of the instance that answered.
     *
     * @param base the instance's base URL
     * @param url the URL requested
     * @param outcome its answer
     * @param skipped the instances tried before, which did not answer
     */
    private record Answer(URI base, URI url, HttpProbe.Outcome outcome, List<Attempt> skipped) {
        boolean ok() {
            return outcome.ok();
        }

        int status() {
            return outcome.status();
        }
    }

    /** One call: tries the instances, and reads the answer with messages that say what was being done. */
    private final class Call {
        private final String doing;
        /** The answer, once an instance answered. */
        private Answer answer;

        Call(String doing) {
            this.doing = doing;
        }

        /**
         * Sends the request to each instance in turn until one answers.
         *
         * @param path the API path (with its query)
         * @param exchange sends the request to a URL
         * @param definitive which 5xx answers are answers after all, not a broken instance
         */
        Answer send(String path, Function<URI, HttpProbe.Outcome> exchange, Predicate<HttpProbe.Outcome> definitive)
                throws AlertingException {
            return send(urls, path, exchange, definitive);
        }

        /** As {@link #send(String, Function, Predicate)}, trying only {@code bases}, in their order. */
        Answer send(List<URI> bases, String path, Function<URI, HttpProbe.Outcome> exchange,
                Predicate<HttpProbe.Outcome> definitive) throws AlertingException {
            List<Attempt> skipped = new ArrayList<>();
            for (URI base : bases) {
                URI url = EndpointUrl.append(base, path);
                HttpProbe.Outcome outcome = exchange.apply(url);
                Kind failure = switch (outcome.kind()) {
                    case UNREACHABLE, TLS_FAILURE, IO_ERROR -> Kind.UNREACHABLE;
                    case TIMEOUT -> Kind.TIMEOUT;
                    case HTTP_ERROR -> outcome.status() >= 500 && !definitive.test(outcome) ? Kind.HTTP_ERROR : null;
                    case INTERRUPTED -> Kind.INTERRUPTED;
                    case OK, ACCESS_DENIED, REDIRECTED -> null;
                };
                if (failure == Kind.INTERRUPTED) {
                    Thread.currentThread().interrupt();
                    skipped.add(new Attempt(url, Kind.INTERRUPTED, -1, outcome.message()));
                    throw AlertingException.alertmanager(Kind.INTERRUPTED, -1, skipped,
                            doing + " was interrupted (while waiting for " + url + ")");
                }
                if (failure == null) {
                    answer = new Answer(base, url, outcome, List.copyOf(skipped));
                    return answer;
                }
                skipped.add(new Attempt(url, failure, outcome.status(), problem(outcome)));
            }
            throw unavailable(skipped);
        }

        /** What went wrong with one instance, for a message. */
        private String problem(HttpProbe.Outcome outcome) {
            if (outcome.kind() == HttpProbe.Kind.HTTP_ERROR) {
                String text = http.firstLine(errorText(outcome.body()));
                return outcome.url() + " answered HTTP " + outcome.status()
                        + (text.isEmpty() ? " with an empty body" : ": " + clip(text, MAX_REASON));
            }
            return http.redact(outcome.message());
        }

        /** No instance answered. */
        private AlertingException unavailable(List<Attempt> failed) {
            Kind kind = Kind.UNREACHABLE;
            int status = -1;
            for (Attempt attempt : failed) {
                if (attempt.kind() == Kind.HTTP_ERROR) {
                    kind = Kind.HTTP_ERROR;
                    status = attempt.httpStatus();
                } else if (attempt.kind() == Kind.TIMEOUT && kind == Kind.UNREACHABLE) {
                    kind = Kind.TIMEOUT;
                }
            }
            String message;
            if (failed.size() == 1) {
                message = doing + " failed: " + failed.get(0).problem();
            } else {
                StringBuilder b = new StringBuilder(doing).append(" failed: none of the ").append(failed.size())
                        .append(" Alertmanager instances answered, tried in this order:");
                for (int i = 0; i < failed.size(); i++) {
                    b.append(i == 0 ? " (" : "; (").append(i + 1).append(") ").append(failed.get(i).problem());
                }
                message = b.toString();
            }
            return AlertingException.alertmanager(kind, status, failed, message);
        }

        /** An answer that is not a success: the cluster's answer, not retried on another instance. */
        AlertingException refused(Answer answer) {
            HttpProbe.Outcome outcome = answer.outcome();
            int status = outcome.status();
            if (outcome.kind() == HttpProbe.Kind.ACCESS_DENIED) {
                return failure(answer, Kind.ACCESS_DENIED, doing + " failed: " + outcome.message());
            }
            if (outcome.kind() == HttpProbe.Kind.HTTP_ERROR && (status == 400 || status == 422)) {
                return failure(answer, Kind.BAD_REQUEST, doing + " was refused by Alertmanager at " + answer.base()
                        + " (HTTP " + status + "): " + reason(answer));
            }
            if (outcome.kind() == HttpProbe.Kind.HTTP_ERROR && status == 404) {
                return failure(answer, Kind.NOT_FOUND, doing + " failed: " + answer.url() + " answered HTTP 404 (Not"
                        + " Found): " + reason(answer) + "; " + URL_HINT);
            }
            if (outcome.kind() == HttpProbe.Kind.HTTP_ERROR) {
                return failure(answer, Kind.HTTP_ERROR, doing + " failed: " + problem(outcome));
            }
            return failure(answer, Kind.HTTP_ERROR, doing + " failed: " + http.redact(outcome.message()));
        }

        AlertingException notFound(Answer answer, String detail) {
            return failure(answer, Kind.NOT_FOUND, doing + " failed: " + detail);
        }

        /**
         * Whether a 404 comes from something other than Alertmanager's silence API: a wrong path answered by
         * Alertmanager's router ({@code {"code":404,"message":"path ... was not found"}}), Go's "404 page not
         * found", or a proxy's page. Alertmanager answers an unknown silence with an empty body (or, in 0.25,
         * for an update, the JSON string "silence not found").
         */
        boolean isForeignNotFound(Answer answer) {
            String body = answer.outcome().body();
            if (body.isBlank()) {
                return false;
            }
            return !SILENCE_NOT_FOUND.matcher(errorText(body)).matches();
        }

        /** Alertmanager's reason for an error answer, on one line, without secrets. */
        String reason(Answer answer) {
            String text = http.firstLine(errorText(answer.outcome().body()));
            return text.isEmpty() ? "no reason given" : clip(text, MAX_REASON);
        }

        private AlertingException failure(Answer answer, Kind kind, String message) {
            List<Attempt> attempts = new ArrayList<>(answer.skipped());
            attempts.add(new Attempt(answer.url(), kind, answer.status(), http.redact(message)));
            StringBuilder b = new StringBuilder(http.redact(message));
            if (!answer.skipped().isEmpty()) {
                b.append(" [tried before, without an answer:");
                for (int i = 0; i < answer.skipped().size(); i++) {
                    b.append(i == 0 ? " (" : "; (").append(i + 1).append(") ").append(answer.skipped().get(i).problem());
                }
                b.append(']');
            }
            return AlertingException.alertmanager(kind, answer.status(), attempts, b.toString());
        }

        AlertingException malformed(String detail) {
            return malformed(detail, "check that the URL points to Alertmanager (0.16 or later), not to a"
                    + " proxy's page or another service");
        }

        private AlertingException malformed(String detail, String hint) {
            return failure(answer, Kind.MALFORMED_RESPONSE, doing + " failed: Alertmanager at " + answer.base()
                    + " gave an unusable answer (HTTP " + answer.status() + " from " + answer.url() + "): " + detail
                    + "; " + hint);
        }

        JsonNode parse(Answer answer) throws AlertingException {
            HttpProbe.Outcome outcome = answer.outcome();
            if (outcome.truncated()) {
                throw malformed("the answer is larger than " + sizeOf(maxResponseBytes) + ", the most this"
                        + " client reads", "narrow the request (a filter for alerts) or raise the limit");
            }
            if (outcome.body().isBlank()) {
                throw malformed("the answer is empty");
            }
            try {
                JsonNode root = JSON.readTree(outcome.body());
                if (root == null) {
                    throw malformed("the answer is empty");
                }
                return root;
            } catch (JsonProcessingException e) {
                String start = http.firstLine(outcome.body());
                throw malformed("the answer is not JSON" + (start.isEmpty() ? "" : " (it starts with \""
                        + clip(start, MAX_CLIP) + "\")"));
            }
        }

        Iterable<JsonNode> array(JsonNode node, String what) throws AlertingException {
            if (node == null || !node.isArray()) {
                throw malformed(what + " is not a list");
            }
            return node;
        }

        SilenceInfo silence(JsonNode node, String what) throws AlertingException {
            if (node == null || !node.isObject()) {
                throw malformed(what + " is not an object");
            }
            String id = text(node, "id", what);
            String where = "the silence " + clip(id, MAX_CLIP);
            JsonNode matchersNode = node.get("matchers");
            if (matchersNode == null || !matchersNode.isArray()) {
                throw malformed("'matchers' of " + where + " is not a list");
            }
            List<Matcher> matchers = new ArrayList<>();
            for (JsonNode m : matchersNode) {
                if (!m.isObject()) {
                    throw malformed("a matcher of " + where + " is not an object");
                }
                String name = text(m, "name", "a matcher of " + where);
                String value = text(m, "value", "the matcher '" + clip(name, MAX_CLIP) + "' of " + where);
                boolean isRegex = bool(m, "isRegex", "the matcher '" + clip(name, MAX_CLIP) + "' of " + where, null);
                boolean isEqual = bool(m, "isEqual", "the matcher '" + clip(name, MAX_CLIP) + "' of " + where, true);
                matchers.add(new Matcher(name, MatchType.of(isRegex, isEqual), value));
            }
            Instant startsAt = instant(node, "startsAt", where);
            Instant endsAt = instant(node, "endsAt", where);
            String createdBy = optionalText(node, "createdBy", where);
            String comment = optionalText(node, "comment", where);
            String stateName = text(node.path("status"), "state", "'status' of " + where);
            SilenceInfo.State state = SilenceInfo.State.ofApiName(stateName);
            if (state == null) {
                throw malformed("the state '" + clip(stateName, MAX_CLIP) + "' of " + where + " is none of"
                        + " active, pending or expired");
            }
            return new SilenceInfo(id, matchers, startsAt, endsAt, createdBy, comment, state);
        }

        AlertInfo alert(JsonNode node, int position) throws AlertingException {
            String what = "alert " + position + " of the list";
            if (node == null || !node.isObject()) {
                throw malformed(what + " is not an object");
            }
            JsonNode labelsNode = node.get("labels");
            if (labelsNode == null || !labelsNode.isObject()) {
                throw malformed("'labels' of " + what + " is not an object");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> label : labelsNode.properties()) {
                if (!label.getValue().isTextual()) {
                    throw malformed("the label '" + clip(label.getKey(), MAX_CLIP) + "' of " + what
                            + " is not a string");
                }
                labels.put(label.getKey(), label.getValue().asText());
            }
            String where = "the alert " + clip(AlertmanagerText.describeAlert(labels), MAX_REASON);
            JsonNode status = node.get("status");
            if (status == null || !status.isObject()) {
                throw malformed("'status' of " + where + " is not an object");
            }
            String stateName = text(status, "state", "'status' of " + where);
            AlertInfo.State state = AlertInfo.State.ofApiName(stateName);
            if (state == null) {
                throw malformed("the state '" + clip(stateName, MAX_CLIP) + "' of " + where + " is none of"
                        + " active, suppressed or unprocessed");
            }
            List<String> silencedBy = new ArrayList<>();
            JsonNode silencedNode = status.get("silencedBy");
            if (silencedNode != null && !silencedNode.isNull()) {
                if (!silencedNode.isArray()) {
                    throw malformed("'status.silencedBy' of " + where + " is not a list");
                }
                for (JsonNode id : silencedNode) {
                    if (!id.isTextual()) {
                        throw malformed("'status.silencedBy' of " + where + " holds a value that is not a"
                                + " string");
                    }
                    silencedBy.add(id.asText());
                }
            }
            return new AlertInfo(labels, instant(node, "startsAt", where), instant(node, "endsAt", where), state,
                    silencedBy, text(node, "fingerprint", where));
        }

        private String text(JsonNode node, String field, String what) throws AlertingException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw malformed("'" + field + "' of " + what + " is missing");
            }
            if (!value.isTextual()) {
                throw malformed("'" + field + "' of " + what + " is not a string");
            }
            return value.asText();
        }

        private String optionalText(JsonNode node, String field, String what) throws AlertingException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return "";
            }
            return text(node, field, what);
        }

        private boolean bool(JsonNode node, String field, String what, Boolean fallback) throws AlertingException {
            JsonNode value = node.get(field);
            if ((value == null || value.isNull()) && fallback != null) {
                return fallback;
            }
            if (value == null || value.isNull()) {
                throw malformed("'" + field + "' of " + what + " is missing");
            }
            if (!value.isBoolean()) {
                throw malformed("'" + field + "' of " + what + " is not true or false");
            }
            return value.booleanValue();
        }

        private Instant instant(JsonNode node, String field, String what) throws AlertingException {
            String text = text(node, field, what);
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw malformed("'" + field + "' of " + what + " is \"" + clip(http.redact(text), MAX_CLIP)
                        + "\", which is not an RFC 3339 time");
            }
        }
    }
}
