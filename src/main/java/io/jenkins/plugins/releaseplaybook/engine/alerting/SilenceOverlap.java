package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.util.List;
import java.util.Optional;

/**
 * Decides, conservatively, whether a silence could match an alert that a protected set matches. Both are
 * conjunctions of matchers, so they can match a common alert unless some label rules it out: one side pins
 * the label to a value (an {@code =} matcher) that a matcher of the other side on that label rejects, such
 * as {@code severity="warning"} against {@code severity="critical"}, or {@code severity!="critical"}
 * against {@code severity="critical"}. Two regular expressions, or two negative matchers, are never taken
 * to rule each other out: when in doubt, the silence could match, and is refused.
 */
final class SilenceOverlap {
    private SilenceOverlap() {}

    /** The contradiction that keeps them apart, for the report; empty when they could match the same alert. */
    static Optional<String> contradiction(List<Matcher> silence, List<Matcher> protectedSet) {
        Optional<String> found = pinnedAndRejected(silence, protectedSet, "the silence pins", "the protected set requires");
        return found.isPresent() ? found
                : pinnedAndRejected(protectedSet, silence, "the protected set pins", "the silence requires");
    }

    static boolean couldOverlap(List<Matcher> silence, List<Matcher> protectedSet) {
        return contradiction(silence, protectedSet).isEmpty();
    }

    private static Optional<String> pinnedAndRejected(List<Matcher> pinning, List<Matcher> other, String pins,
            String requires) {
        for (Matcher pin : pinning) {
            if (pin.type() != MatchType.EQUAL) {
                continue;
            }
            for (Matcher matcher : other) {
                if (matcher.name().equals(pin.name()) && !matcher.matches(pin.value())) {
                    return Optional.of(pins + " " + pin + " but " + requires + " " + matcher);
                }
            }
        }
        return Optional.empty();
    }
}
