package io.jenkins.plugins.releaseplaybook.engine.support;

import java.util.Locale;

/**
 * Input the engine refuses (a duration, a URL, a matcher, a threshold), with a message people can act on in their
 * language. {@link #getMessage()} is the English text.
 */
public class InvalidInputException extends IllegalArgumentException implements Localizable {
    private static final long serialVersionUID = 1L;

    private final Text text;

    public InvalidInputException(Text text) {
        super(text.english());
        this.text = text;
    }

    public InvalidInputException(Text text, Throwable cause) {
        super(text.english(), cause);
        this.text = text;
    }

    /** The message as a key and arguments, e.g. to put it inside another message. */
    public Text text() {
        return text;
    }

    @Override
    public String message(Locale locale) {
        return text.message(locale);
    }
}
