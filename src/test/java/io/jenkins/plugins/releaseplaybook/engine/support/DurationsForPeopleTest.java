package io.jenkins.plugins.releaseplaybook.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.Test;

public class DurationsForPeopleTest {
    @Test
    public void readsAtAGlance() {
        assertThat(Durations.forPeople(Duration.ofMillis(15_316))).isEqualTo("15.3 s");
        assertThat(Durations.forPeople(Duration.ofSeconds(7))).isEqualTo("7 s");
        assertThat(Durations.forPeople(Duration.ofMillis(316))).isEqualTo("316 ms");
        assertThat(Durations.forPeople(Duration.ZERO)).isEqualTo("0 ms");
        assertThat(Durations.forPeople(Duration.ofMillis(59_960))).as("rounds up to a minute").isEqualTo("1 min");
        assertThat(Durations.forPeople(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(Durations.forPeople(Duration.ofMinutes(7))).isEqualTo("7 min");
        assertThat(Durations.forPeople(Duration.ofMinutes(62).plusSeconds(9))).isEqualTo("1 h 2 min");
        assertThat(Durations.forPeople(Duration.ofHours(51))).isEqualTo("2 d 3 h");
        assertThat(Durations.forPeople(Duration.ofSeconds(-90))).isEqualTo("-1 min 30 s");
    }

    @Test
    public void inChineseWithChineseUnits() {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        assertThat(Durations.forPeople(Duration.ofMillis(15_316), zh)).isEqualTo("15.3 秒");
        assertThat(Durations.forPeople(Duration.ofSeconds(125), zh)).isEqualTo("2 分钟 5 秒");
        assertThat(Durations.forPeople(Duration.ofMinutes(62), zh)).isEqualTo("1 小时 2 分钟");
    }
}
