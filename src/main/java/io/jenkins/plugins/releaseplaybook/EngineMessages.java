package io.jenkins.plugins.releaseplaybook;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import java.util.Locale;
import org.jvnet.localizer.LocaleProvider;

/**
 * Engine texts in the language of the person reading them. The engine is Jenkins-free and renders its texts for a
 * {@link Locale} it is given; this is where the plugin finds that locale: {@link LocaleProvider#getLocale()}, which
 * Jenkins core sets up to answer the current HTTP request's locale (Accept-Language, or the user's language setting)
 * and the JVM's default outside a request, the same locale the plugin's own {@code Messages} use.
 */
public final class EngineMessages {
    private EngineMessages() {}

    /**
     * The text of a failure for people: an engine {@link Localizable} in the current locale, else its message (or, without
     * one, its class name). Use it wherever a form, a page or a build log shows an engine exception's text.
     */
    @NonNull
    public static String of(@NonNull Throwable failure) {
        if (failure instanceof Localizable localizable) {
            return localizable.message(locale());
        }
        String message = failure.getMessage();
        return message != null ? message : failure.getClass().getSimpleName();
    }

    /**
     * An engine text (not a failure) in the current locale. Named apart from {@link #of(Throwable)} on purpose: an
     * engine exception is both a {@link Throwable} and a {@link Localizable}, and two overloads would be ambiguous.
     */
    @NonNull
    public static String text(@NonNull Localizable text) {
        return text.message(locale());
    }

    /** The locale to render engine texts and the report page in. */
    @NonNull
    public static Locale locale() {
        Locale locale = LocaleProvider.getLocale();
        return locale != null ? locale : Locale.getDefault();
    }
}
