package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ProtectedSet;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for the configuration's fields, shared by the setters (JCasC), {@code configure} (the form
 * submission) and the {@code doCheck*} methods (live form validation). URL and duration rules are the engine's.
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
            return e.getMessage();
        }
    }

    /** What is wrong with a list of base URLs (one a line), or {@code null} if it is fine or blank. */
    @CheckForNull
    static String urlListProblem(@CheckForNull String text) {
        try {
            EndpointUrl.parseList(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
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
                ReleasePlaybookConfiguration.MIN_TIMEOUT_SECONDS, ReleasePlaybookConfiguration.MAX_TIMEOUT_SECONDS);
    }

    /** The typed timeout when it is valid, else the default, so that a connection test always runs. */
    static Duration timeoutOrDefault(@CheckForNull String text) {
        Integer seconds = parseSeconds(text);
        return Duration.ofSeconds(seconds == null ? ReleasePlaybookConfiguration.DEFAULT_TIMEOUT_SECONDS : seconds);
    }

    @CheckForNull
    private static Integer parseSeconds(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value);
            boolean inRange = seconds >= ReleasePlaybookConfiguration.MIN_TIMEOUT_SECONDS
                    && seconds <= ReleasePlaybookConfiguration.MAX_TIMEOUT_SECONDS;
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
            return e.getMessage();
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
        return errors >= ReleasePlaybookConfiguration.MIN_MAX_ERRORS
                && errors <= ReleasePlaybookConfiguration.MAX_MAX_ERRORS;
    }

    static String maxErrorsMessage() {
        return Messages.ReleasePlaybookConfiguration_MaxErrorsOutOfRange(
                ReleasePlaybookConfiguration.MIN_MAX_ERRORS, ReleasePlaybookConfiguration.MAX_MAX_ERRORS);
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
            } catch (IllegalArgumentException e) {
                return Messages.ReleasePlaybookConfiguration_ProtectedSetLine(i + 1, e.getMessage());
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
        return cap >= ReleasePlaybookConfiguration.MIN_MAX_SILENCES_PER_BUILD
                && cap <= ReleasePlaybookConfiguration.MAX_MAX_SILENCES_PER_BUILD;
    }

    static String maxSilencesMessage() {
        return Messages.ReleasePlaybookConfiguration_MaxSilencesOutOfRange(
                ReleasePlaybookConfiguration.MIN_MAX_SILENCES_PER_BUILD,
                ReleasePlaybookConfiguration.MAX_MAX_SILENCES_PER_BUILD);
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
            return FormValidation.error(e.getMessage());
        }
    }

    /** {@link FormValidation#error(String)} escapes the text, so engine messages quoting user input are safe. */
    private static FormValidation toValidation(@CheckForNull String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
