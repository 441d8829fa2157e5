package io.jenkins.plugins.releaseplaybook.engine.support;

import java.io.Serializable;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * One engine text as a message key and its arguments, rendered in any language later: decision trails are kept
 * so in the report and shown in the reader's language.
 *
 * <p>A key names its bundle by its first segment: {@code verification.trail.noSample} is in
 * {@code engine/verification/Texts.properties} (and {@code Texts_zh_CN.properties}). Patterns are
 * {@link MessageFormat} patterns, so a single quote is written {@code ''}. Arguments are plain strings
 * (numbers come pre-formatted, so a typed {@code 100} never turns into {@code 100.0} or {@code 1,000}) or other
 * texts, rendered in the same language.
 *
 * <p>Bundles are loaded with this class's own class loader (a Jenkins plugin's, or a remoting agent's) and without
 * falling back to the JVM's default locale: a reader whose language has no translation gets English, never the
 * server's language.
 */
public final class Text implements Localizable, Serializable {
    private static final long serialVersionUID = 1L;

    /** The engine packages that have a bundle; a key outside them (e.g. read from a damaged report) is not looked up. */
    static final Set<String> BUNDLES = Set.of("support", "verification", "report", "alerting", "policy", "backup", "distribution", "rollback", "notification");

    private static final String BUNDLE_PREFIX = "io.jenkins.plugins.releaseplaybook.engine.";
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** {@code null} for a literal text. */
    private final String key;
    /** Each a {@link String} or a {@link Text}. */
    private final List<Serializable> args;
    /** The text of a literal, or the English text to show when the key is unknown. */
    private final String fallback;

    private Text(String key, List<Serializable> args, String fallback) {
        this.key = key;
        this.args = args;
        this.fallback = fallback;
    }

    /**
     * @param args strings, texts, or anything else, which is kept as {@link String#valueOf(Object)}
     * @throws IllegalArgumentException if the key has no English text (a programming error)
     */
    public static Text of(String key, Object... args) {
        Text text = new Text(Objects.requireNonNull(key, "key"), normalize(args), null);
        if (pattern(key, Locale.ROOT) == null) {
            throw new IllegalArgumentException("No engine text for key " + key);
        }
        return text;
    }

    /**
     * A text read back from a report: the key may be unknown to this version (a newer plugin wrote it), then
     * {@code english} is shown in every language.
     */
    public static Text restore(String key, List<?> args, String english) {
        if (key == null) {
            return literal(english);
        }
        return new Text(key, normalize(args == null ? new Object[0] : args.toArray()), english);
    }

    /** A text that is the same in every language: user input, or a text from before texts had keys. */
    public static Text literal(String text) {
        return new Text(null, List.of(), text == null ? "" : text);
    }

    /** The text of an engine exception: its own text when it has one, else its message as a literal. */
    public static Text ofFailure(Throwable failure) {
        if (failure instanceof InvalidInputException invalid) {
            return invalid.text();
        }
        String message = failure.getMessage();
        return literal(message == null ? failure.toString() : message);
    }

    /**
     * Several texts as one list, e.g. {@code a; b; c} (the separator is that of the language). Empty for no parts.
     * Kept as nested texts of the key {@code support.list}, so that it stays a key with arguments in the report.
     */
    public static Text list(List<Text> parts) {
        if (parts.isEmpty()) {
            return literal("");
        }
        Text joined = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            joined = of("support.list", parts.get(i), joined);
        }
        return joined;
    }

    /** The key, {@code null} for a literal. */
    public String key() {
        return key;
    }

    /** The arguments: each a {@link String} or a {@link Text}. */
    public List<Object> args() {
        return Collections.unmodifiableList(new ArrayList<>(args));
    }

    @Override
    public String message(Locale locale) {
        if (key == null) {
            return fallback;
        }
        String pattern = pattern(key, locale == null ? Locale.ROOT : locale);
        if (pattern == null) {
            return fallback != null ? fallback : key;
        }
        Object[] rendered = new Object[args.size()];
        for (int i = 0; i < rendered.length; i++) {
            Serializable arg = args.get(i);
            rendered[i] = arg instanceof Text text ? text.message(locale) : arg;
        }
        try {
            return new MessageFormat(pattern, Locale.ROOT).format(rendered);
        } catch (IllegalArgumentException e) {
            // A broken translation must not hide the message: say it in English.
            return fallback != null ? fallback : new MessageFormat(pattern(key, Locale.ROOT), Locale.ROOT).format(rendered);
        }
    }

    /** The English text. */
    public String english() {
        return message(Locale.ROOT);
    }

    /** Whether this text reads the same in every language (no key). */
    public boolean isLiteral() {
        return key == null;
    }

    /** The English text. */
    @Override
    public String toString() {
        return english();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Text that && Objects.equals(key, that.key) && args.equals(that.args)
                && Objects.equals(key == null ? fallback : null, that.key == null ? that.fallback : null);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, args, key == null ? fallback : null);
    }

    /** The pattern of {@code key} in {@code locale}, or {@code null} when no bundle has it. */
    static String pattern(String key, Locale locale) {
        int dot = key.indexOf('.');
        String bundle = dot < 0 ? null : key.substring(0, dot);
        if (bundle == null || !BUNDLES.contains(bundle)) {
            return null;
        }
        try {
            return bundle(bundle, locale).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    static ResourceBundle bundle(String name, Locale locale) {
        return ResourceBundle.getBundle(BUNDLE_PREFIX + name + ".Texts", forBundles(locale),
                Text.class.getClassLoader(), NO_DEFAULT_LOCALE);
    }

    /** Browsers may send plain {@code zh} or {@code zh-Hans}; both read the zh_CN texts. */
    static Locale forBundles(Locale locale) {
        if ("zh".equals(locale.getLanguage()) && locale.getCountry().isEmpty() && !"Hant".equals(locale.getScript())) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return locale;
    }

    private static List<Serializable> normalize(Object[] args) {
        List<Serializable> out = new ArrayList<>(args.length);
        for (Object arg : args) {
            out.add(arg instanceof Text text ? text : String.valueOf(arg));
        }
        return List.copyOf(out);
    }
}
