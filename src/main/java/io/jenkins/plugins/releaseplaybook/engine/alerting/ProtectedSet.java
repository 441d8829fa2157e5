package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Alerts no release may silence, described by matchers (all must match), e.g. {@code severity="critical"}
 * or {@code team="payments", alertname=~"Fraud.*"}.
 */
public record ProtectedSet(List<Matcher> matchers) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ProtectedSet {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new InvalidInputException(Text.of("alerting.protected.empty"));
        }
    }

    /**
     * @param text one matcher set, as admins write it: {@code {severity="critical"}}
     * @throws AlertingException {@link AlertingException.Kind#MATCHER_SYNTAX} if it is not one
     */
    public static ProtectedSet parse(String text) throws AlertingException {
        return new ProtectedSet(MatcherSets.parse(text));
    }

    /** As admins write it: {@code {severity="critical"}}. */
    @Override
    public String toString() {
        return matchers.stream().map(Matcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }
}
