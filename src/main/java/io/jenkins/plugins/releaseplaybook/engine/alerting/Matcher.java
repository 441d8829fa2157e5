package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

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
            case REGEX -> pattern().matcher(actual).matches();
            case NOT_REGEX -> !pattern().matcher(actual).matches();
        };
    }

    /**
     * The anchored pattern of a regex matcher. Go's RE2, which Alertmanager uses, ends lines only at
     * {@code \n} and folds case across Unicode under {@code (?i)}; the flags make Java do the same.
     */
    public Pattern pattern() {
        return Pattern.compile("^(?:" + value + ")$", Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
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
