package io.jenkins.plugins.releaseplaybook.engine.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One bounded HTTP exchange (a GET, a POST of a small body such as a form, or a DELETE), for
 * connection tests and API calls.
 *
 * <p>Sends the {@link HttpAuth} header, gives up after the timeout (once for connecting, once for
 * the answer), reads at most a bounded number of bytes of the body, does not follow redirects, and
 * turns every failure into an {@link Outcome} whose message says what happened, to which URL, and
 * what to check. Messages never contain the {@code Authorization} header or the secret in it, even
 * when a server echoes it back. An instance is immutable and may be shared by threads (they share
 * one {@link HttpClient}); several instances may share one client, which is how the plugin sends all
 * requests of one endpoint configuration through Jenkins' proxy settings without a client per call.
 */
public final class HttpProbe {

    /** The default limit on the bytes of a body that are read. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private static final String USER_AGENT = "release-playbook";
    private static final int MAX_LINE = 200;
    private static final Pattern HTML_TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    /** What kind of answer a GET got. */
    public enum Kind {
        /** A 2xx answer. */
        OK,
        /** No connection: refused, unknown host, no route, or connecting timed out. */
        UNREACHABLE,
        /** Connected, but no (complete) answer in time. */
        TIMEOUT,
        /** The TLS handshake failed (untrusted certificate, https to a plain http port, ...). */
        TLS_FAILURE,
        /** HTTP 401 or 403. */
        ACCESS_DENIED,
        /** A 3xx answer; redirects are reported, not followed. */
        REDIRECTED,
        /** Any other HTTP status. */
        HTTP_ERROR,
        /** The connection broke or the answer was not HTTP. */
        IO_ERROR,
        /** The calling thread was interrupted; its interrupt flag is set again. */
        INTERRUPTED
    }

    /**
     * The answer to one GET.
     *
     * @param url the URL requested
     * @param kind what kind of answer it was
     * @param status the HTTP status, or -1 if there was no HTTP answer
     * @param body the body read (at most the limit), empty if there was no HTTP answer
     * @param truncated whether the body was longer than the limit and cut there
     * @param message what happened, worded for a person; never contains a secret
     */
    public record Outcome(URI url, Kind kind, int status, String body, boolean truncated, String message) {
        public Outcome {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(message, "message");
        }

        /** Whether the server answered with a 2xx status. */
        public boolean ok() {
            return kind == Kind.OK;
        }
    }

    private final HttpAuth auth;
    private final Duration timeout;
    private final int maxBodyBytes;
    private final HttpClient client;

    /** A probe that reads at most {@link #DEFAULT_MAX_BODY_BYTES} of a body, with an HTTP client of its own. */
    public HttpProbe(HttpAuth auth, Duration timeout) {
        this(auth, timeout, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * A probe with an HTTP client of its own (no proxy). Each such client keeps a selector thread until it is
     * garbage collected: callers that make many probes should share one client (see
     * {@link #HttpProbe(HttpAuth, Duration, int, HttpClient)}).
     *
     * @param auth how to authenticate
     * @param timeout how long to wait for a connection, and then again for the answer
     * @param maxBodyBytes how many bytes of a body to read at most
     */
    public HttpProbe(HttpAuth auth, Duration timeout, int maxBodyBytes) {
        this(auth, timeout, maxBodyBytes, newClient(timeout));
    }

    /**
     * A probe that sends through a shared client, for example one that goes through the HTTP proxy of the
     * installation. The client decides the proxy and the connect timeout (which should be {@code timeout}); build
     * it with {@link #configure(HttpClient.Builder, Duration)}, which sets what this class relies on.
     *
     * @param client the client to send with; it must not follow redirects (they are reported, not followed)
     * @throws IllegalArgumentException if the client follows redirects, the timeout is not positive or
     *     {@code maxBodyBytes} is less than 1
     */
    public HttpProbe(HttpAuth auth, Duration timeout, int maxBodyBytes, HttpClient client) {
        this.auth = Objects.requireNonNull(auth, "auth (use HttpAuth.none() for no authentication)");
        requirePositive(timeout);
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, but is " + maxBodyBytes);
        }
        Objects.requireNonNull(client, "client");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("The HTTP client follows redirects (" + client.followRedirects()
                    + "), but redirects must be reported, not followed: build it with HttpProbe.configure(...)");
        }
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.client = client;
    }

    /**
     * Sets on {@code builder} what a probe relies on: HTTP/1.1, no redirects followed, and {@code timeout} for
     * connecting. Everything else (the proxy, the proxy's authenticator, the executor) stays as the caller set it.
     *
     * @return {@code builder}
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public static HttpClient.Builder configure(HttpClient.Builder builder, Duration timeout) {
        Objects.requireNonNull(builder, "builder");
        requirePositive(timeout);
        return builder.version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout);
    }

    /** A new client without a proxy, configured for probes with this timeout; see {@link #configure}. */
    public static HttpClient newClient(Duration timeout) {
        return configure(HttpClient.newBuilder(), timeout).build();
    }

    /** The client this probe sends with (for tests that check a client is shared). */
    HttpClient client() {
        return client;
    }

    private static void requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive, but is " + timeout);
        }
    }

    /** GET the URL, accepting any content type. */
    public Outcome get(URI url) {
        return get(url, "*/*");
    }

    /**
     * GET the URL.
     *
     * @param url an absolute http or https URL
     * @param accept the value of the {@code Accept} header
     */
    public Outcome get(URI url, String accept) {
        Objects.requireNonNull(url, "url");
        return send(url, HttpRequest.newBuilder(url).GET(), accept);
    }

    /**
     * POST a body to the URL. The outcome is classified like that of {@link #get(URI, String)}.
     *
     * @param url an absolute http or https URL
     * @param contentType the value of the {@code Content-Type} header, such as
     *     {@code application/x-www-form-urlencoded}
     * @param body the body, sent as UTF-8
     * @param accept the value of the {@code Accept} header
     */
    public Outcome post(URI url, String contentType, String body, String accept) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", contentType);
        return send(url, request, accept);
    }

    /**
     * DELETE the URL (without a body). The outcome is classified like that of {@link #get(URI, String)}.
     *
     * @param url an absolute http or https URL
     * @param accept the value of the {@code Accept} header
     */
    public Outcome delete(URI url, String accept) {
        Objects.requireNonNull(url, "url");
        return send(url, HttpRequest.newBuilder(url).DELETE(), accept);
    }

    private Outcome send(URI url, HttpRequest.Builder request, String accept) {
        request.timeout(timeout)
                .header("Accept", accept)
                .header("User-Agent", USER_AGENT);
        auth.authorizationHeader().ifPresent(value -> request.header("Authorization", value));

        CompletableFuture<HttpResponse<Body>> pending =
                client.sendAsync(request.build(), info -> new BoundedBodySubscriber(maxBodyBytes, charsetOf(info)));
        HttpResponse<Body> response;
        try {
            // Connecting and waiting for the answer each have the timeout; this bounds the whole exchange,
            // reading the body included.
            response = pending.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return failure(url, Kind.TIMEOUT, display(url) + " did not answer completely within " + human(timeout.multipliedBy(2))
                    + ": the server may be overloaded or hanging, or the answer too slow; try again or raise the timeout");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return failure(url, Kind.INTERRUPTED, "The request to " + display(url) + " was interrupted");
        } catch (ExecutionException e) {
            return classify(url, e.getCause() == null ? e : e.getCause());
        }
        return fromResponse(url, response);
    }

    private Outcome fromResponse(URI url, HttpResponse<Body> response) {
        int status = response.statusCode();
        Body body = response.body();
        String statusText = "HTTP " + status + reason(status);
        if (status >= 200 && status < 300) {
            return new Outcome(url, Kind.OK, status, body.text(), body.truncated(), display(url) + " answered " + statusText);
        }
        if (status >= 300 && status < 400) {
            String target = response.headers().firstValue("Location").map(location -> resolve(url, location)).orElse(null);
            String message = display(url) + " answered " + statusText
                    + (target == null ? ", a redirect without a Location" : ", a redirect to " + target)
                    + "; redirects are not followed: if that is the server's real address, use it as the endpoint URL;"
                    + " if it is a login page, the server sits behind a proxy that wants other credentials";
            return new Outcome(url, Kind.REDIRECTED, status, body.text(), body.truncated(), message);
        }
        boolean hasCredentials = auth.authorizationHeader().isPresent();
        if (status == 401 || status == 403) {
            String message;
            if (!hasCredentials) {
                message = display(url) + " answered " + statusText + ": the server requires credentials and none are"
                        + " configured; select a credential for this endpoint";
            } else if (status == 401) {
                message = display(url) + " answered " + statusText + ": the credentials were refused; check the user"
                        + " name, password or token in the Jenkins credential";
            } else {
                message = display(url) + " answered " + statusText + ": the credentials were refused for this resource;"
                        + " check that the account of the Jenkins credential has access to it";
            }
            return new Outcome(url, Kind.ACCESS_DENIED, status, body.text(), body.truncated(), message);
        }
        String line = firstLine(body.text());
        String message = display(url) + " answered " + statusText
                + (line.isEmpty() ? " with an empty body" : ": " + line);
        return new Outcome(url, Kind.HTTP_ERROR, status, body.text(), body.truncated(), message);
    }

    private Outcome classify(URI url, Throwable error) {
        String where = display(url);
        if (error instanceof HttpConnectTimeoutException) {
            return failure(url, Kind.UNREACHABLE, where + " is unreachable: connecting timed out after " + human(timeout)
                    + "; check that the host is up and that no firewall drops the traffic");
        }
        if (error instanceof HttpTimeoutException) {
            return failure(url, Kind.TIMEOUT, where + " did not answer within " + human(timeout)
                    + " (the connection was made): the server may be overloaded or hanging; try again or raise the timeout");
        }
        SSLException tls = find(error, SSLException.class);
        if (tls != null) {
            String detail = tls.getMessage() == null ? tls.getClass().getSimpleName() : tls.getMessage();
            String hint = tls instanceof SSLHandshakeException && detail.contains("PKIX")
                    ? "the server certificate is not trusted: add its CA to the trust store of the Java runtime that"
                            + " runs Jenkins"
                    : "check that the URL says https only if the server speaks TLS on that port, and that its"
                            + " certificate is valid";
            return failure(url, Kind.TLS_FAILURE, "The TLS handshake with " + where + " failed (" + firstLine(detail)
                    + "): " + hint);
        }
        if (find(error, UnresolvedAddressException.class) != null || find(error, UnknownHostException.class) != null) {
            return failure(url, Kind.UNREACHABLE, where + " is unreachable: unknown host \"" + url.getHost()
                    + "\"; check the host name and the DNS of the machine running this check");
        }
        if (find(error, NoRouteToHostException.class) != null) {
            return failure(url, Kind.UNREACHABLE, where + " is unreachable: no route to host \"" + url.getHost()
                    + "\"; check the address and the network between this machine and the server");
        }
        if (find(error, ConnectException.class) != null) {
            // The JDK 17 HTTP client drops the reason (a ConnectException without message); a plain socket says it.
            String detail = messages(error);
            String reason = detail.isEmpty() ? connectFailureReason(url) : detail;
            String lower = reason.toLowerCase(Locale.ROOT);
            if (lower.contains("refused")) {
                return failure(url, Kind.UNREACHABLE, where + " is unreachable: connection refused; check that the"
                        + " server is running and that the host and port are right");
            }
            if (lower.contains("timed out")) {
                return failure(url, Kind.UNREACHABLE, where + " is unreachable: connecting timed out after " + human(timeout)
                        + "; check that the host is up and that no firewall drops the traffic");
            }
            if (lower.contains("unknown host")) {
                return failure(url, Kind.UNREACHABLE, where + " is unreachable: unknown host \"" + url.getHost()
                        + "\"; check the host name and the DNS of the machine running this check");
            }
            return failure(url, Kind.UNREACHABLE, where + " is unreachable: could not connect"
                    + (reason.isEmpty() ? "" : " (" + reason + ")") + "; check the host, the port and the network");
        }
        if (error instanceof IOException) {
            String detail = messages(error);
            return failure(url, Kind.IO_ERROR, "Reading " + where + " failed"
                    + (detail.isEmpty() ? " (" + error.getClass().getSimpleName() + ")" : ": " + detail)
                    + "; the server closed the connection or did not answer with HTTP: check that the URL points to"
                    + " the right server and port");
        }
        return failure(url, Kind.IO_ERROR, "Reading " + where + " failed: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + redact(firstLine(error.getMessage()))));
    }

    /** Why a plain TCP connection to the URL's host and port fails, or "" if it does not fail now. */
    private String connectFailureReason(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return "";
        } catch (UnknownHostException e) {
            return "unknown host";
        } catch (SocketTimeoutException e) {
            return "timed out";
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
        }
    }

    private static Outcome failure(URI url, Kind kind, String message) {
        return new Outcome(url, kind, -1, "", false, message);
    }

    /**
     * The first meaningful line of a body (of an HTML page: its title), short, printable and without
     * secrets; empty if the body is blank. For messages about answers that were not what was expected.
     */
    public String firstLine(String text) {
        String s = text;
        if (s.stripLeading().startsWith("<")) {
            Matcher title = HTML_TITLE.matcher(s);
            s = title.find() ? title.group(1) : HTML_TAG.matcher(s).replaceAll("\n");
        }
        for (String line : s.split("\\R")) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                StringBuilder b = new StringBuilder();
                stripped.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
                String clean = redact(b.toString());
                return clean.length() > MAX_LINE ? clean.substring(0, MAX_LINE) + "…" : clean;
            }
        }
        return "";
    }

    /**
     * Replaces the {@code Authorization} header value and the secret inside it by {@code ****},
     * should a server echo them; for text from a server that goes into a message.
     */
    public String redact(String text) {
        String result = text;
        String header = auth.authorizationHeader().orElse(null);
        if (header != null) {
            result = result.replace(header, "****");
            int space = header.indexOf(' ');
            if (space > 0 && space + 1 < header.length()) {
                result = result.replace(header.substring(space + 1), "****");
            }
        }
        return result;
    }

    private String messages(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null && parts.size() < 4; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank() && !parts.contains(t.getMessage())) {
                parts.add(t.getMessage());
            }
        }
        return redact(firstLine(String.join(": ", parts)));
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String resolve(URI url, String location) {
        try {
            return display(url.resolve(location));
        } catch (IllegalArgumentException e) {
            return "\"" + location + "\"";
        }
    }

    /** The URL as shown in messages: user info, if any, hidden. */
    static String display(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "****@");
    }

    private static String reason(int status) {
        String reason = REASONS.get(status);
        return reason == null ? "" : " (" + reason + ")";
    }

    /** A timeout as messages show it: {@code 300 ms}, {@code 5 s}. */
    public static String human(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 != 0 && millis < 10_000) {
            return millis + " ms";
        }
        return (millis / 1000) + " s";
    }

    private static Charset charsetOf(HttpResponse.ResponseInfo info) {
        return info.headers().firstValue("Content-Type").map(type -> {
            Matcher m = CHARSET.matcher(type);
            if (m.find()) {
                try {
                    return Charset.forName(m.group(1));
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
            return StandardCharsets.UTF_8;
        }).orElse(StandardCharsets.UTF_8);
    }

    /** A body cut at the limit. */
    record Body(String text, boolean truncated) {}

    /** Collects at most {@code limit} bytes, then cancels the rest of the body. */
    private static final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<Body> {
        private final int limit;
        private final Charset charset;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBodySubscriber(int limit, Charset charset) {
            this.limit = limit;
            this.charset = charset;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int room = limit - bytes.size();
                int take = Math.min(room, item.remaining());
                byte[] chunk = new byte[take];
                item.get(chunk);
                bytes.write(chunk, 0, take);
                if (item.hasRemaining()) {
                    subscription.cancel();
                    result.complete(new Body(new String(bytes.toByteArray(), charset), true));
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(new String(bytes.toByteArray(), charset), false));
        }
    }
}
