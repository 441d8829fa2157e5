package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import java.time.Duration;

/**
 * The rules for the configuration's fields, shared by the setters (JCasC), {@code configure} (the form
 * submission) and the {@code doCheck*} methods (live form validation). URL and duration rules are the engine's.
 */
final class ConfigurationValidation {
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
