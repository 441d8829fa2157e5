package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the admin allows a release to silence. A silence must be bounded in time, pin the required labels
 * with equality matchers (so a silence names the service it is for), carry a reason, stay clear of every
 * protected set, and keep the build under its cap. Checked before anything reaches Alertmanager.
 *
 * @param maxDuration the longest silence a release may create
 * @param defaultDuration used when the step gives no duration
 * @param requiredLabels labels every silence must pin with {@code name="non-empty value"}
 * @param protectedSets alerts no silence may be able to match
 * @param maxSilencesPerBuild how many silences one build may create in all
 */
public record SilencePolicy(
        Duration maxDuration,
        Duration defaultDuration,
        List<String> requiredLabels,
        List<ProtectedSet> protectedSets,
        int maxSilencesPerBuild)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final java.util.regex.Pattern LABEL_NAME = java.util.regex.Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public SilencePolicy {
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(defaultDuration, "defaultDuration");
        requiredLabels = List.copyOf(requiredLabels);
        protectedSets = List.copyOf(protectedSets);
        if (maxDuration.isZero() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("The maximum silence duration must be positive");
        }
        if (defaultDuration.isZero() || defaultDuration.isNegative() || defaultDuration.compareTo(maxDuration) > 0) {
            throw new IllegalArgumentException("The default silence duration (" + Durations.format(defaultDuration)
                    + ") must be positive and at most the maximum (" + Durations.format(maxDuration) + ")");
        }
        for (String label : requiredLabels) {
            if (label == null || !LABEL_NAME.matcher(label).matches()) {
                throw new IllegalArgumentException("Required label '" + label + "' is not a label name: use letters, digits"
                        + " and '_', not starting with a digit");
            }
        }
        if (maxSilencesPerBuild < 1) {
            throw new IllegalArgumentException("The cap on silences per build must be 1 or more");
        }
    }

    /** A starting point: 1 hour at most, 30 minutes by default, {@code service} pinned, critical alerts protected. */
    public static SilencePolicy defaults() {
        return new SilencePolicy(Duration.ofHours(1), Duration.ofMinutes(30), List.of("service"),
                List.of(new ProtectedSet(List.of(new Matcher("severity", MatchType.EQUAL, "critical")))), 10);
    }

    /**
     * Checks drafts a step wants to create, given how many silences the build created before.
     *
     * @return the duration of each draft, defaults applied
     * @throws SilencePolicyException listing every reason, each naming the silence and what to change
     */
    public List<Duration> check(List<SilenceDraft> drafts, int alreadyCreatedInBuild) {
        List<String> reasons = new ArrayList<>();
        List<Duration> durations = new ArrayList<>();
        if (alreadyCreatedInBuild + drafts.size() > maxSilencesPerBuild) {
            reasons.add("this build would have " + (alreadyCreatedInBuild + drafts.size()) + " silences, more than the "
                    + maxSilencesPerBuild + " allowed per build; combine matchers into fewer silences");
        }
        for (SilenceDraft draft : drafts) {
            String which = "silence " + draft.describe();
            Duration duration = draft.duration() == null ? defaultDuration : draft.duration();
            durations.add(duration);
            if (duration.isZero() || duration.isNegative()) {
                reasons.add(which + ": the duration must be positive");
            } else if (duration.compareTo(maxDuration) > 0) {
                reasons.add(which + ": " + Durations.format(duration) + " is longer than the " + Durations.format(maxDuration)
                        + " allowed; silence for at most " + Durations.format(maxDuration) + " and extend it in a later step if you must");
            }
            if (draft.matchers().isEmpty()) {
                reasons.add("a silence needs at least one matcher");
            }
            if (draft.comment() == null || draft.comment().isBlank()) {
                reasons.add(which + ": give a comment saying why the alerts are silenced");
            }
            if (!draft.matchers().isEmpty() && draft.matchers().stream().allMatch(m -> m.matches(""))) {
                reasons.add(which + ": every matcher also matches an empty label, so it would silence unrelated alerts;"
                        + " add a matcher such as service=\"checkout\"");
            }
            for (String label : requiredLabels) {
                boolean pinned = draft.matchers().stream()
                        .anyMatch(m -> m.name().equals(label) && m.type() == MatchType.EQUAL && !m.value().isEmpty());
                if (!pinned) {
                    reasons.add(which + ": it must pin the label '" + label + "' with an equality matcher, e.g. "
                            + label + "=\"checkout\"");
                }
            }
            for (ProtectedSet set : protectedSets) {
                if (SilenceOverlap.couldOverlap(draft.matchers(), set.matchers())) {
                    reasons.add(which + ": it could match alerts of the protected set " + set + "; exclude them, e.g. with "
                            + exclusionHint(set));
                }
            }
        }
        if (!reasons.isEmpty()) {
            throw new SilencePolicyException(reasons);
        }
        return durations;
    }

    private static String exclusionHint(ProtectedSet set) {
        Matcher first = set.matchers().get(0);
        if (first.type() == MatchType.EQUAL) {
            return new Matcher(first.name(), MatchType.NOT_EQUAL, first.value()).toString();
        }
        if (first.type() == MatchType.REGEX) {
            return new Matcher(first.name(), MatchType.NOT_REGEX, first.value()).toString();
        }
        return "a matcher that contradicts " + first;
    }
}
