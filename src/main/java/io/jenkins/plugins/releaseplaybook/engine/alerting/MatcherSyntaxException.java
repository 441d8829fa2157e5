package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.util.List;

/**
 * A matcher that {@link MatcherParser} cannot accept. The message quotes the matcher, points at the problem and
 * says what is expected; {@link #reason()} is the problem alone, for form validation next to the field.
 *
 * <p>{@link MatcherParser#parseAll} throws one exception for the whole list: its {@link #problems()} are the
 * exceptions of the bad matchers, each with its {@link #index()} in the list.
 */
public final class MatcherSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int position;
    private final int index;
    private final String reason;
    private final List<MatcherSyntaxException> problems;

    /** One bad matcher. */
    MatcherSyntaxException(String input, int position, int index, String reason, String message) {
        super(message);
        this.input = input;
        this.position = position;
        this.index = index;
        this.reason = reason;
        this.problems = List.of();
    }

    /** Several bad matchers of one list. */
    MatcherSyntaxException(String message, List<MatcherSyntaxException> problems) {
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
        return reason;
    }

    /**
     * For the exception of {@link MatcherParser#parseAll}: one exception per bad matcher, in list order; for one
     * matcher, just this exception.
     */
    public List<MatcherSyntaxException> problems() {
        return problems.isEmpty() ? List.of(this) : problems;
    }

    MatcherSyntaxException withIndex(int newIndex) {
        return new MatcherSyntaxException(input, position, newIndex, reason, getMessage());
    }
}
