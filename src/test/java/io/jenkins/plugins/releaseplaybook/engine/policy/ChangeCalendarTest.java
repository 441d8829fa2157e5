package io.jenkins.plugins.releaseplaybook.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.Test;

/** Weekly windows and dated freezes: syntax, zones, daylight saving time, boundaries and overlaps. */
public class ChangeCalendarTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static ChangeCalendar windows(String zone, String windows) {
        return ChangeCalendar.parse(zone, windows, "");
    }

    @Test
    public void aWindowOverTheSkippedHourInMarchIsAnHourShorterInRealTime() {
        // 2026-03-29 in Berlin: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        ChangeCalendar calendar = windows("Europe/Berlin", "Sun 01:00-04:00");

        assertThat(calendar.check(at("2026-03-28T23:59:00Z")).allowed()).as("00:59 CET").isFalse();
        assertThat(calendar.check(at("2026-03-29T00:00:00Z")).allowed()).as("01:00 CET").isTrue();
        assertThat(calendar.check(at("2026-03-29T01:30:00Z")).allowed()).as("03:30 CEST").isTrue();
        assertThat(calendar.check(at("2026-03-29T01:59:00Z")).allowed()).as("03:59 CEST").isTrue();
        assertThat(calendar.check(at("2026-03-29T02:00:00Z")).allowed()).as("04:00 CEST").isFalse();
    }

    @Test
    public void aWindowOverTheRepeatedHourInOctoberCoversBothPasses() {
        // 2026-10-25 in Berlin: 03:00 CEST falls back to 02:00 CET (01:00 UTC); 02:00-03:00 happens twice.
        ChangeCalendar calendar = windows("UTC", "Sun 02:00-03:00 [Europe/Berlin]");

        assertThat(calendar.check(at("2026-10-24T23:59:00Z")).allowed()).as("01:59 CEST").isFalse();
        assertThat(calendar.check(at("2026-10-25T00:00:00Z")).allowed()).as("02:00 CEST").isTrue();
        assertThat(calendar.check(at("2026-10-25T00:59:00Z")).allowed()).as("02:59 CEST").isTrue();
        assertThat(calendar.check(at("2026-10-25T01:00:00Z")).allowed()).as("02:00 CET").isTrue();
        assertThat(calendar.check(at("2026-10-25T01:59:00Z")).allowed()).as("02:59 CET").isTrue();
        assertThat(calendar.check(at("2026-10-25T02:00:00Z")).allowed()).as("03:00 CET").isFalse();
    }

    @Test
    public void officeHoursFollowTheLocalClockAcrossTheChangeover() {
        ChangeCalendar calendar = windows("Europe/Berlin", "Mon-Fri 09:00-17:00");

        // Friday before the change (CET, UTC+1) and Monday after it (CEST, UTC+2).
        assertThat(calendar.check(at("2026-03-27T07:30:00Z")).allowed()).as("Fri 08:30 CET").isFalse();
        assertThat(calendar.check(at("2026-03-27T08:00:00Z")).allowed()).as("Fri 09:00 CET").isTrue();
        assertThat(calendar.check(at("2026-03-27T15:59:00Z")).allowed()).as("Fri 16:59 CET").isTrue();
        assertThat(calendar.check(at("2026-03-30T06:59:00Z")).allowed()).as("Mon 08:59 CEST").isFalse();
        assertThat(calendar.check(at("2026-03-30T07:00:00Z")).allowed()).as("Mon 09:00 CEST").isTrue();
        assertThat(calendar.check(at("2026-03-30T15:00:00Z")).allowed()).as("Mon 17:00 CEST").isFalse();
        assertThat(calendar.check(at("2026-03-28T10:00:00Z")).allowed()).as("Saturday").isFalse();
    }

    @Test
    public void windowsInSeveralZonesAndTheNextOpening() {
        ChangeCalendar calendar = windows("UTC",
                "Mon-Fri 09:00-17:00 [Asia/Shanghai]\nMon-Fri 09:00-17:00 [America/New_York]");

        ChangeCalendar.Check shanghai = calendar.check(at("2026-06-01T02:00:00Z")); // Mon 10:00 in Shanghai
        assertThat(shanghai.allowed()).isTrue();
        assertThat(shanghai.window().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        ChangeCalendar.Check newYork = calendar.check(at("2026-06-01T14:00:00Z")); // Mon 10:00 EDT
        assertThat(newYork.allowed()).isTrue();
        assertThat(newYork.window().zone()).isEqualTo(ZoneId.of("America/New_York"));

        ChangeCalendar.Check between = calendar.check(at("2026-06-01T10:00:00Z")); // 18:00 Shanghai, 06:00 EDT
        assertThat(between.allowed()).isFalse();
        assertThat(between.window()).isNull();
        assertThat(between.nextOpening()).isEqualTo(at("2026-06-01T13:00:00Z")); // 09:00 EDT
    }

    @Test
    public void theNextOpeningSkipsToNextWeek() {
        ChangeCalendar calendar = windows("Europe/Berlin", "Tue 10:00-12:00");
        ChangeCalendar.Check check = calendar.check(at("2026-06-02T11:00:00Z")); // Tue 13:00 CEST: just closed
        assertThat(check.allowed()).isFalse();
        assertThat(check.nextOpening()).isEqualTo(at("2026-06-09T08:00:00Z"));
    }

    @Test
    public void anOvernightWindowRunsIntoTheNextDay() {
        ChangeCalendar calendar = windows("UTC", "Fri 22:00-02:00");

        assertThat(calendar.check(at("2026-06-05T21:59:00Z")).allowed()).as("Fri 21:59").isFalse();
        assertThat(calendar.check(at("2026-06-05T22:00:00Z")).allowed()).as("Fri 22:00").isTrue();
        assertThat(calendar.check(at("2026-06-06T01:59:00Z")).allowed()).as("Sat 01:59").isTrue();
        assertThat(calendar.check(at("2026-06-06T02:00:00Z")).allowed()).as("Sat 02:00").isFalse();
        assertThat(calendar.check(at("2026-06-04T23:00:00Z")).allowed()).as("Thu 23:00").isFalse();
        assertThat(calendar.check(at("2026-06-06T23:00:00Z")).allowed()).as("Sat 23:00").isFalse();
    }

    @Test
    public void twentyFourHundredEndsTheDay() {
        ChangeCalendar calendar = windows("UTC", "Sat 20:00-24:00");
        assertThat(calendar.check(at("2026-06-06T23:59:59Z")).allowed()).isTrue();
        assertThat(calendar.check(at("2026-06-07T00:00:00Z")).allowed()).isFalse();
    }

    @Test
    public void daysAsRangesListsNamesAndDaily() {
        assertThat(WeeklyWindow.parse(1, "Fri-Mon 10:00-11:00", BERLIN).days())
                .containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThat(WeeklyWindow.parse(1, "mon,Wed,friday 10:00-11:00", BERLIN).days())
                .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(WeeklyWindow.parse(1, "daily 10:00-11:00", BERLIN).days()).hasSize(7);
        assertThat(WeeklyWindow.parse(1, "Tuesday 10:00-11:00", BERLIN).zone()).isEqualTo(BERLIN);
    }

    @Test
    public void aFreezeCoversWholeDaysInItsZone() {
        ChangeCalendar calendar = ChangeCalendar.parse("Europe/Berlin", "",
                "2026-12-20 to 2027-01-03 year-end freeze");
        Freeze freeze = calendar.freezes().get(0);

        assertThat(freeze.start()).isEqualTo(at("2026-12-19T23:00:00Z"));
        assertThat(freeze.end()).isEqualTo(at("2027-01-03T23:00:00Z"));
        assertThat(freeze.reason()).isEqualTo("year-end freeze");
        assertThat(calendar.check(at("2026-12-19T22:59:59Z")).allowed()).as("before").isTrue();
        assertThat(calendar.check(at("2026-12-19T23:00:00Z")).allowed()).as("first instant").isFalse();
        assertThat(calendar.check(at("2027-01-03T22:59:59Z")).allowed()).as("last instant").isFalse();
        assertThat(calendar.check(at("2027-01-03T23:00:00Z")).allowed()).as("after").isTrue();
    }

    @Test
    public void aOneDayFreezeOnTheChangeoverDayLastsTwentyThreeHours() {
        Freeze freeze = Freeze.parse(1, "2026-03-29 [Europe/Berlin]", ZoneId.of("UTC"));
        assertThat(freeze.start()).isEqualTo(at("2026-03-28T23:00:00Z"));
        assertThat(freeze.end()).isEqualTo(at("2026-03-29T22:00:00Z"));
        assertThat(freeze.reason()).isNull();
    }

    @Test
    public void aFreezeWithTimesStartsAndEndsExactly() {
        Freeze freeze = Freeze.parse(1, "2026-11-27 18:00 to 2026-11-30 08:00 [America/New_York] Black Friday",
                ZoneId.of("UTC"));
        assertThat(freeze.start()).isEqualTo(at("2026-11-27T23:00:00Z"));
        assertThat(freeze.end()).isEqualTo(at("2026-11-30T13:00:00Z"));
        assertThat(freeze.reason()).isEqualTo("Black Friday");
        assertThat(freeze.contains(at("2026-11-30T12:59:59Z"))).isTrue();
        assertThat(freeze.contains(at("2026-11-30T13:00:00Z"))).isFalse();
    }

    @Test
    public void overlappingFreezesAreAllListedAndEndWhenTheLastAdjoiningOneEnds() {
        ChangeCalendar calendar = ChangeCalendar.parse("UTC", "Mon-Sun 00:00-24:00",
                "2026-12-20 to 2026-12-27 sales\n2026-12-24 to 2027-01-03 year-end\n2027-01-04 inventory\n"
                        + "2027-02-01 later");

        ChangeCalendar.Check check = calendar.check(at("2026-12-25T12:00:00Z"));
        assertThat(check.allowed()).isFalse();
        assertThat(check.window()).isNotNull();
        assertThat(check.freezes()).extracting(Freeze::reason).containsExactly("sales", "year-end");
        assertThat(check.frozenUntil()).isEqualTo(at("2027-01-05T00:00:00Z"));
        assertThat(calendar.check(at("2027-01-05T00:00:00Z")).allowed()).isTrue();
    }

    @Test
    public void withoutWindowsEveryTimeIsInsideButFreezesStillApply() {
        ChangeCalendar calendar = ChangeCalendar.parse(null, null, "# a comment\n\n2026-12-24 Christmas Eve");
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(calendar.check(at("2026-12-23T03:00:00Z")).allowed()).isTrue();
        assertThat(calendar.check(at("2026-12-23T03:00:00Z")).windowsConfigured()).isFalse();
        assertThat(calendar.check(at("2026-12-24T03:00:00Z")).allowed()).isFalse();
        assertThat(ChangeCalendar.OPEN.check(at("2026-12-24T03:00:00Z")).allowed()).isTrue();
    }

    @Test
    public void errorsNameTheLineAndWhatIsWrong() {
        assertThatThrownBy(() -> windows("UTC", "Mon-Thu 09:00-16:00\nMon-Thu 9-16"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Line 2 'Mon-Thu 9-16'").hasMessageContaining("'9' is not a time");
        assertThatThrownBy(() -> windows("UTC", "Mon-Thu 09:00-16:00 [Mars/Olympus]"))
                .hasMessageContaining("Line 1").hasMessageContaining("'Mars/Olympus' is not a time zone");
        assertThatThrownBy(() -> windows("UTC", "Mo 09:00-16:00")).hasMessageContaining("'Mo' is not a day");
        assertThatThrownBy(() -> windows("UTC", "Mon 09:00-09:00")).hasMessageContaining("same time");
        assertThatThrownBy(() -> windows("UTC", "Mon 09:00-25:00")).hasMessageContaining("'25:00' is not a time");
        assertThatThrownBy(() -> windows("UTC", "Mon")).hasMessageContaining("write days and times");
        assertThatThrownBy(() -> ChangeCalendar.parse("UTC", "", "2027-01-03 to 2026-12-20 backwards"))
                .hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> ChangeCalendar.parse("UTC", "", "\n\n2026-13-01"))
                .hasMessageContaining("Line 3").hasMessageContaining("'2026-13-01' is not a date");
        assertThatThrownBy(() -> ChangeCalendar.parse("Nowhere/City", "", ""))
                .hasMessageContaining("'Nowhere/City' is not a time zone");
    }

    @Test
    public void errorsReadInChinese() {
        InvalidInputException problem = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> windows("UTC", "Mon-Thu 9-16"));
        assertThat(problem.message(Locale.SIMPLIFIED_CHINESE)).contains("第 1 行").contains("不是时间");
    }
}
