package io.jenkins.plugins.releaseplaybook.engine.support;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in a Jenkinsfile: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d},
 * {@code 500ms}. Units go from largest to smallest, each at most once.
 */
public final class Durations {
    /** The forms we accept, quoted in every error message. */
    public static final String ACCEPTED_FORMS =
            "a number with a unit, largest unit first, e.g. '90s', '10m', '1h30m', '2d' (units: d, h, m, s, ms)";

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");
    private static final String[] ORDER = {"d", "h", "m", "s", "ms"};

    private Durations() {}

    /**
     * @throws IllegalArgumentException quoting the value and the accepted forms
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "it is empty");
        }
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher matcher = PART.matcher(value);
        Duration total = Duration.ZERO;
        int position = 0;
        int lastUnit = -1;
        while (position < value.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw invalid(text, "'" + value.substring(position) + "' is not a number followed by a unit");
            }
            int unit = unitIndex(matcher.group(2));
            if (unit <= lastUnit) {
                throw invalid(text, "unit '" + matcher.group(2) + "' comes after a smaller or equal unit");
            }
            lastUnit = unit;
            total = total.plus(of(Long.parseLong(matcher.group(1)), matcher.group(2)));
            position = matcher.end();
        }
        if (total.isZero()) {
            throw invalid(text, "it is zero");
        }
        return total;
    }

    /** The shortest form {@link #parse} reads back to the same duration, e.g. {@code 1h30m}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder(duration.isNegative() ? "-" : "");
        Duration rest = duration.abs();
        append(out, rest.toDays(), "d");
        append(out, rest.toHoursPart(), "h");
        append(out, rest.toMinutesPart(), "m");
        append(out, rest.toSecondsPart(), "s");
        append(out, rest.toMillisPart(), "ms");
        // Below a millisecond nothing was appended; say so rather than print an empty string.
        return out.length() == (duration.isNegative() ? 1 : 0) ? "0s" : out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i].equals(unit)) {
                return i;
            }
        }
        throw new IllegalStateException(unit);
    }

    private static Duration of(long amount, String unit) {
        return switch (unit) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "ms" -> Duration.ofMillis(amount);
            default -> throw new IllegalStateException(unit);
        };
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(
                "Invalid duration '" + text + "': " + why + ". Use " + ACCEPTED_FORMS + ".");
    }
}
