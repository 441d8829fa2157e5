package io.jenkins.plugins.releaseplaybook.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class ManualClockTest {
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    public void movesOnlyWhenAdvancedOrSleptOn() throws InterruptedException {
        ManualClock clock = new ManualClock(START);
        assertThat(clock.instant()).isEqualTo(START);

        clock.advance(Duration.ofSeconds(30));
        clock.sleeper().sleep(Duration.ofMinutes(1));

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
        assertThat(clock.millis()).isEqualTo(START.plusSeconds(90).toEpochMilli());
    }

    @Test
    public void refusesToGoBack() {
        ManualClock clock = new ManualClock(START);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessageContaining("does not go back");
    }

    @Test
    public void systemSleeperStopsOnInterrupt() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofMinutes(5))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
