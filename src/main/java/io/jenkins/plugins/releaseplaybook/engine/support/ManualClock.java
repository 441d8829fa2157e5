package io.jenkins.plugins.releaseplaybook.engine.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that only moves when told to: the injectable clock for tests of time-driven logic (windows,
 * retries, KPIs). Its {@link #sleeper()} advances the clock instead of waiting. Thread-safe.
 */
public final class ManualClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    public ManualClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    private ManualClock(Instant start, ZoneId zone) {
        this.now = Objects.requireNonNull(start, "start");
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now;
    }

    public synchronized Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A clock does not go back: " + duration);
        }
        now = now.plus(duration);
        return now;
    }

    /** A sleeper that moves this clock forward by the requested time and returns at once. */
    public Sleeper sleeper() {
        return this::advance;
    }
}
