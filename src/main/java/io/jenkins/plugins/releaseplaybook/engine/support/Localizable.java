package io.jenkins.plugins.releaseplaybook.engine.support;

import java.util.Locale;

/**
 * A text for people that the engine can give in their language. Engine exceptions that people read implement it;
 * their {@link Throwable#getMessage()} stays English (logs, API readers, tests).
 */
public interface Localizable {
    /** The text in {@code locale}'s language, English where there is no translation. */
    String message(Locale locale);
}
