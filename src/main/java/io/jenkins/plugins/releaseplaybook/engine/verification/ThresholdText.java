package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thresholds as people write them in Configuration as Code, a form or a Jenkinsfile: a number with an optional
 * unit, such as {@code '0.02'}, {@code '1%'}, {@code '500ms'}, {@code '1.5s'} or {@code '512MiB'}. The value is in
 * the Prometheus base unit (seconds, bytes, ratios), which is what the queries return: {@code '500ms'} is
 * {@code 0.5}, {@code '1%'} is {@code 0.01}.
 *
 * <p>Why text: Configuration as Code drops decimals that reach a {@code Double} attribute, and a Groovy
 * {@code 0.02} is a {@code BigDecimal} that a {@code String} property refuses. Text survives every path; this class
 * is the one place that reads it. {@link #canonical} gives the stored and exported spelling, which parses back to
 * the same value.
 */
public final class ThresholdText {
    /** Longer texts are refused before any parsing: no threshold needs them. */
    static final int MAX_LENGTH = 64;
    /** Longer plain numbers are written in scientific notation, so that every canonical text reads back. */
    private static final int MAX_PLAIN = 40;

    /** A number, then optionally a unit that starts with a letter or {@code %} (so {@code 0,02} is no number). */
    private static final Pattern FORM =
            Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d{1,3})?)\\s*([%\\p{L}][^\\s]*)?");

    /** Lower-case spelling to the canonical spelling and the factor to the base unit. */
    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        unit("%", "0.01");
        unit("ns", "0.000000001");
        unit("us", "0.000001");
        UNITS.put("µs", UNITS.get("us"));
        unit("ms", "0.001");
        unit("s", "1");
        unit("m", "60");
        unit("h", "3600");
        unit("B", "1");
        unit("KB", "1000");
        unit("MB", "1000000");
        unit("GB", "1000000000");
        unit("TB", "1000000000000");
        unit("KiB", "1024");
        unit("MiB", "1048576");
        unit("GiB", "1073741824");
        unit("TiB", "1099511627776");
    }

    private static void unit(String spelling, String factor) {
        UNITS.put(spelling.toLowerCase(Locale.ROOT), new Unit(spelling, new BigDecimal(factor)));
    }

    private record Unit(String spelling, BigDecimal factor) {}

    /** What is wrong with a text; {@link VerificationException.BadThreshold#reason()}. */
    public enum Reason {
        /** Not a number followed by an optional unit. */
        NOT_A_NUMBER,
        /** A number, then a unit this class does not know. */
        UNKNOWN_UNIT,
        /** Longer than {@value ThresholdText#MAX_LENGTH} characters. */
        TOO_LONG,
        /** A value too large for a double. */
        OUT_OF_RANGE
    }

    private ThresholdText() {}

    /** The units accepted after the number, for messages: {@code %, ns, us, ms, s, m, h, B, KB, ...}. */
    public static String unitList() {
        return String.join(", ", UNITS.values().stream().map(Unit::spelling).distinct().toList());
    }

    /**
     * The value in the base unit.
     *
     * @param check the check's name, for the message
     * @param field the field's name ({@code limit}), for the message
     * @param text the threshold as written; must not be blank (blank means "no threshold" to the callers)
     * @throws VerificationException of kind {@code BAD_THRESHOLD}, naming the check, the field and the text
     */
    public static double parse(String check, String field, String text) throws VerificationException {
        return parsed(check, field, text).value().doubleValue();
    }

    /**
     * The spelling to store and export: the number without superfluous zeros or exponent, and the unit as listed
     * in {@link #unitList()}, without a space ({@code ' 1.50 S '} becomes {@code '1.5s'}). It parses back to the same
     * value.
     *
     * @throws VerificationException as {@link #parse}
     */
    public static String canonical(String check, String field, String text) throws VerificationException {
        Parsed parsed = parsed(check, field, text);
        return plain(parsed.number()) + parsed.unit().spelling();
    }

    /** The canonical text of a value in the base unit, without a unit: {@code 0.05} becomes {@code '0.05'}. */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("A threshold must be a finite number, not " + value);
        }
        return plain(BigDecimal.valueOf(value));
    }

    /**
     * The text of a threshold as a Pipeline or a data-binding layer hands it over: a {@link CharSequence} as it is,
     * a {@link Number} (Groovy's {@code 0.02} is a {@code BigDecimal}, {@code 1} an {@code Integer}) in plain decimal
     * notation; {@code null} stays {@code null}.
     *
     * @throws IllegalArgumentException for any other type, naming the check, the field and the type
     */
    public static String textOf(String check, String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence chars) {
            return chars.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return plain(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            return format(((Number) value).doubleValue());
        }
        if (value instanceof Number number) {
            return plain(new BigDecimal(number.toString()));
        }
        throw new InvalidInputException(
                Text.of("verification.threshold.wrongType", check, field, value.getClass().getSimpleName()));
    }

    private record Parsed(BigDecimal number, Unit unit, BigDecimal value) {}

    private static Parsed parsed(String check, String field, String text) throws VerificationException {
        String value = text == null ? "" : text.strip();
        if (value.length() > MAX_LENGTH) {
            throw VerificationException.badThreshold(check, field, value.substring(0, MAX_LENGTH) + "…", Reason.TOO_LONG,
                    Text.of("verification.threshold.tooLong", Integer.toString(MAX_LENGTH)));
        }
        Matcher matcher = FORM.matcher(value);
        if (!matcher.matches()) {
            throw VerificationException.badThreshold(check, field, value, Reason.NOT_A_NUMBER,
                    Text.of("verification.threshold.notANumber"));
        }
        String unitText = matcher.group(2) == null ? "" : matcher.group(2);
        Unit unit = unitText.isEmpty() ? new Unit("", BigDecimal.ONE) : UNITS.get(unitText.toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw VerificationException.badThreshold(check, field, value, Reason.UNKNOWN_UNIT,
                    Text.of("verification.threshold.unknownUnit", unitText, unitList()));
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        BigDecimal base = number.multiply(unit.factor());
        if (!Double.isFinite(base.doubleValue())) {
            throw VerificationException.badThreshold(check, field, value, Reason.OUT_OF_RANGE,
                    Text.of("verification.threshold.tooLarge"));
        }
        return new Parsed(number, unit, base);
    }

    /**
     * Plain decimal notation without trailing zeros ({@code -0} is {@code 0}); scientific notation when the plain
     * form would be too long to read back ({@code 1E+300}).
     */
    private static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.signum() == 0) {
            return "0";
        }
        String text = stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
        return text.length() <= MAX_PLAIN ? text : stripped.toString();
    }
}
