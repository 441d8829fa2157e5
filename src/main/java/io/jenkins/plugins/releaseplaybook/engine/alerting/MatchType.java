package io.jenkins.plugins.releaseplaybook.engine.alerting;

/** The four matcher operators of Alertmanager. */
public enum MatchType {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String operator;

    MatchType(String operator) {
        this.operator = operator;
    }

    /** As written in a matcher: {@code =}, {@code !=}, {@code =~} or {@code !~}. */
    public String operator() {
        return operator;
    }

    /** Whether the operator is {@code =} or {@code =~} (Alertmanager's {@code isEqual}). */
    public boolean isPositive() {
        return this == EQUAL || this == REGEX;
    }

    /** Whether the value is a regular expression (Alertmanager's {@code isRegex}). */
    public boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }

    public static MatchType of(boolean isRegex, boolean isEqual) {
        if (isRegex) {
            return isEqual ? REGEX : NOT_REGEX;
        }
        return isEqual ? EQUAL : NOT_EQUAL;
    }
}
