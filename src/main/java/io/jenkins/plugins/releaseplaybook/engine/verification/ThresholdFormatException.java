package io.jenkins.plugins.releaseplaybook.engine.verification;

/**
 * A threshold text that {@link ThresholdText} cannot read. The message names the check, the field and the text;
 * the parts are kept so that the plugin can say the same in the reader's language.
 */
public final class ThresholdFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String check;
    private final String field;
    private final String text;
    private final ThresholdText.Reason reason;

    ThresholdFormatException(String check, String field, String text, ThresholdText.Reason reason, String problem) {
        super("Check '" + check + "': " + field + " '" + text + "' " + problem);
        this.check = check;
        this.field = field;
        this.text = text;
        this.reason = reason;
    }

    public String check() {
        return check;
    }

    public String field() {
        return field;
    }

    /** The text as written (trimmed; cut after {@link ThresholdText#MAX_LENGTH} characters). */
    public String text() {
        return text;
    }

    public ThresholdText.Reason reason() {
        return reason;
    }
}
