package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import java.time.Duration;

/**
 * The rules for the configuration's fields, shared by the setters (JCasC), {@code configure} (the form
 * submission) and the {@code doCheck*} methods (live form validation). URL rules are the engine's.
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

    static FormValidation url(@CheckForNull String text) {
        return toValidation(urlProblem(text));
    }

    static FormValidation urlList(@CheckForNull String text) {
        return toValidation(urlListProblem(text));
    }

    static FormValidation timeout(@CheckForNull String text) {
        return toValidation(timeoutProblem(text));
    }

    /** {@link FormValidation#error(String)} escapes the text, so engine messages quoting user input are safe. */
    private static FormValidation toValidation(@CheckForNull String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
