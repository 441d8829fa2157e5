package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A silence a step asks for, before the policy and Alertmanager have seen it.
 *
 * @param matchers all must match an alert for the silence to apply
 * @param duration how long, from creation; {@code null} for the policy's default
 * @param comment why, in the user's words
 */
public record SilenceDraft(List<Matcher> matchers, Duration duration, String comment) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SilenceDraft {
        matchers = List.copyOf(matchers);
    }

    public String describe() {
        return matchers.stream().map(Matcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }
}
