package io.jenkins.plugins.releaseplaybook.engine.report;

import java.util.List;

/** A {@code releasePlan} declaration that cannot be accepted; the message lists every problem at once. */
public class InvalidPlanException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidPlanException(List<String> problems) {
        super("Invalid releasePlan: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
