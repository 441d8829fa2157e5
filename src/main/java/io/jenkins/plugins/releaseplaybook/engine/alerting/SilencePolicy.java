package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the admin allows a release to silence. A silence must be bounded in time, pin the required labels
 * with equality matchers (so a silence names the service it is for), carry a reason, stay clear of every
 * protected set, and keep the build under its cap. {@link SilenceWindow#open} checks it before anything reaches
 * Alertmanager; a caller cannot create silences around it.
 *
 * <p>Build one with {@link #builder()}, which starts from {@link #defaults()}: {@code
 * SilencePolicy.builder().maxDuration(Duration.ofHours(2)).requiredLabels("service", "team").build()}. Settings that
 * make no policy (a default above the maximum, a label that is not a label name) are an {@link InvalidInputException}.
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
            throw new InvalidInputException(Text.of("alerting.policy.maxNotPositive"));
        }
        if (defaultDuration.isZero() || defaultDuration.isNegative() || defaultDuration.compareTo(maxDuration) > 0) {
            throw new InvalidInputException(Text.of("alerting.policy.defaultAboveMax", Durations.format(defaultDuration),
                    Durations.format(maxDuration)));
        }
        for (String label : requiredLabels) {
            if (label == null || !LABEL_NAME.matcher(label).matches()) {
                throw new InvalidInputException(Text.of("alerting.policy.badLabel", label));
            }
        }
        if (maxSilencesPerBuild < 1) {
            throw new InvalidInputException(Text.of("alerting.policy.capBelowOne"));
        }
    }

    /**
     * A starting point: 1 hour at most, 30 minutes by default, {@code service} pinned, critical alerts protected, 10
     * silences per build.
     */
    public static SilencePolicy defaults() {
        return new SilencePolicy(Duration.ofHours(1), Duration.ofMinutes(30), List.of("service"),
                List.of(new ProtectedSet(List.of(new Matcher("severity", MatchType.EQUAL, "critical")))), 10);
    }

    /** A builder that starts from {@link #defaults()}; set only what differs. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link SilencePolicy} by named settings; {@link #build()} checks them together. Not thread-safe. */
    public static final class Builder {
        private Duration maxDuration;
        private Duration defaultDuration;
        private List<String> requiredLabels;
        private List<ProtectedSet> protectedSets;
        private int maxSilencesPerBuild;

        private Builder(SilencePolicy start) {
            maxDuration = start.maxDuration();
            defaultDuration = start.defaultDuration();
            requiredLabels = start.requiredLabels();
            protectedSets = start.protectedSets();
            maxSilencesPerBuild = start.maxSilencesPerBuild();
        }

        /** The longest silence a release may create. */
        public Builder maxDuration(Duration duration) {
            maxDuration = Objects.requireNonNull(duration, "maxDuration");
            return this;
        }

        /** The duration of a silence that asks for none; at most {@link #maxDuration}. */
        public Builder defaultDuration(Duration duration) {
            defaultDuration = Objects.requireNonNull(duration, "defaultDuration");
            return this;
        }

        /** The labels every silence must pin with {@code name="non-empty value"}; none for no such rule. */
        public Builder requiredLabels(String... labels) {
            return requiredLabels(List.of(labels));
        }

        /** As {@link #requiredLabels(String...)}. */
        public Builder requiredLabels(List<String> labels) {
            requiredLabels = List.copyOf(labels);
            return this;
        }

        /**
         * The alerts no silence may be able to match, replacing the current ones; none for no protection.
         *
         * @param sets one matcher set each, as admins write them: {@code {severity="critical"}}
         * @throws AlertingException {@link AlertingException.Kind#MATCHER_SYNTAX} naming the first set that is not one
         */
        public Builder protecting(String... sets) throws AlertingException {
            List<ProtectedSet> parsed = new ArrayList<>();
            for (String set : sets) {
                parsed.add(ProtectedSet.parse(set));
            }
            return protectedSets(parsed);
        }

        /** As {@link #protecting(String...)}, with sets already parsed. */
        public Builder protectedSets(List<ProtectedSet> sets) {
            protectedSets = List.copyOf(sets);
            return this;
        }

        /** How many silences one build (or other origin) may create in all. */
        public Builder maxSilencesPerBuild(int max) {
            maxSilencesPerBuild = max;
            return this;
        }

        /**
         * @throws InvalidInputException if the settings make no policy (a duration that is not positive, a default
         *     above the maximum, a label that is not a label name, a cap below 1)
         */
        public SilencePolicy build() {
            return new SilencePolicy(maxDuration, defaultDuration, requiredLabels, protectedSets, maxSilencesPerBuild);
        }
    }

    /**
     * Checks drafts a step wants to create, given how many silences the build created before (a form can call it to
     * judge drafts early; {@link SilenceWindow#open} calls it on what it creates).
     *
     * @return the duration of each draft, defaults applied
     * @throws AlertingException {@link AlertingException.Kind#POLICY_REFUSED} listing every reason, each naming the
     *     silence and what to change
     */
    public List<Duration> check(List<SilenceDraft> drafts, int alreadyCreatedInBuild) throws AlertingException {
        List<Text> reasons = new ArrayList<>();
        List<Duration> durations = new ArrayList<>();
        if (alreadyCreatedInBuild + drafts.size() > maxSilencesPerBuild) {
            reasons.add(Text.of("alerting.policy.tooMany", alreadyCreatedInBuild + drafts.size(), maxSilencesPerBuild));
        }
        for (SilenceDraft draft : drafts) {
            String which = draft.describe();
            Duration duration = draft.duration() == null ? defaultDuration : draft.duration();
            durations.add(duration);
            if (duration.isZero() || duration.isNegative()) {
                reasons.add(Text.of("alerting.policy.durationNotPositive", which));
            } else if (duration.compareTo(maxDuration) > 0) {
                reasons.add(Text.of("alerting.policy.tooLong", which, Durations.format(duration), Durations.format(maxDuration)));
            }
            if (draft.matchers().isEmpty()) {
                reasons.add(Text.of("alerting.policy.noMatcher"));
            }
            if (draft.comment() == null || draft.comment().isBlank()) {
                reasons.add(Text.of("alerting.policy.noComment", which));
            }
            if (!draft.matchers().isEmpty() && draft.matchers().stream().allMatch(m -> m.matches(""))) {
                reasons.add(Text.of("alerting.policy.matchesEmpty", which));
            }
            for (String label : requiredLabels) {
                boolean pinned = draft.matchers().stream()
                        .anyMatch(m -> m.name().equals(label) && m.type() == MatchType.EQUAL && !m.value().isEmpty());
                if (!pinned) {
                    reasons.add(Text.of("alerting.policy.mustPin", which, label));
                }
            }
            for (ProtectedSet set : protectedSets) {
                if (SilenceOverlap.couldOverlap(draft.matchers(), set.matchers())) {
                    reasons.add(Text.of("alerting.policy.protected", which, set, exclusionHint(set)));
                }
            }
        }
        if (!reasons.isEmpty()) {
            throw AlertingException.refusedByPolicy(reasons);
        }
        return durations;
    }

    private static Text exclusionHint(ProtectedSet set) {
        Matcher first = set.matchers().get(0);
        if (first.type() == MatchType.EQUAL) {
            return Text.literal(new Matcher(first.name(), MatchType.NOT_EQUAL, first.value()).toString());
        }
        if (first.type() == MatchType.REGEX) {
            return Text.literal(new Matcher(first.name(), MatchType.NOT_REGEX, first.value()).toString());
        }
        return Text.of("alerting.policy.contradicting", first);
    }
}
