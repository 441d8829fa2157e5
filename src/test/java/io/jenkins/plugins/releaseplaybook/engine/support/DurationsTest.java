package io.jenkins.plugins.releaseplaybook.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class DurationsTest {
    @Test
    public void parsesTheFormsPeopleWrite() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse(" 2d ")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("1m30s500ms")).isEqualTo(Duration.ofMillis(90_500));
        assertThat(Durations.parse("45M")).isEqualTo(Duration.ofMinutes(45));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    public void refusesBadValuesNamingThemAndTheAcceptedForms() {
        for (String bad : List.of("", " ", "10", "m", "1x", "10 m", "1.5h", "-5m", "30s1m", "1h1h", "0s", "1h30", "PT1H")) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Invalid duration '" + bad + "'")
                    .hasMessageContaining("'1h30m'");
        }
        assertThatThrownBy(() -> Durations.parse(null)).hasMessageContaining("it is empty");
        assertThatThrownBy(() -> Durations.parse("30s1m")).hasMessageContaining("unit 'm' comes after a smaller");
    }

    @Test
    public void formatsShortestFormThatParsesBack() {
        for (Duration d : List.of(Duration.ofSeconds(90), Duration.ofMinutes(90), Duration.ofDays(3).plusMinutes(1),
                Duration.ofMillis(1500), Duration.ofHours(25))) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofNanos(10))).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
    }
}
