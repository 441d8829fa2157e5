package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;

/** Which way a metric gets worse: latency and errors go up, throughput and free memory go down. */
public enum Direction {
    HIGHER_IS_WORSE,
    LOWER_IS_WORSE;

    /**
     * Reads a direction as people write it: {@code HIGHER_IS_WORSE} or {@code LOWER_IS_WORSE} in any case,
     * or short {@code higher} / {@code lower}.
     */
    public static Direction parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (value) {
            case "HIGHER_IS_WORSE", "HIGHER" -> HIGHER_IS_WORSE;
            case "LOWER_IS_WORSE", "LOWER" -> LOWER_IS_WORSE;
            default -> throw new InvalidInputException(Text.of("verification.direction.unknown", text));
        };
    }

    /** Whether {@code value} is on the bad side of {@code limit}. */
    public boolean breaches(double value, double limit) {
        return this == HIGHER_IS_WORSE ? value > limit : value < limit;
    }

    /** Whether a job's {@code limit} is at least as strict as the admin's {@code adminLimit}. */
    public boolean atLeastAsStrict(double limit, double adminLimit) {
        return this == HIGHER_IS_WORSE ? limit <= adminLimit : limit >= adminLimit;
    }

    /** The comparison that passes, for people: {@code <=} or {@code >=}. */
    public String passingOperator() {
        return this == HIGHER_IS_WORSE ? "<=" : ">=";
    }

    /** The comparison that fails, for people: {@code >} or {@code <}. */
    public String failingOperator() {
        return this == HIGHER_IS_WORSE ? ">" : "<";
    }

    /** How a relative change in the bad direction is described: {@code above} or {@code below}. */
    public String worseWord() {
        return this == HIGHER_IS_WORSE ? "above" : "below";
    }
}
