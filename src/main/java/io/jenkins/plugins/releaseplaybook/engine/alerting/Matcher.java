package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.util.Objects;
import com.google.re2j.Pattern;

/**
 * One label matcher as Alertmanager understands it: a label name, an operator and a value. Regular
 * expressions are anchored at both ends, as Alertmanager anchors them, and a label that an alert lacks
 * matches as the empty string.
 */
public record Matcher(String name, MatchType type, String value) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** Whether this matcher accepts an alert whose label has this value ({@code ""} when absent). */
    public boolean matches(String labelValue) {
        String actual = labelValue == null ? "" : labelValue;
        return switch (type) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> regexMatches(pattern(), actual);
            case NOT_REGEX -> !regexMatches(pattern(), actual);
        };
    }

    /** Programs up to this many instructions are matched on the caller's thread. */
    private static final int INLINE_PROGRAM = 500;
    /** Stack per instruction for a larger one: RE2/J follows a chain of empty transitions by recursion. */
    private static final long STACK_PER_INSTRUCTION = 512;
    private static final long MAX_STACK = 1L << 30;

    /**
     * RE2/J matches in linear time, but its NFA adds the states reached by empty transitions recursively, one
     * frame per instruction of the chain (as Go does, whose stacks grow): a long program is matched on a thread of
     * its own with a stack sized to the program, so that no caller's stack can overflow.
     */
    private static boolean regexMatches(Pattern pattern, String actual) {
        int size = pattern.programSize();
        if (size <= INLINE_PROGRAM) {
            return pattern.matches(actual);
        }
        boolean[] result = new boolean[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread matching = new Thread(null, () -> {
            try {
                result[0] = pattern.matches(actual);
            } catch (RuntimeException e) {
                failure[0] = e;
            } catch (StackOverflowError e) {
                failure[0] = new IllegalStateException("regex match of " + size + " instructions overflowed its stack", e);
            }
        }, "release-playbook matcher", Math.min(MAX_STACK, (1L << 20) + size * STACK_PER_INSTRUCTION));
        matching.setDaemon(true);
        matching.start();
        boolean interrupted = false;
        while (true) {
            try {
                matching.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the match takes linear time: finish it, then keep the interrupt
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    /**
     * The anchored pattern of a regex matcher, {@code ^(?:value)$} as Alertmanager anchors it, in RE2/J: a port of
     * Go's {@code regexp}, which Alertmanager uses, so the syntax and the matches are Alertmanager's, and matching
     * takes linear time without recursion, whatever the expression.
     *
     * @throws com.google.re2j.PatternSyntaxException if the value is not a regular expression (only a matcher that
     *     {@link MatcherParser} did not read, e.g. one listed by Alertmanager, can be such)
     */
    public Pattern pattern() {
        return Pattern.compile("^(?:" + Re2Limits.forRe2j(value) + ")$");
    }

    /**
     * The canonical text, {@code name="value"} with the value quoted and escaped, which the parser reads back
     * to an equal matcher.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append(type.operator()).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                case '\n' -> text.append("\\n");
                default -> text.append(c);
            }
        }
        return text.append('"').toString();
    }
}
