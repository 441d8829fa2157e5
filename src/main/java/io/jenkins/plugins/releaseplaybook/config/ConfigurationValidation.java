package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ProtectedSet;
import io.jenkins.plugins.releaseplaybook.engine.policy.ItemPatterns;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for the configuration's fields, shared by the setters (JCasC), {@code configure} (the form
 * submission) and the {@code doCheck*} methods (live form validation) of every section. URL, duration, matcher and
 * threshold rules are the engine's.
 */
final class ConfigurationValidation {
    /** A Prometheus label name, which Alertmanager matchers use too. */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private ConfigurationValidation() {}

    /** What is wrong with an optional base URL, or {@code null} if it is fine or blank. */
    @CheckForNull
    static String urlProblem(@CheckForNull String text) {
        if (Util.fixEmptyAndTrim(text) == null) {
            return null;
        }
        try {
            EndpointUrl.parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return EngineMessages.of(e);
        }
    }

    /** What is wrong with a list of base URLs (one a line), or {@code null} if it is fine or blank. */
    @CheckForNull
    static String urlListProblem(@CheckForNull String text) {
        try {
            EndpointUrl.parseList(text);
            return null;
        } catch (IllegalArgumentException e) {
            return EngineMessages.of(e);
        }
    }

    /** What is wrong with a timeout in seconds as typed, or {@code null} if it is a whole number in range. */
    @CheckForNull
    static String timeoutProblem(@CheckForNull String text) {
        Integer seconds = parseSeconds(text);
        return seconds == null ? timeoutMessage() : null;
    }

    static String timeoutMessage() {
        return Messages.ReleasePlaybookConfiguration_TimeoutOutOfRange(
                ConnectionsSection.MIN_TIMEOUT_SECONDS, ConnectionsSection.MAX_TIMEOUT_SECONDS);
    }

    /** The typed timeout when it is valid, else the default, so that a connection test always runs. */
    static Duration timeoutOrDefault(@CheckForNull String text) {
        Integer seconds = parseSeconds(text);
        return Duration.ofSeconds(seconds == null ? ConnectionsSection.DEFAULT_TIMEOUT_SECONDS : seconds);
    }

    @CheckForNull
    private static Integer parseSeconds(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value);
            boolean inRange = seconds >= ConnectionsSection.MIN_TIMEOUT_SECONDS
                    && seconds <= ConnectionsSection.MAX_TIMEOUT_SECONDS;
            return inRange ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What is wrong with an optional duration such as {@code 10m}, or {@code null} if it is fine or blank. */
    @CheckForNull
    static String durationProblem(@CheckForNull String text) {
        if (Util.fixEmptyAndTrim(text) == null) {
            return null;
        }
        try {
            Durations.parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return EngineMessages.of(e);
        }
    }

    /** What is wrong with the number of consecutive query errors as typed, or {@code null} if it is fine. */
    @CheckForNull
    static String maxErrorsProblem(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        try {
            int errors = value == null ? 0 : Integer.parseInt(value);
            return validMaxErrors(errors) ? null : maxErrorsMessage();
        } catch (NumberFormatException e) {
            return maxErrorsMessage();
        }
    }

    static boolean validMaxErrors(int errors) {
        return errors >= VerificationSection.MIN_MAX_ERRORS
                && errors <= VerificationSection.MAX_MAX_ERRORS;
    }

    static String maxErrorsMessage() {
        return Messages.ReleasePlaybookConfiguration_MaxErrorsOutOfRange(
                VerificationSection.MIN_MAX_ERRORS, VerificationSection.MAX_MAX_ERRORS);
    }

    /** What is wrong with the required labels (the first entry that is not a label name), or {@code null}. */
    @CheckForNull
    static String labelsProblem(List<String> labels) {
        for (String label : labels) {
            if (!LABEL_NAME.matcher(label).matches()) {
                return Messages.ReleasePlaybookConfiguration_BadLabelName(label);
            }
        }
        return null;
    }

    /**
     * What is wrong with the protected sets, one matcher set a line (blank lines ignored): the first line that does not
     * parse, by its number in the text, with the engine's reason; {@code null} if all parse or the text is blank.
     */
    @CheckForNull
    static String protectedSetsProblem(@CheckForNull String text) {
        if (text == null) {
            return null;
        }
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                ProtectedSet.parse(line);
            } catch (AlertingException | IllegalArgumentException e) {
                return Messages.ReleasePlaybookConfiguration_ProtectedSetLine(i + 1, EngineMessages.of(e));
            }
        }
        return null;
    }

    /** What is wrong with the cap on silences per build as typed, or {@code null} if it is fine. */
    @CheckForNull
    static String maxSilencesProblem(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        try {
            int cap = value == null ? 0 : Integer.parseInt(value);
            return validMaxSilences(cap) ? null : maxSilencesMessage();
        } catch (NumberFormatException e) {
            return maxSilencesMessage();
        }
    }

    static boolean validMaxSilences(int cap) {
        return cap >= SilencesSection.MIN_MAX_SILENCES_PER_BUILD
                && cap <= SilencesSection.MAX_MAX_SILENCES_PER_BUILD;
    }

    static String maxSilencesMessage() {
        return Messages.ReleasePlaybookConfiguration_MaxSilencesOutOfRange(
                SilencesSection.MIN_MAX_SILENCES_PER_BUILD,
                SilencesSection.MAX_MAX_SILENCES_PER_BUILD);
    }

    /** An error for a bad label name; a warning when there are none, which the policy allows but rarely means. */
    static FormValidation requiredLabels(List<String> labels) {
        String problem = labelsProblem(labels);
        if (problem != null) {
            return FormValidation.error(problem);
        }
        return labels.isEmpty() ? FormValidation.warning(Messages.ReleasePlaybookConfiguration_NoRequiredLabels())
                : FormValidation.ok();
    }

    /** An error naming the bad line; a warning when there are no protected sets at all. */
    static FormValidation protectedSets(@CheckForNull String text) {
        String problem = protectedSetsProblem(text);
        if (problem != null) {
            return FormValidation.error(problem);
        }
        return Util.fixEmptyAndTrim(text) == null
                ? FormValidation.warning(Messages.ReleasePlaybookConfiguration_NoProtectedSets())
                : FormValidation.ok();
    }

    static FormValidation maxSilences(@CheckForNull String text) {
        return toValidation(maxSilencesProblem(text));
    }

    static FormValidation url(@CheckForNull String text) {
        return toValidation(urlProblem(text));
    }

    static FormValidation urlList(@CheckForNull String text) {
        return toValidation(urlListProblem(text));
    }

    static FormValidation timeout(@CheckForNull String text) {
        return toValidation(timeoutProblem(text));
    }

    static FormValidation duration(@CheckForNull String text) {
        return toValidation(durationProblem(text));
    }

    static FormValidation maxErrors(@CheckForNull String text) {
        return toValidation(maxErrorsProblem(text));
    }

    /** A form error for the field when there is a problem. */
    static void reject(@CheckForNull String problem, String field) throws FormException {
        if (problem != null) {
            throw new FormException(problem, field);
        }
    }

    /**
     * What is wrong when the later duration (both valid; blank means the given default) is longer than the earlier
     * one, or {@code null}: for a default interval longer than the default duration.
     */
    @CheckForNull
    static String intervalProblem(@CheckForNull String interval, @CheckForNull String duration) {
        if (durationProblem(interval) != null || durationProblem(duration) != null) {
            return null; // reported on its own field
        }
        Duration every = Durations.parse(orDefault(interval, VerificationSection.DEFAULT_INTERVAL));
        Duration window = Durations.parse(orDefault(duration, VerificationSection.DEFAULT_DURATION));
        return every.compareTo(window) > 0
                ? Messages.ReleasePlaybookConfiguration_IntervalLongerThanDuration(Durations.forPeople(every, EngineMessages.locale()),
                        Durations.forPeople(window, EngineMessages.locale()))
                : null;
    }

    /**
     * What is wrong when the default silence duration (both valid; blank means the built-in value) is longer than the
     * maximum, or {@code null}.
     */
    @CheckForNull
    static String silenceDurationsProblem(@CheckForNull String defaultText, @CheckForNull String maxText) {
        if (durationProblem(defaultText) != null || durationProblem(maxText) != null) {
            return null; // reported on its own field
        }
        Duration byDefault = Durations.parse(orDefault(defaultText, SilencesSection.DEFAULT_DEFAULT_DURATION));
        Duration longest = Durations.parse(orDefault(maxText, SilencesSection.DEFAULT_MAX_DURATION));
        return byDefault.compareTo(longest) > 0
                ? Messages.ReleasePlaybookConfiguration_SilenceDefaultLongerThanMax(Durations.forPeople(byDefault, EngineMessages.locale()),
                        Durations.forPeople(longest, EngineMessages.locale()))
                : null;
    }

    /** The trimmed text, or the default when blank. */
    static String orDefault(@CheckForNull String text, String fallback) {
        String value = Util.fixEmptyAndTrim(text);
        return value == null ? fallback : value;
    }

    /** Throws the engine's message for a malformed duration; the text as typed (trimmed) or the default otherwise. */
    static String durationOrDefault(@CheckForNull String text, String fallback) {
        String value = orDefault(text, fallback);
        Durations.parse(value);
        return value;
    }

    /** What is wrong with item-name patterns (the engine's message naming the line), or {@code null}. */
    @CheckForNull
    static String itemPatternsProblem(@CheckForNull String text) {
        try {
            ItemPatterns.parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return EngineMessages.of(e);
        }
    }

    /** A rule that throws {@link IllegalArgumentException} with the message to show when the value is wrong. */
    @FunctionalInterface
    interface Rule {
        void check();
    }

    /** Runs the rule: OK, or the error it threw. */
    static FormValidation validate(Rule rule) {
        try {
            rule.check();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(EngineMessages.of(e));
        }
    }

    /** {@link FormValidation#error(String)} escapes the text, so engine messages quoting user input are safe. */
    private static FormValidation toValidation(@CheckForNull String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
