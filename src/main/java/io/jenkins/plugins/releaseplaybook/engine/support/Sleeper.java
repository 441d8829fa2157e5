package io.jenkins.plugins.releaseplaybook.engine.support;

import java.time.Duration;

/** Waits between rounds of work; injected so that tests advance a {@link ManualClock} instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Really waits, and stops waiting when the thread is interrupted (a build abort). */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
