package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.engine.support.Percentages;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationException;
import io.jenkins.plugins.releaseplaybook.engine.verification.ThresholdText;

/**
 * Reads the values of a check as people type them (in a Jenkinsfile, a form or a JCasC file) into the engine's
 * types. Blank means "not given" everywhere; anything else that cannot be read is an
 * {@link IllegalArgumentException} naming the check, the field and the value, in the reader's language. Limits
 * themselves (a positive maximum change, {@code failAfter} of at least 1, ...) are the engine's to judge.
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
            throw new IllegalArgumentException(Messages.CheckInputs_InCheck(Util.fixNull(check), EngineMessages.of(e)), e);
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
            throw new IllegalArgumentException(Messages.CheckInputs_InCheck(Util.fixNull(check), EngineMessages.of(e)), e);
        }
    }

    /**
     * The canonical text of a threshold such as {@code '0.02'}, {@code '1%'} or {@code '500ms'} (see
     * {@link ThresholdText}); {@code null} when blank.
     *
     * @throws IllegalArgumentException in the reader's language, naming the check, the field and the text
     */
    @CheckForNull
    public static String thresholdText(@CheckForNull String check, String field, @CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            return ThresholdText.canonical(Util.fixNull(check), field, value);
        } catch (VerificationException e) { // BAD_THRESHOLD: the only kind parsing throws
            throw localized(e);
        }
    }

    /**
     * The value of a threshold text in the base unit ({@code '500ms'} is 0.5); {@code null} when blank.
     *
     * @throws IllegalArgumentException in the reader's language, naming the check, the field and the text
     */
    @CheckForNull
    public static Double threshold(@CheckForNull String check, String field, @CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            return ThresholdText.parse(Util.fixNull(check), field, value);
        } catch (VerificationException e) { // BAD_THRESHOLD: the only kind parsing throws
            throw localized(e);
        }
    }

    /**
     * The canonical text of a percentage written {@code '20%'} or {@code '20'}: the number without the sign;
     * {@code null} when blank.
     *
     * @throws IllegalArgumentException naming the check and the text
     */
    @CheckForNull
    public static String percentText(@CheckForNull String check, String field, @CheckForNull String text) {
        Double percent = percent(check, text);
        return percent == null ? null : ThresholdText.format(percent);
    }

    private static IllegalArgumentException localized(VerificationException e) {
        VerificationException.BadThreshold bad = e.threshold().orElse(null);
        if (bad == null) {
            return new IllegalArgumentException(EngineMessages.of(e), e);
        }
        String message = switch (bad.reason()) {
            case UNKNOWN_UNIT -> Messages.CheckInputs_ThresholdUnknownUnit(bad.check(), bad.field(), bad.text(),
                    ThresholdText.unitList());
            case TOO_LONG -> Messages.CheckInputs_ThresholdTooLong(bad.check(), bad.field(), bad.text());
            case OUT_OF_RANGE -> Messages.CheckInputs_ThresholdTooLarge(bad.check(), bad.field(), bad.text());
            case NOT_A_NUMBER -> Messages.CheckInputs_ThresholdNotANumber(bad.check(), bad.field(), bad.text());
        };
        return new IllegalArgumentException(message, e);
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
}
