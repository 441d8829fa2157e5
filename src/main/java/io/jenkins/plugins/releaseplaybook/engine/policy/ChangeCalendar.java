package io.jenkins.plugins.releaseplaybook.engine.policy;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The administrator's change calendar: weekly windows in which releases are allowed, and dated freezes in which they
 * are not. No windows means every time is inside a window; freezes apply either way. Each line may name its own zone
 * in brackets ({@code [America/New_York]}); lines without one use the calendar's zone.
 *
 * @param zone the calendar's default zone
 */
public record ChangeCalendar(ZoneId zone, List<WeeklyWindow> windows, List<Freeze> freezes) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The default zone: {@code UTC} (by that name, not {@code Z}). */
    public static final ZoneId UTC = ZoneId.of("UTC");

    /** Every time is allowed. */
    public static final ChangeCalendar OPEN = new ChangeCalendar(UTC, List.of(), List.of());

    public ChangeCalendar {
        Objects.requireNonNull(zone, "zone");
        windows = List.copyOf(windows);
        freezes = List.copyOf(freezes);
    }

    /**
     * Reads the calendar: one window and one freeze a line; blank lines and lines starting with {@code #} are ignored.
     *
     * @param zone the default zone; {@code null} or blank: UTC
     * @throws io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException naming the first bad line (by
     *     number and text) and what is wrong with it
     */
    public static ChangeCalendar parse(String zone, String windows, String freezes) {
        ZoneId zoneId = zone == null || zone.isBlank() ? UTC : CalendarSyntax.zoneId(zone);
        List<WeeklyWindow> parsedWindows = new ArrayList<>();
        forEachLine(windows, (number, line) -> parsedWindows.add(WeeklyWindow.parse(number, line, zoneId)));
        List<Freeze> parsedFreezes = new ArrayList<>();
        forEachLine(freezes, (number, line) -> parsedFreezes.add(Freeze.parse(number, line, zoneId)));
        return new ChangeCalendar(zoneId, parsedWindows, parsedFreezes);
    }

    private interface LineReader {
        void read(int number, String line);
    }

    private static void forEachLine(String text, LineReader reader) {
        if (text == null) {
            return;
        }
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                reader.read(i + 1, line);
            }
        }
    }

    /** Whether releases are allowed at {@code instant}, and why (which window, which freezes). */
    public Check check(Instant instant) {
        WeeklyWindow inside = null;
        for (WeeklyWindow window : windows) {
            if (window.contains(instant)) {
                inside = window;
                break;
            }
        }
        Instant nextOpening = null;
        if (inside == null) {
            for (WeeklyWindow window : windows) {
                Instant start = window.nextStart(instant);
                if (nextOpening == null || start.isBefore(nextOpening)) {
                    nextOpening = start;
                }
            }
        }
        List<Freeze> active = freezes.stream().filter(f -> f.contains(instant)).toList();
        return new Check(instant, !windows.isEmpty(), inside, nextOpening, active, frozenUntil(active));
    }

    /** When releases may go again: the end of the freezes, followed through freezes that overlap or adjoin them. */
    private Instant frozenUntil(List<Freeze> active) {
        Instant until = active.stream().map(Freeze::end).max(Instant::compareTo).orElse(null);
        for (boolean extended = until != null; extended; ) {
            extended = false;
            for (Freeze freeze : freezes) {
                if (freeze.contains(until) && freeze.end().isAfter(until)) {
                    until = freeze.end();
                    extended = true;
                }
            }
        }
        return until;
    }

    /** The windows as written, one a line. */
    public List<String> windowLines() {
        return windows.stream().map(WeeklyWindow::line).toList();
    }

    /** The freezes as written, one a line. */
    public List<String> freezeLines() {
        return freezes.stream().map(Freeze::line).toList();
    }

    /**
     * The calendar at one instant.
     *
     * @param windowsConfigured whether there are windows at all (without, every time is inside)
     * @param window the window the instant is in; {@code null} when outside every window (or there are none)
     * @param nextOpening when the next window opens, when outside every window
     * @param freezes the freezes the instant is in (overlapping freezes all listed)
     * @param frozenUntil when the freezes end, followed through later freezes that overlap or adjoin them; {@code null}
     *     when in none
     */
    public record Check(Instant at, boolean windowsConfigured, WeeklyWindow window, Instant nextOpening,
            List<Freeze> freezes, Instant frozenUntil) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Check {
            freezes = List.copyOf(freezes);
        }

        /** Inside a window (or there are none) and outside every freeze. */
        public boolean allowed() {
            return (!windowsConfigured || window != null) && freezes.isEmpty();
        }
    }
}
