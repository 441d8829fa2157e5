package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A silence a release asks for, before the policy and Alertmanager have seen it: one entry of the list given to
 * {@link SilenceWindow#open}. Start from {@link #parse} (or {@link #of}) and name the rest:
 * {@code SilenceDraft.parse("service=\"checkout\"").lasting(Duration.ofMinutes(45)).because("checkout 1.4.2")}.
 *
 * @param matchers all must match an alert for the silence to apply
 * @param duration how long, from creation; {@code null} for the policy's default
 * @param comment why, in the user's words (the policy requires one)
 */
public record SilenceDraft(List<Matcher> matchers, Duration duration, String comment) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SilenceDraft {
        matchers = List.copyOf(matchers);
    }

    /**
     * A draft for these matchers, lasting the policy's default duration, with no comment yet.
     *
     * @param matchers in Alertmanager syntax, e.g. {@code service="checkout"}, {@code alertname=~"High.*"}
     * @throws AlertingException {@link AlertingException.Kind#MATCHER_SYNTAX} naming every matcher that does not parse
     */
    public static SilenceDraft parse(String... matchers) throws AlertingException {
        return of(MatcherParser.parseAll(List.of(matchers)));
    }

    /** As {@link #parse}, with matchers already parsed. */
    public static SilenceDraft of(List<Matcher> matchers) {
        return new SilenceDraft(matchers, null, "");
    }

    /** The same draft lasting {@code length} from creation; {@code null} for the policy's default. */
    public SilenceDraft lasting(Duration length) {
        return new SilenceDraft(matchers, length, comment);
    }

    /** The same draft with this reason, which Alertmanager shows with the silence. */
    public SilenceDraft because(String why) {
        return new SilenceDraft(matchers, duration, Objects.requireNonNull(why, "comment"));
    }

    /** The matchers as people read them: {@code {service="checkout", alertname=~"High.*"}}. */
    public String describe() {
        return matchers.stream().map(Matcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }
}
