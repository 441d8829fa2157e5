package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException;
import io.jenkins.plugins.releaseplaybook.engine.alerting.Matcher;
import io.jenkins.plugins.releaseplaybook.engine.alerting.MatcherParser;
import io.jenkins.plugins.releaseplaybook.engine.alerting.MatcherSets;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceDraft;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code silenceAlerts} or {@code createSilences} call asked for, as the step execution keeps it (plain,
 * serializable values), and its translation into the engine's {@link SilenceDraft}s. Whether the drafts are allowed
 * is the policy's to judge; this class only reads them, and every unreadable value is an {@link AbortException}
 * (message only) naming the step, the parameter and the entry.
 */
final class SilenceRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String stepName;
    private final ArrayList<String> matchers;
    private final ArrayList<String> silences;
    @CheckForNull
    private final String duration;
    @CheckForNull
    private final String comment;

    SilenceRequest(String stepName, List<String> matchers, List<String> silences, @CheckForNull String duration,
            @CheckForNull String comment) {
        this.stepName = stepName;
        this.matchers = new ArrayList<>(matchers);
        this.silences = new ArrayList<>(silences);
        this.duration = duration;
        this.comment = comment;
    }

    /** The Pipeline name of the step that made the request. */
    String stepName() {
        return stepName;
    }

    /**
     * One draft per silence, with the comment as given: {@code matchers} make one silence, each entry of
     * {@code silences} (a matcher set on one line) one more. The duration is {@code null} when not given: the
     * policy's default applies.
     */
    List<SilenceDraft> drafts() throws AbortException {
        if (!matchers.isEmpty() && !silences.isEmpty()) {
            throw new AbortException(Messages.SilenceAlertsStep_MatchersAndSilences());
        }
        if (matchers.isEmpty() && silences.isEmpty()) {
            throw new AbortException(Messages.SilenceAlertsStep_NoMatchers());
        }
        Duration length = duration();
        String why = comment == null ? "" : comment;
        List<SilenceDraft> drafts = new ArrayList<>();
        for (List<Matcher> set : matcherSets()) {
            drafts.add(SilenceDraft.of(set).lasting(length).because(why));
        }
        return drafts;
    }

    private List<List<Matcher>> matcherSets() throws AbortException {
        List<List<Matcher>> sets = new ArrayList<>();
        if (!matchers.isEmpty()) {
            try {
                sets.add(MatcherParser.parseAll(matchers));
            } catch (AlertingException e) { // the engine's message quotes the bad matcher
                throw new AbortException(Messages.SilenceAlertsStep_BadParameter(stepName, "matchers", EngineMessages.of(e)));
            }
            return sets;
        }
        for (int i = 0; i < silences.size(); i++) {
            try {
                sets.add(MatcherSets.parse(silences.get(i)));
            } catch (AlertingException e) {
                throw new AbortException(Messages.SilenceAlertsStep_BadSilence(stepName, i + 1, EngineMessages.of(e)));
            }
        }
        return sets;
    }

    @CheckForNull
    private Duration duration() throws AbortException {
        if (duration == null) {
            return null;
        }
        try {
            return Durations.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.SilenceAlertsStep_BadParameter(stepName, "duration", EngineMessages.of(e)));
        }
    }
}
