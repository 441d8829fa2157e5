package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one exception of the verification package: a query that gave no usable result, a threshold text that cannot be
 * read, or a verification that was stopped. {@link #kind()} says which. The message is worded for a person: what
 * failed, where (the URL, which never holds a secret), and what to do; for a PromQL error it quotes the query and
 * Prometheus' own message. It never contains a credential.
 *
 * <p>Checked on purpose: every caller of a query must decide what a failure means (the session makes it an ERROR
 * sample and retries; a connection test shows it), and a stopped verification carries the partial result that the
 * caller must still report. Bad <em>definitions</em> (a check without a query, a negative failAfter) are not this
 * type but the unchecked {@link io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException}, as
 * everywhere in the engine.
 */
public class VerificationException extends Exception implements Localizable {
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
        HTTP_ERROR,
        /** Prometheus rejected the query ({@code bad_data}), for example a PromQL syntax error: asking again cannot help. */
        BAD_QUERY,
        /**
         * Prometheus accepted the query but could not run it: {@code execution}, {@code timeout},
         * {@code canceled}, {@code internal}, {@code unavailable}, ... (see {@link #errorType()}).
         */
        PROMETHEUS_ERROR,
        /** The answer is not the JSON the Prometheus API returns, or is too large. */
        BAD_RESPONSE,
        /** A valid answer of a type a check cannot use (a range vector or a string for an instant query). */
        UNEXPECTED_RESULT,
        /** A threshold text ({@code '500ms'}, {@code '1%'}) that cannot be read; see {@link #threshold()}. */
        BAD_THRESHOLD,
        /** The calling thread was interrupted (a build abort); its interrupt flag is set. See {@link #partial()}. */
        INTERRUPTED
    }

    /** What was wrong with a threshold text, for {@link Kind#BAD_THRESHOLD}. */
    public record BadThreshold(String check, String field, String text, ThresholdText.Reason reason)
            implements Serializable {}

    private final Kind kind;
    private final String query;
    private final URI url;
    private final int httpStatus;
    private final String errorType;
    private final transient Text text;
    private final BadThreshold threshold;
    private final transient VerificationResult partial;

    /**
     * A failed Prometheus query.
     *
     * @param kind what went wrong
     * @param query the PromQL expression
     * @param url the URL requested (without secrets)
     * @param httpStatus the HTTP status of the answer, or -1 if there was none
     * @param errorType Prometheus' {@code errorType}, or null
     * @param message the message for a person; must not contain a secret
     */
    public VerificationException(Kind kind, String query, URI url, int httpStatus, String errorType, String message) {
        this(kind, Objects.requireNonNull(query, "query"), Objects.requireNonNull(url, "url"), httpStatus, errorType,
                Text.literal(Objects.requireNonNull(message, "message")), null, null);
    }

    private VerificationException(Kind kind, String query, URI url, int httpStatus, String errorType, Text text,
            BadThreshold threshold, VerificationResult partial) {
        super(text.english());
        this.kind = Objects.requireNonNull(kind, "kind");
        this.query = query;
        this.url = url;
        this.httpStatus = httpStatus;
        this.errorType = errorType == null || errorType.isBlank() ? null : errorType;
        this.text = text;
        this.threshold = threshold;
        this.partial = partial;
    }

    /** A threshold text that cannot be read: the message names the check, the field and the text. */
    static VerificationException badThreshold(String check, String field, String value, ThresholdText.Reason reason,
            Text problem) {
        return new VerificationException(Kind.BAD_THRESHOLD, null, null, -1, null,
                Text.of("verification.threshold.bad", check, field, value, problem),
                new BadThreshold(check, field, value, reason), null);
    }

    /** The verification was stopped (a build abort); {@code partial} holds what was sampled until then. */
    static VerificationException stopped(VerificationResult partial) {
        return new VerificationException(Kind.INTERRUPTED, null, null, -1, null,
                Text.of("verification.stopped", partial.name(), partial.rounds()), null, partial);
    }

    public Kind kind() {
        return kind;
    }

    /** The PromQL expression that failed; {@code null} for a threshold or a stopped verification. */
    public String query() {
        return query;
    }

    /** The URL requested (it holds no secret); {@code null} when no request was made. */
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

    /** For {@link Kind#BAD_THRESHOLD}: the check, the field, the text (cut when too long) and the reason. */
    public Optional<BadThreshold> threshold() {
        return Optional.ofNullable(threshold);
    }

    /**
     * For {@link Kind#INTERRUPTED} from {@link StabilityVerifier#verify}: the checks as far as they got (their verdicts
     * judge only the samples taken); empty otherwise, or after the exception was serialized.
     */
    public Optional<VerificationResult> partial() {
        return Optional.ofNullable(partial);
    }

    /**
     * Whether trying the same query again may succeed: yes for an unreachable or slow server, an
     * HTTP 5xx (and 408, 429), and a Prometheus error of type {@code timeout}, {@code canceled},
     * {@code unavailable}, {@code internal} or {@code too_many_requests} (or without a type, with a
     * 5xx status); no for a query error, an execution error, denied access, a malformed answer, an
     * unexpected result type, a bad threshold, or an interrupt.
     */
    public boolean isRetryable() {
        return switch (kind) {
            case UNREACHABLE, TIMEOUT -> true;
            case HTTP_ERROR -> httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
            case PROMETHEUS_ERROR -> errorType != null
                    ? RETRYABLE_ERROR_TYPES.contains(errorType.toLowerCase(Locale.ROOT))
                    : httpStatus >= 500 || httpStatus == 429;
            case ACCESS_DENIED, BAD_QUERY, BAD_RESPONSE, UNEXPECTED_RESULT, BAD_THRESHOLD, INTERRUPTED -> false;
        };
    }

    /** The message in {@code locale}'s language; Prometheus' answers and the client's diagnoses stay English. */
    @Override
    public String message(Locale locale) {
        return text == null ? getMessage() : text.message(locale);
    }
}
