package io.jenkins.plugins.releaseplaybook.engine.support;

import java.util.Locale;
import java.util.Objects;

/**
 * A checked engine exception whose message is a keyed {@link Text}: {@link #getMessage()} is English, {@link
 * #message(Locale)} the reader's language. Each package's exception adds its own {@code Kind}.
 */
public abstract class KeyedException extends Exception implements Localizable {
    private static final long serialVersionUID = 1L;

    private final Text text;

    protected KeyedException(Text text, Throwable cause) {
        super(Objects.requireNonNull(text, "text").english(), cause);
        this.text = text;
    }

    public Text text() {
        return text;
    }

    @Override
    public String message(Locale locale) {
        return text.message(locale);
    }
}
