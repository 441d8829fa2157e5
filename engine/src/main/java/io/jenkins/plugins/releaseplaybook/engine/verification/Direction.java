package io.jenkins.plugins.releaseplaybook.engine.verification;

/** Which way a metric gets worse: latency and errors go up, throughput and free memory go down. */
public enum Direction {
    HIGHER_IS_WORSE,
    LOWER_IS_WORSE;

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
