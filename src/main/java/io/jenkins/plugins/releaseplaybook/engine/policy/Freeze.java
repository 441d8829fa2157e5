package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dated freeze such as {@code 2026-12-20 to 2027-01-03 [Europe/Berlin] year-end freeze}: from the start of the first
 * day (inclusive) to the end of the last day (exclusive: the start of the day after), in its zone; a single date is
 * that one day. Either end may carry a time ({@code 2026-11-27 18:00 to 2026-11-30 08:00}), which is then the exact
 * start or end. Midnight and the times are resolved in the zone, daylight saving time included. The rest of the line
 * is the reason, shown when the gate refuses.
 *
 * @param line the line as the administrator wrote it
 * @param start inclusive
 * @param end exclusive
 * @param reason {@code null} when none was written
 */
public record Freeze(String line, Instant start, Instant end, ZoneId zone, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Reads one line.
     *
     * @throws io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException naming the line and what is wrong
     */
    public static Freeze parse(int lineNumber, String line, ZoneId fallbackZone) {
        CalendarSyntax.Zoned zoned = CalendarSyntax.zone(lineNumber, line, fallbackZone);
        ZoneId zone = zoned.zone();
        List<String> tokens = new ArrayList<>(Arrays.asList(zoned.rest().split(" ")));
        if (tokens.isEmpty() || tokens.get(0).isEmpty()) {
            throw CalendarSyntax.problem(lineNumber, line, Text.of("policy.freeze.shape"));
        }
        LocalDate fromDate = CalendarSyntax.date(lineNumber, line, tokens.remove(0));
        LocalTime fromTime = null;
        if (!tokens.isEmpty() && CalendarSyntax.looksLikeTime(tokens.get(0))) {
            fromTime = CalendarSyntax.time(lineNumber, line, tokens.remove(0), false);
        }
        LocalDate toDate = fromDate;
        LocalTime toTime = null;
        if (!tokens.isEmpty() && tokens.get(0).equalsIgnoreCase("to")) {
            tokens.remove(0);
            if (tokens.isEmpty()) {
                throw CalendarSyntax.problem(lineNumber, line, Text.of("policy.freeze.shape"));
            }
            toDate = CalendarSyntax.date(lineNumber, line, tokens.remove(0));
            if (!tokens.isEmpty() && CalendarSyntax.looksLikeTime(tokens.get(0))) {
                toTime = CalendarSyntax.time(lineNumber, line, tokens.remove(0), true);
            }
        }
        Instant start = (fromTime == null ? fromDate.atStartOfDay(zone) : ZonedDateTime.of(fromDate, fromTime, zone))
                .toInstant();
        Instant end = (toTime == null ? toDate.plusDays(1).atStartOfDay(zone) : ZonedDateTime.of(toDate, toTime, zone))
                .toInstant();
        if (!end.isAfter(start)) {
            throw CalendarSyntax.problem(lineNumber, line, Text.of("policy.freeze.order"));
        }
        String reason = String.join(" ", tokens).strip();
        return new Freeze(line.strip(), start, end, zone, reason.isEmpty() ? null : reason);
    }

    /** Whether the instant is inside the freeze. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
