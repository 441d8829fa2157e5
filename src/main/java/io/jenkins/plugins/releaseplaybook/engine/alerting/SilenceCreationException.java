package io.jenkins.plugins.releaseplaybook.engine.alerting;

import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.List;
import java.util.Locale;

/**
 * Creating the silences of a step failed part-way. The ones already created were expired again (all or
 * none); {@link #leftBehind()} lists any that could not be, with their end times.
 */
public class SilenceCreationException extends Exception implements Localizable {
    private static final long serialVersionUID = 1L;

    private final transient List<SilenceOutcome> leftBehind;
    /** The message in every language, or {@code null} for an English-only one. */
    private final Text text;

    public SilenceCreationException(String message, Throwable cause, List<SilenceOutcome> leftBehind) {
        super(message, cause);
        this.leftBehind = List.copyOf(leftBehind);
        this.text = null;
    }

    /** A failure whose message has a text in every language. */
    public SilenceCreationException(Text text, Throwable cause, List<SilenceOutcome> leftBehind) {
        super(text.english(), cause);
        this.leftBehind = List.copyOf(leftBehind);
        this.text = text;
    }

    /** The silences that could not be expired again; empty for an exception that was serialized and restored. */
    public List<SilenceOutcome> leftBehind() {
        return leftBehind == null ? List.of() : leftBehind;
    }

    @Override
    public String message(Locale locale) {
        return text == null ? getMessage() : text.message(locale);
    }
}
