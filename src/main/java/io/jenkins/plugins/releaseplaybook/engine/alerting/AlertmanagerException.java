package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A call to Alertmanager that did not give a usable result. The message is worded for a person: it
 * says what was being done, which Alertmanager URL(s) were tried and why each failed, and, when
 * Alertmanager refused a request, Alertmanager's own reason. It never contains a credential. Messages that have
 * keyed texts are also given in the reader's language ({@link #message(Locale)}); the others are English.
 */
public class AlertmanagerException extends Exception implements Localizable {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /**
         * No Alertmanager could be reached: connection refused, unknown host, no route, connecting timed
         * out, TLS handshake failed, connection broken.
         */
        UNREACHABLE,
        /** Connected, but no (complete) answer within the timeout. */
        TIMEOUT,
        /** HTTP 401 or 403: credentials missing or refused. */
        ACCESS_DENIED,
        /**
         * Alertmanager refused the request as invalid (HTTP 400 or 422), for example a silence whose end
         * is not after its start; the message quotes Alertmanager's reason.
         */
        BAD_REQUEST,
        /** The silence is unknown to Alertmanager, or the URL is not Alertmanager's API (HTTP 404). */
        NOT_FOUND,
        /** Another HTTP status: a 5xx from every instance tried, a redirect, a 405, a 429, ... */
        HTTP_STATUS,
        /** The answer is not the JSON of Alertmanager's v2 API, or is too large. */
        MALFORMED_RESPONSE,
        /** The calling thread was interrupted; its interrupt flag is set. */
        INTERRUPTED
    }

    /**
     * One Alertmanager URL requested during the call, and how it failed.
     *
     * @param url the URL requested (without secrets)
     * @param kind how it failed
     * @param httpStatus the HTTP status of its answer, or -1 if there was none
     * @param problem what happened, worded for a person
     */
    public record Attempt(URI url, Kind kind, int httpStatus, String problem) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Attempt {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(problem, "problem");
        }
    }

    private final Kind kind;
    private final int httpStatus;
    /**
     * Not kept when the exception is serialized: a record cannot be restored by XStream (which persists what a
     * Pipeline keeps), and the message already says what each attempt met.
     */
    private final transient List<Attempt> attempts;
    /** The message as a keyed text, or {@code null} for an English-only message. */
    private final Text text;

    /**
     * @param kind what went wrong
     * @param httpStatus the HTTP status of the answer that decided the outcome, or -1 if there was none
     * @param attempts every URL requested that failed, in the order tried
     * @param message the message for a person; must not contain a secret
     */
    public AlertmanagerException(Kind kind, int httpStatus, List<Attempt> attempts, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.attempts = List.copyOf(Objects.requireNonNull(attempts, "attempts"));
        this.text = null;
    }

    /**
     * @param text the message for a person, in every language; must not contain a secret
     * @see #AlertmanagerException(Kind, int, List, String)
     */
    public AlertmanagerException(Kind kind, int httpStatus, List<Attempt> attempts, Text text) {
        super(Objects.requireNonNull(text, "text").english());
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.attempts = List.copyOf(Objects.requireNonNull(attempts, "attempts"));
        this.text = text;
    }

    /** The message as a text: keyed where it has one, else the English message as it is. */
    public Text text() {
        return text == null ? Text.literal(getMessage()) : text;
    }

    @Override
    public String message(Locale locale) {
        return text == null ? getMessage() : text.message(locale);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the answer that decided the outcome, or -1 if no Alertmanager answered. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Every URL requested that failed, in the order tried (the last one decided the outcome); empty for an exception
     * that was serialized and restored.
     */
    public List<Attempt> attempts() {
        return attempts == null ? List.of() : attempts;
    }

    /** The URLs requested that failed, in the order tried. */
    public List<URI> urls() {
        List<URI> urls = new ArrayList<>();
        for (Attempt attempt : attempts()) {
            urls.add(attempt.url());
        }
        return List.copyOf(urls);
    }

    /**
     * Whether trying the same call again later may succeed: yes when no Alertmanager could be reached
     * or answered in time, and for an HTTP 5xx, 408 or 429; no for denied access, a refused request,
     * an unknown silence, a malformed answer, another status, or an interrupt.
     */
    public boolean isRetryable() {
        return switch (kind) {
            case UNREACHABLE, TIMEOUT -> true;
            case HTTP_STATUS -> httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
            case ACCESS_DENIED, BAD_REQUEST, NOT_FOUND, MALFORMED_RESPONSE, INTERRUPTED -> false;
        };
    }
}
