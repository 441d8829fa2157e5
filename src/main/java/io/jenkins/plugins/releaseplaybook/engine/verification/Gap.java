package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of a verification window in which no sample was taken, and why: the controller was restarting.
 * A gap is never evidence that the service was healthy: its rounds count as not watched.
 *
 * @param from the last sample before the gap (the window's start when there was none)
 * @param to when sampling resumed, or the window's end when it was over by then
 * @param missedRounds planned rounds that were not taken
 */
public record Gap(Instant from, Instant to, int missedRounds, Cause cause) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Why no samples were taken. */
    public enum Cause {
        CONTROLLER_RESTART
    }

    public Gap {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        cause = cause == null ? Cause.CONTROLLER_RESTART : cause;
        if (to.isBefore(from)) {
            to = from;
        }
        if (missedRounds < 0) {
            throw new IllegalArgumentException("missedRounds must not be negative: " + missedRounds);
        }
    }
}
