package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A weekly change window such as {@code Mon-Thu 09:00-16:00 [Europe/Berlin]}: on the listed days, from the start time
 * (inclusive) to the end time (exclusive) on the wall clock of its zone. Judged on the local time of the instant, so
 * the window follows daylight saving time: {@code 09:00-16:00} is 09:00 to 16:00 local time on the changeover days too
 * (a window over the skipped hour is an hour shorter, one over the repeated hour an hour longer). An end at or before
 * the start runs past midnight into the next day ({@code Fri 22:00-02:00}); {@code 24:00} is the end of the day.
 *
 * <p>Days: {@code Mon}..{@code Sun} (or full English names), ranges {@code Mon-Thu} (also wrapping, {@code Fri-Mon}),
 * lists {@code Mon,Wed,Fri}, or {@code daily}.
 *
 * @param line the line as the administrator wrote it
 * @param end {@code null} for 24:00
 */
public record WeeklyWindow(String line, Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public WeeklyWindow {
        days = Set.copyOf(days);
    }

    /**
     * Reads one line.
     *
     * @param lineNumber for the error message
     * @param fallbackZone the calendar's zone, for a line without {@code [Zone]}
     * @throws io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException naming the line and what is wrong
     */
    public static WeeklyWindow parse(int lineNumber, String line, ZoneId fallbackZone) {
        CalendarSyntax.Zoned zoned = CalendarSyntax.zone(lineNumber, line, fallbackZone);
        String[] parts = zoned.rest().split(" ");
        if (parts.length != 2) {
            throw CalendarSyntax.problem(lineNumber, line, Text.of("policy.window.shape"));
        }
        Set<DayOfWeek> days = days(lineNumber, line, parts[0]);
        String[] times = parts[1].split("-", -1);
        if (times.length != 2) {
            throw CalendarSyntax.problem(lineNumber, line, Text.of("policy.window.shape"));
        }
        LocalTime start = CalendarSyntax.time(lineNumber, line, times[0], false);
        LocalTime end = CalendarSyntax.time(lineNumber, line, times[1], true);
        if (end != null && end.equals(start)) {
            throw CalendarSyntax.problem(lineNumber, line, Text.of("policy.window.empty"));
        }
        return new WeeklyWindow(line.strip(), days, start, end, zoned.zone());
    }

    private static Set<DayOfWeek> days(int lineNumber, String line, String text) {
        if (text.equalsIgnoreCase("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",", -1)) {
            String[] range = part.split("-", -1);
            if (range.length == 1) {
                days.add(day(lineNumber, line, range[0]));
            } else if (range.length == 2) {
                DayOfWeek from = day(lineNumber, line, range[0]);
                DayOfWeek to = day(lineNumber, line, range[1]);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw CalendarSyntax.problem(lineNumber, line, Text.of("policy.window.day", part));
            }
        }
        return days;
    }

    private static DayOfWeek day(int lineNumber, String line, String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            if (wanted.length() >= 3 && full.startsWith(wanted)) {
                return day;
            }
        }
        throw CalendarSyntax.problem(lineNumber, line, Text.of("policy.window.day", text));
    }

    /** Whether the window runs past midnight into the next day. */
    boolean overnight() {
        return end != null && !end.isAfter(start);
    }

    /** Whether the instant is inside the window. */
    public boolean contains(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (!overnight()) {
            return days.contains(day) && !time.isBefore(start) && (end == null || time.isBefore(end));
        }
        return (days.contains(day) && !time.isBefore(start)) || (days.contains(day.minus(1)) && time.isBefore(end));
    }

    /** The first start of this window after {@code instant} (within the next eight days). */
    Instant nextStart(Instant instant) {
        LocalDate today = LocalDate.ofInstant(instant, zone);
        for (int i = 0; i <= 8; i++) {
            LocalDate date = today.plusDays(i);
            if (days.contains(date.getDayOfWeek())) {
                Instant start = ZonedDateTime.of(date, this.start, zone).toInstant();
                if (start.isAfter(instant)) {
                    return start;
                }
            }
        }
        throw new IllegalStateException("a window without days: " + line);
    }
}
