package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException;
import io.jenkins.plugins.releaseplaybook.engine.alerting.MatcherParser;
import io.jenkins.plugins.releaseplaybook.engine.alerting.MatcherSets;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import java.util.List;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The Snippet Generator form and its validation, shared by the two steps that create silences
 * ({@code silenceAlerts}, {@code createSilences}). The rules are those the steps apply when they run; here they give
 * early feedback, in the reader's language.
 *
 * <p>Public because Stapler dispatches the inherited {@code doCheck*} methods on the concrete descriptors.
 */
public abstract class SilenceStepDescriptor extends StepDescriptor {
    private final transient JenkinsFacade jenkins = new JenkinsFacade();

    /** A new, empty step of the concrete kind, for the form to fill. */
    abstract AbstractSilenceStep newStep();

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class, FlowNode.class);
    }

    /**
     * Builds the step from the Snippet Generator form. {@code matchers} and {@code silences} are lists in the DSL,
     * edited here as text areas ({@code matchersText}, {@code silencesText}, one entry a line) that are split here.
     *
     * @throws IllegalArgumentException with the message to show, for what the step would refuse when it runs (the
     *     Snippet Generator shows a {@link RuntimeException}'s message; a checked exception would be an HTTP 500), and
     *     without a cause: the generator prints the innermost cause first, which would bury the message
     */
    @Override
    public AbstractSilenceStep newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
        AbstractSilenceStep step = newStep();
        step.setMatchers(FormLines.split(formData.optString("matchersText")));
        step.setSilences(FormLines.split(formData.optString("silencesText")));
        step.setDuration(formData.optString("duration"));
        step.setComment(formData.optString("comment"));
        checkChoice(step.getMatchers(), step.getSilences());
        try {
            checkMatchers(step.getMatchers());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    Messages.SilenceAlertsStep_BadParameter(getFunctionName(), "matchers", EngineMessages.of(e)));
        }
        checkSilences(step.getSilences());
        try {
            checkDuration(step.getDuration());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    Messages.SilenceAlertsStep_BadParameter(getFunctionName(), "duration", EngineMessages.of(e)));
        }
        return step;
    }

    /** The text area content for a list property: one entry a line. */
    public String toLines(@CheckForNull List<String> values) {
        return FormLines.join(values);
    }

    @POST
    public FormValidation doCheckMatchersText(@AncestorInPath Item item, @QueryParameter String value,
            @QueryParameter String silencesText) {
        if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
            return FormValidation.ok();
        }
        return validate(() -> {
            List<String> matchers = FormLines.split(value);
            checkChoice(matchers, FormLines.split(silencesText));
            checkMatchers(matchers);
        });
    }

    @POST
    public FormValidation doCheckSilencesText(@AncestorInPath Item item, @QueryParameter String value) {
        if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
            return FormValidation.ok();
        }
        return validate(() -> checkSilences(FormLines.split(value)));
    }

    @POST
    public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
        if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
            return FormValidation.ok();
        }
        return validate(() -> checkDuration(value));
    }

    @POST
    public FormValidation doCheckComment(@AncestorInPath Item item, @QueryParameter String value) {
        if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
            return FormValidation.ok();
        }
        return Util.fixEmptyAndTrim(value) == null
                ? FormValidation.error(Messages.SilenceAlertsStep_CommentRequired())
                : FormValidation.ok();
    }

    /** A rule that throws {@link IllegalArgumentException} with the message to show when the value is wrong. */
    @FunctionalInterface
    private interface Rule {
        void check();
    }

    private static FormValidation validate(Rule rule) {
        try {
            rule.check();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(EngineMessages.of(e)); // escapes the text
        }
    }

    /** Either matchers (one silence) or silences (several), never both, never neither. */
    private static void checkChoice(List<String> matchers, List<String> silences) {
        if (matchers.isEmpty() == silences.isEmpty()) {
            throw new IllegalArgumentException(matchers.isEmpty() ? Messages.SilenceAlertsStep_NoMatchers()
                    : Messages.SilenceAlertsStep_MatchersAndSilences());
        }
    }

    /** The engine's parser decides; its message, in the reader's language, quotes the bad matcher. */
    private static void checkMatchers(List<String> matchers) {
        if (matchers.isEmpty()) {
            return;
        }
        try {
            MatcherParser.parseAll(matchers);
        } catch (AlertingException e) {
            throw new IllegalArgumentException(EngineMessages.of(e), e);
        }
    }

    private void checkSilences(List<String> silences) {
        for (int i = 0; i < silences.size(); i++) {
            try {
                MatcherSets.parse(silences.get(i));
            } catch (AlertingException e) {
                throw new IllegalArgumentException(
                        Messages.SilenceAlertsStep_BadSilence(getFunctionName(), i + 1, EngineMessages.of(e)));
            }
        }
    }

    /** Blank is fine: the policy's default duration applies. */
    private static void checkDuration(@CheckForNull String duration) {
        if (Util.fixEmptyAndTrim(duration) == null) {
            return;
        }
        try {
            Durations.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(EngineMessages.of(e), e);
        }
    }
}
