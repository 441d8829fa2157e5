package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.List;
import java.util.Locale;

/**
 * A matcher that {@link MatcherParser} cannot accept. The message quotes the matcher, points at the problem and
 * says what is expected; {@link #reason()} is the problem alone, for form validation next to the field.
 *
 * <p>{@link MatcherParser#parseAll} throws one exception for the whole list: its {@link #problems()} are the
 * exceptions of the bad matchers, each with its {@link #index()} in the list.
 *
 * <p>{@link #getMessage()} and {@link #reason()} are English; {@link #message(Locale)} and {@link #reason(Locale)}
 * give them in the reader's language.
 */
public final class MatcherSyntaxException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int position;
    private final int index;
    private final Text reason;
    private final List<MatcherSyntaxException> problems;

    /** One bad matcher. */
    MatcherSyntaxException(String input, int position, int index, Text reason, Text message) {
        super(message);
        this.input = input;
        this.position = position;
        this.index = index;
        this.reason = reason;
        this.problems = List.of();
    }

    /** Several bad matchers of one list. */
    MatcherSyntaxException(Text message, List<MatcherSyntaxException> problems) {
        super(message);
        this.input = null;
        this.position = -1;
        this.index = -1;
        this.reason = message;
        this.problems = List.copyOf(problems);
    }

    /** The text that was parsed, {@code null} when none was given or for the exception of a whole list. */
    public String input() {
        return input;
    }

    /**
     * Where the problem is: a 0-based index of a {@code char} of {@link #input()}, equal to its length when
     * something is missing at the end, or -1 when the problem has no place (no input, an empty one, a list).
     */
    public int position() {
        return position;
    }

    /** The matcher's index in the list given to {@link MatcherParser#parseAll}, -1 from {@link MatcherParser#parse}. */
    public int index() {
        return index;
    }

    /** The problem without the quoted matcher and the expected syntax, e.g. for a form validation message. */
    public String reason() {
        return reason.english();
    }

    /** {@link #reason()} in {@code locale}'s language. */
    public String reason(Locale locale) {
        return reason.message(locale);
    }

    /**
     * For the exception of {@link MatcherParser#parseAll}: one exception per bad matcher, in list order; for one
     * matcher, just this exception.
     */
    public List<MatcherSyntaxException> problems() {
        return problems.isEmpty() ? List.of(this) : problems;
    }

    MatcherSyntaxException withIndex(int newIndex) {
        return new MatcherSyntaxException(input, position, newIndex, reason, text());
    }
}
