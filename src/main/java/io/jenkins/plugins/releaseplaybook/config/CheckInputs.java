package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.support.Percentages;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;

/**
 * Reads the values of a check as people type them (in a Jenkinsfile, a form or a JCasC file) into the engine's
 * types. Blank means "not given" everywhere; anything else that cannot be read is an
 * {@link IllegalArgumentException} naming the check, the field and the value. Limits themselves (a positive
 * maximum change, {@code failAfter} of at least 1, ...) are the engine's to judge.
 */
public final class CheckInputs {
    private CheckInputs() {}

    /**
     * {@code HIGHER_IS_WORSE} or {@code LOWER_IS_WORSE}, in any case, or the short forms {@code higher} and
     * {@code lower} (the engine's rule); {@code null} when blank.
     */
    @CheckForNull
    public static Direction direction(@CheckForNull String check, @CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            return Direction.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.CheckInputs_InCheck(Util.fixNull(check), e.getMessage()), e);
        }
    }

    /** {@code inconclusive}, {@code fail} or {@code ignore} in any case; {@code null} when blank. */
    @CheckForNull
    public static NoDataPolicy noData(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        return value == null ? null : NoDataPolicy.parse(value); // the engine's message lists the choices
    }

    /** A percentage written {@code 20%} or {@code 20} (also {@code 12.5 %}, the engine's rule); {@code null} when blank. */
    @CheckForNull
    public static Double percent(@CheckForNull String check, @CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            return Percentages.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.CheckInputs_InCheck(Util.fixNull(check), e.getMessage()), e);
        }
    }

    /** A finite decimal number such as {@code 0.5} or {@code 1e-3}; {@code null} when blank. */
    @CheckForNull
    public static Double number(String field, @CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        Double parsed = parseFinite(value);
        if (parsed == null) {
            throw new IllegalArgumentException(Messages.CheckInputs_NotANumber(field, value));
        }
        return parsed;
    }

    /** A whole number; {@code null} when blank. */
    @CheckForNull
    public static Integer wholeNumber(String field, @CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.CheckInputs_NotAWholeNumber(field, value), e);
        }
    }

    @CheckForNull
    private static Double parseFinite(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
