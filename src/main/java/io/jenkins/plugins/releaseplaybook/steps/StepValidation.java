package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.config.ChoiceLists;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.CheckInputs;

/**
 * Form validation and choices shared by the {@code verifyStability} Snippet Generator forms (the step and its
 * custom checks). The rules are those the step applies when it runs; here they only give early feedback.
 */
final class StepValidation {
    private StepValidation() {}

    /** A rule that throws {@link IllegalArgumentException} with the message to show when the value is wrong. */
    @FunctionalInterface
    interface Rule {
        void check();
    }

    static FormValidation validate(Rule rule) {
        try {
            rule.check();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(EngineMessages.of(e)); // escapes the text
        }
    }

    /**
     * The exception for the Snippet Generator: its message alone. The generator answers a runtime exception from
     * {@code newInstance} with {@code Functions.printThrowable}, which prints the innermost cause first, so a cause
     * (a {@code NumberFormatException}, an engine exception) would push the message below a foreign stack trace.
     */
    static IllegalArgumentException messageOnly(IllegalArgumentException e) {
        return e.getCause() == null ? e : new IllegalArgumentException(e.getMessage());
    }

    /**
     * Blank ({@code null}), or a whole number of at least 1.
     *
     * @throws IllegalArgumentException naming the field and saying what to enter
     */
    @CheckForNull
    static Integer positive(String field, @CheckForNull String text) {
        Integer value = CheckInputs.wholeNumber(field, text);
        if (value != null && value < 1) {
            throw new IllegalArgumentException(Messages.CheckInputs_NotPositive(field, Util.fixNull(text).strip()));
        }
        return value;
    }

    /**
     * The no-data policies, after an empty choice that keeps each check's own policy: the same values and names as
     * in the catalogue and in custom checks.
     */
    static ListBoxModel noDataItems(JenkinsFacade jenkins, @CheckForNull Item item) {
        if (!jenkins.hasPermission(Item.READ, item)) {
            return new ListBoxModel();
        }
        return ChoiceLists.noDataPoliciesOrEachChecksOwn();
    }
}
