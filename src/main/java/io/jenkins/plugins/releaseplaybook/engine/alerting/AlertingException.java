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
 * Everything this package refuses or fails at, told apart by its {@link #kind()}: a matcher that does not parse, a
 * silence the policy refuses, silences that could not all be created, and a call to Alertmanager without a usable
 * result. The message is worded for a person (what was being done, where, why, and what to change) and never
 * contains a credential; {@link #getMessage()} is English, {@link #message(Locale)} the reader's language.
 *
 * <p>Checked on purpose: each of these is an outcome a caller must decide about (show it next to the field, tell the
 * user what the policy wants, record the silences left behind, retry later), never a programming error. Programming
 * errors (a {@code null}, an empty matcher list in a {@link SilenceRequest}) are {@link NullPointerException}s and
 * {@link IllegalArgumentException}s, and values that cannot be built at all (a {@link SilencePolicy} whose default is
 * above its maximum, a bad duration) are the engine-wide unchecked
 * {@link io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException}: they are found when the settings
 * are read, not when a silence window runs.
 *
 * <p>What each kind carries: {@link Kind#MATCHER_SYNTAX} the {@link #input()}, {@link #position()}, {@link #index()},
 * {@link #reason()} and {@link #problems()}; {@link Kind#POLICY_REFUSED} the {@link #reasons()};
 * {@link Kind#CREATION_INCOMPLETE} the silences {@link #leftBehind()} and, as its cause, the Alertmanager failure;
 * the Alertmanager kinds the {@link #httpStatus()} and the {@link #attempts()}.
 */
public final class AlertingException extends Exception implements Localizable {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** A matcher (or a matcher set) that does not parse; nothing was sent anywhere. */
        MATCHER_SYNTAX,
        /** The admin's silence policy refuses a silence; nothing reached Alertmanager. */
        POLICY_REFUSED,
        /**
         * Creating a window's silences failed part-way (the cause says why); those created before were expired
         * again, or are {@link #leftBehind()}.
         */
        CREATION_INCOMPLETE,
        /**
         * No Alertmanager could be reached: connection refused, unknown host, no route, connecting timed out, TLS
         * handshake failed, connection broken.
         */
        UNREACHABLE,
        /** Connected, but no (complete) answer within the timeout. */
        TIMEOUT,
        /** HTTP 401 or 403: credentials missing or refused. */
        ACCESS_DENIED,
        /**
         * Alertmanager refused the request as invalid (HTTP 400 or 422), for example a silence whose end is not after
         * its start; the message quotes Alertmanager's reason.
         */
        BAD_REQUEST,
        /** The silence is unknown to Alertmanager, or the URL is not Alertmanager's API (HTTP 404). */
        NOT_FOUND,
        /** Another HTTP status: a 5xx from every instance tried, a redirect, a 405, a 429, ... */
        HTTP_ERROR,
        /** The answer is not the JSON of Alertmanager's v2 API, or is too large. */
        MALFORMED_RESPONSE,
        /** The calling thread was interrupted; its interrupt flag is set. */
        INTERRUPTED;

        /** Whether this kind is the outcome of a call to Alertmanager (the others are decided before or after). */
        public boolean isAlertmanagerCall() {
            return this != MATCHER_SYNTAX && this != POLICY_REFUSED && this != CREATION_INCOMPLETE;
        }
    }

    /**
     * One Alertmanager URL requested during a call, and how it failed.
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
    /** The message in every language, or {@code null} for an English-only message. */
    private final Text text;
    private final int httpStatus;
    /**
     * Not kept when the exception is serialized: a record cannot be restored by XStream (which persists what a
     * Pipeline keeps), and the message already says what each attempt met.
     */
    private final transient List<Attempt> attempts;
    private final transient List<SilenceOutcome> leftBehind;
    private final List<Text> reasons;
    private final String input;
    private final int position;
    private final int index;
    private final Text reason;
    private final List<AlertingException> problems;

    /** Private: every way in is a named factory for one kind. */
    private AlertingException(Kind kind, Text text, String english, Throwable cause, int httpStatus,
            List<Attempt> attempts, List<SilenceOutcome> leftBehind, List<Text> reasons, String input, int position,
            int index, Text reason, List<AlertingException> problems) {
        super(english, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.text = text;
        this.httpStatus = httpStatus;
        this.attempts = List.copyOf(attempts);
        this.leftBehind = List.copyOf(leftBehind);
        this.reasons = List.copyOf(reasons);
        this.input = input;
        this.position = position;
        this.index = index;
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    /**
     * A call to Alertmanager that did not give a usable result, for an {@link AlertmanagerPort} to throw.
     *
     * @param kind one of the kinds that {@link Kind#isAlertmanagerCall() are Alertmanager calls}
     * @param httpStatus the HTTP status of the answer that decided the outcome, or -1 if there was none
     * @param attempts every URL requested that failed, in the order tried
     * @param text the message for a person, in every language; must not contain a secret
     */
    public static AlertingException alertmanager(Kind kind, int httpStatus, List<Attempt> attempts, Text text) {
        Objects.requireNonNull(text, "text");
        return alertmanager(kind, text, text.english(), httpStatus, attempts);
    }

    /** As {@link #alertmanager(Kind, int, List, Text)}, with an English-only message. */
    public static AlertingException alertmanager(Kind kind, int httpStatus, List<Attempt> attempts, String message) {
        return alertmanager(kind, null, Objects.requireNonNull(message, "message"), httpStatus, attempts);
    }

    private static AlertingException alertmanager(Kind kind, Text text, String english, int httpStatus,
            List<Attempt> attempts) {
        if (!Objects.requireNonNull(kind, "kind").isAlertmanagerCall()) {
            throw new IllegalArgumentException(kind + " is not the outcome of a call to Alertmanager");
        }
        return new AlertingException(kind, text, english, null, httpStatus, attempts, List.of(), List.of(), null, -1,
                -1, null, List.of());
    }

    /** The policy refuses: every reason, each naming the silence and what to change. */
    static AlertingException refusedByPolicy(List<Text> reasons) {
        Text text = Text.of("alerting.policy.refused", Text.list(reasons));
        return new AlertingException(Kind.POLICY_REFUSED, text, text.english(), null, -1, List.of(), List.of(),
                reasons, null, -1, -1, null, List.of());
    }

    /** Creation failed part-way because of {@code cause}; {@code leftBehind} could not be expired again. */
    static AlertingException creationIncomplete(Text text, AlertingException cause, List<SilenceOutcome> leftBehind) {
        return new AlertingException(Kind.CREATION_INCOMPLETE, text, text.english(), cause, cause.httpStatus(),
                List.of(), leftBehind, List.of(), null, -1, -1, null, List.of());
    }

    /** One bad matcher. */
    static AlertingException syntax(String input, int position, int index, Text reason, Text message) {
        return new AlertingException(Kind.MATCHER_SYNTAX, message, message.english(), null, -1, List.of(), List.of(),
                List.of(), input, position, index, reason, List.of());
    }

    /** Several bad matchers of one list, or a matcher set that is not one (no position). */
    static AlertingException syntax(Text message, List<AlertingException> problems) {
        return new AlertingException(Kind.MATCHER_SYNTAX, message, message.english(), null, -1, List.of(), List.of(),
                List.of(), null, -1, -1, message, problems);
    }

    AlertingException withIndex(int newIndex) {
        return syntax(input, position, newIndex, reason, text());
    }

    public Kind kind() {
        return kind;
    }

    /** The message as a text: keyed where it has one, else the English message as it is. */
    public Text text() {
        return text == null ? Text.literal(getMessage()) : text;
    }

    @Override
    public String message(Locale locale) {
        return text == null ? getMessage() : text.message(locale);
    }

    // ---- Alertmanager calls

    /**
     * The HTTP status of the answer that decided the outcome (for {@link Kind#CREATION_INCOMPLETE}: of its cause), or
     * -1 if no Alertmanager answered or none was asked.
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Every URL requested that failed, in the order tried (the last one decided the outcome); empty for the kinds that
     * are not Alertmanager calls and for an exception that was serialized and restored.
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
     * Whether trying the same call again later may succeed: yes when no Alertmanager could be reached or answered in
     * time, and for an HTTP 5xx, 408 or 429; no for everything else (denied access, a refused request, an unknown
     * silence, a malformed answer, another status, an interrupt, a bad matcher, a policy refusal). For
     * {@link Kind#CREATION_INCOMPLETE}, whether its cause is.
     */
    public boolean isRetryable() {
        return switch (kind) {
            case UNREACHABLE, TIMEOUT -> true;
            case HTTP_ERROR -> httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
            case CREATION_INCOMPLETE -> getCause() instanceof AlertingException cause && cause.isRetryable();
            case ACCESS_DENIED, BAD_REQUEST, NOT_FOUND, MALFORMED_RESPONSE, INTERRUPTED, MATCHER_SYNTAX,
                    POLICY_REFUSED -> false;
        };
    }

    // ---- CREATION_INCOMPLETE

    /**
     * For {@link Kind#CREATION_INCOMPLETE}: the silences created before the failure that could not be expired again
     * (they end on their own at their end time); empty otherwise, and for an exception that was serialized and
     * restored.
     */
    public List<SilenceOutcome> leftBehind() {
        return leftBehind == null ? List.of() : leftBehind;
    }

    // ---- POLICY_REFUSED

    /** For {@link Kind#POLICY_REFUSED}: each reason in English; empty for the other kinds. */
    public List<String> reasons() {
        return reasons.stream().map(Text::english).toList();
    }

    /** {@link #reasons()} in {@code locale}'s language. */
    public List<String> reasons(Locale locale) {
        return reasons.stream().map(t -> t.message(locale)).toList();
    }

    // ---- MATCHER_SYNTAX

    /** The matcher text that was parsed; {@code null} when none was given, for a whole list, and for other kinds. */
    public String input() {
        return input;
    }

    /**
     * Where the problem is: a 0-based index of a {@code char} of {@link #input()}, equal to its length when something
     * is missing at the end, or -1 when the problem has no place (no input, an empty one, a list, another kind).
     */
    public int position() {
        return position;
    }

    /** The matcher's index in the list given to {@link MatcherParser#parseAll}; -1 from a single parse. */
    public int index() {
        return index;
    }

    /**
     * For {@link Kind#MATCHER_SYNTAX}: the problem without the quoted matcher and the expected syntax, e.g. for a form
     * validation message next to the field; for the other kinds the message.
     */
    public String reason() {
        return reason == null ? getMessage() : reason.english();
    }

    /** {@link #reason()} in {@code locale}'s language. */
    public String reason(Locale locale) {
        return reason == null ? message(locale) : reason.message(locale);
    }

    /**
     * For the exception of {@link MatcherParser#parseAll}: one exception per bad matcher, in list order; otherwise
     * just this exception.
     */
    public List<AlertingException> problems() {
        return problems.isEmpty() ? List.of(this) : problems;
    }
}
