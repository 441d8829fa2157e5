package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Prometheus query that did not give a usable result. The message is worded for a person: it
 * says what failed, where (the URL, which never holds a secret), and what to check; for a PromQL
 * error it quotes the query and Prometheus' own message. It never contains a credential.
 */
public class PrometheusException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Prometheus error types (the {@code errorType} of the API's error envelope) worth retrying. */
    private static final Set<String> RETRYABLE_ERROR_TYPES =
            Set.of("timeout", "canceled", "unavailable", "internal", "too_many_requests");

    /** What went wrong. */
    public enum Kind {
        /** No connection (refused, unknown host, no route, connecting timed out, TLS handshake failed, connection broke). */
        UNREACHABLE,
        /** Connected, but no (complete) answer within the timeout. */
        TIMEOUT,
        /** HTTP 401 or 403: credentials missing or refused. */
        ACCESS_DENIED,
        /** Another HTTP status without a Prometheus error body (a proxy's 502, a 404 for a wrong URL, a redirect). */
        HTTP_STATUS,
        /** Prometheus rejected the query ({@code bad_data}), for example a PromQL syntax error. */
        QUERY_ERROR,
        /**
         * Prometheus accepted the query but could not run it: {@code execution}, {@code timeout},
         * {@code canceled}, {@code internal}, {@code unavailable}, ... (see {@link #errorType()}).
         */
        PROMETHEUS_ERROR,
        /** The answer is not the JSON the Prometheus API returns, or is too large. */
        MALFORMED_RESPONSE,
        /** A valid answer of a type a check cannot use (a range vector or a string for an instant query). */
        UNEXPECTED_RESULT_TYPE,
        /** The calling thread was interrupted; its interrupt flag is set. */
        INTERRUPTED
    }

    private final Kind kind;
    private final String query;
    private final URI url;
    private final int httpStatus;
    private final String errorType;

    /**
     * @param kind what went wrong
     * @param query the PromQL expression
     * @param url the URL requested (without secrets)
     * @param httpStatus the HTTP status of the answer, or -1 if there was none
     * @param errorType Prometheus' {@code errorType}, or null
     * @param message the message for a person; must not contain a secret
     */
    public PrometheusException(Kind kind, String query, URI url, int httpStatus, String errorType, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.query = Objects.requireNonNull(query, "query");
        this.url = Objects.requireNonNull(url, "url");
        this.httpStatus = httpStatus;
        this.errorType = errorType == null || errorType.isBlank() ? null : errorType;
    }

    public Kind kind() {
        return kind;
    }

    /** The PromQL expression that failed. */
    public String query() {
        return query;
    }

    /** The URL requested; it holds no secret. */
    public URI url() {
        return url;
    }

    /** The HTTP status of the answer, or -1 if there was no HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Prometheus' {@code errorType} ({@code bad_data}, {@code execution}, {@code timeout}, ...), if it sent one. */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /**
     * Whether trying the same query again may succeed: yes for an unreachable or slow server, an
     * HTTP 5xx (and 408, 429), and a Prometheus error of type {@code timeout}, {@code canceled},
     * {@code unavailable}, {@code internal} or {@code too_many_requests} (or without a type, with a
     * 5xx status); no for a query error, an execution error, denied access, a malformed answer, an
     * unexpected result type, or an interrupt.
     */
    public boolean isRetryable() {
        return switch (kind) {
            case UNREACHABLE, TIMEOUT -> true;
            case HTTP_STATUS -> httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
            case PROMETHEUS_ERROR -> errorType != null
                    ? RETRYABLE_ERROR_TYPES.contains(errorType.toLowerCase(Locale.ROOT))
                    : httpStatus >= 500 || httpStatus == 429;
            case ACCESS_DENIED, QUERY_ERROR, MALFORMED_RESPONSE, UNEXPECTED_RESULT_TYPE, INTERRUPTED -> false;
        };
    }
}
