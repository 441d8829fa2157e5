package io.jenkins.plugins.releaseplaybook.engine.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in a Jenkinsfile: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d},
 * {@code 500ms}. Units go from largest to smallest, each at most once. {@link #format} writes that form back (for
 * settings); {@link #forPeople} writes durations for reading ({@code 15.3 s}, {@code 2 min 5 s}, {@code 1 h 2 min}).
 */
public final class Durations {
    /** The forms we accept, quoted in every error message. */
    public static final String ACCEPTED_FORMS = Text.of("support.duration.forms").english();

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");
    private static final String[] ORDER = {"d", "h", "m", "s", "ms"};

    private Durations() {}

    /**
     * @throws IllegalArgumentException quoting the value and the accepted forms
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, Text.of("support.duration.empty"));
        }
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher matcher = PART.matcher(value);
        Duration total = Duration.ZERO;
        int position = 0;
        int lastUnit = -1;
        while (position < value.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw invalid(text, Text.of("support.duration.notNumberAndUnit", value.substring(position)));
            }
            int unit = unitIndex(matcher.group(2));
            if (unit <= lastUnit) {
                throw invalid(text, Text.of("support.duration.unitOrder", matcher.group(2)));
            }
            lastUnit = unit;
            total = total.plus(of(Long.parseLong(matcher.group(1)), matcher.group(2)));
            position = matcher.end();
        }
        if (total.isZero()) {
            throw invalid(text, Text.of("support.duration.zero"));
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

    private static InvalidInputException invalid(String text, Text why) {
        return new InvalidInputException(Text.of("support.duration.invalid", text, why, Text.of("support.duration.forms")));
    }

    /** For people, in English: {@code 316 ms}, {@code 15.3 s}, {@code 2 min 5 s}, {@code 1 h 2 min}, {@code 2 d 3 h}. */
    public static String forPeople(Duration duration) {
        return text(duration).english();
    }

    /** For people, in {@code locale}'s language (e.g. {@code 2 分 5 秒}). */
    public static String forPeople(Duration duration, Locale locale) {
        return text(duration).message(locale);
    }

    /**
     * A duration for people as a text, to put into other texts: two units at most, the larger ones exact, so that
     * a reader sees the size at a glance; tenths of a second below a minute.
     */
    public static Text text(Duration duration) {
        boolean negative = duration.isNegative();
        Duration rest = duration.abs();
        Text text;
        if (rest.compareTo(Duration.ofSeconds(1)) < 0) {
            text = Text.of("support.unit.ms", Long.toString(rest.toMillis()));
        } else if (rest.compareTo(Duration.ofMinutes(1)) < 0) {
            BigDecimal seconds = BigDecimal.valueOf(rest.toMillis()).movePointLeft(3).setScale(1, RoundingMode.HALF_UP);
            text = seconds.compareTo(BigDecimal.valueOf(60)) >= 0
                    ? Text.of("support.unit.min", "1")
                    : Text.of("support.unit.s", seconds.stripTrailingZeros().toPlainString());
        } else {
            List<Text> parts = new ArrayList<>();
            long days = rest.toDays();
            if (days > 0) {
                parts.add(Text.of("support.unit.d", Long.toString(days)));
                if (rest.toHoursPart() > 0) {
                    parts.add(Text.of("support.unit.h", Integer.toString(rest.toHoursPart())));
                }
            } else if (rest.toHours() > 0) {
                parts.add(Text.of("support.unit.h", Long.toString(rest.toHours())));
                if (rest.toMinutesPart() > 0) {
                    parts.add(Text.of("support.unit.min", Integer.toString(rest.toMinutesPart())));
                }
            } else {
                parts.add(Text.of("support.unit.min", Long.toString(rest.toMinutes())));
                if (rest.toSecondsPart() > 0) {
                    parts.add(Text.of("support.unit.s", Integer.toString(rest.toSecondsPart())));
                }
            }
            text = parts.size() == 1 ? parts.get(0) : Text.of("support.unit.pair", parts.get(0), parts.get(1));
        }
        return negative ? Text.of("support.unit.negative", text) : text;
    }
}
