package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The small shared pieces of the calendar syntax: times, dates, an optional {@code [Zone]}, and the errors. */
final class CalendarSyntax {
    /** {@code [Europe/Berlin]} anywhere after the times or dates, the rest of the line around it is kept. */
    private static final Pattern ZONE = Pattern.compile("\\[([^\\]]*)\\]");
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-4]):([0-5]\\d)");

    private CalendarSyntax() {}

    /** A line without its {@code [Zone]}, and the zone (or {@code fallback}). */
    record Zoned(String rest, ZoneId zone, boolean explicit) {}

    static Zoned zone(int lineNumber, String line, ZoneId fallback) {
        Matcher m = ZONE.matcher(line);
        if (!m.find()) {
            return new Zoned(line, fallback, false);
        }
        String rest = (line.substring(0, m.start()) + " " + line.substring(m.end())).strip().replaceAll("\\s+", " ");
        return new Zoned(rest, zoneId(lineNumber, line, m.group(1)), true);
    }

    /** A time zone id such as {@code Europe/Berlin}, {@code UTC} or {@code +08:00}. */
    static ZoneId zoneId(int lineNumber, String line, String text) {
        try {
            return zoneId(text);
        } catch (InvalidInputException e) {
            throw problem(lineNumber, line, e.text());
        }
    }

    /** The calendar's own zone setting, outside any line. */
    static ZoneId zoneId(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException(Text.of("policy.calendar.zone", text.strip()));
        }
    }

    /**
     * {@code HH:mm}; {@code 24:00} is the end of the day and reads as {@code null} when {@code endOfDay} is allowed.
     */
    static LocalTime time(int lineNumber, String line, String text, boolean endOfDayAllowed) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw problem(lineNumber, line, Text.of("policy.calendar.time", text));
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour == 24) {
            if (minute != 0 || !endOfDayAllowed) {
                throw problem(lineNumber, line, Text.of("policy.calendar.time", text));
            }
            return null;
        }
        return LocalTime.of(hour, minute);
    }

    static LocalDate date(int lineNumber, String line, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw problem(lineNumber, line, Text.of("policy.calendar.date", text));
        }
    }

    static boolean looksLikeTime(String token) {
        return TIME.matcher(token).matches();
    }

    static InvalidInputException problem(int lineNumber, String line, Text why) {
        return new InvalidInputException(Text.of("policy.calendar.invalid", String.valueOf(lineNumber), line, why));
    }
}
