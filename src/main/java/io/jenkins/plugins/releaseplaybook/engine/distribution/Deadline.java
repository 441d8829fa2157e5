package io.jenkins.plugins.releaseplaybook.engine.distribution;

import java.time.Duration;

/**
 * The time one target has left, and whether its work was stopped (timeout or abort). Transports check it between
 * blocks and while waiting, because an SSH library may swallow a thread interrupt. Thread-safe.
 */
public final class Deadline {
    /** Why work was stopped. */
    public enum Stop {
        TIMEOUT,
        ABORT
    }

    private final long endNanos;
    private volatile Stop stop;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    /** A deadline {@code timeout} from now (monotonic time). */
    public static Deadline after(Duration timeout) {
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        return new Deadline(nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos);
    }

    /** Time left, zero when passed or stopped. */
    public Duration remaining() {
        if (stop != null) {
            return Duration.ZERO;
        }
        long left = endNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** {@code min(limit, remaining())}, at least 1 ms so that a library never reads it as "wait forever". */
    public Duration cap(Duration limit) {
        Duration left = remaining();
        Duration capped = left.compareTo(limit) < 0 ? left : limit;
        return capped.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : capped;
    }

    public void stop(Stop reason) {
        if (stop == null) {
            stop = reason;
        }
    }

    /** Why it was stopped, {@code null} if not. */
    public Stop stopped() {
        return stop;
    }

    public boolean timedOut() {
        return stop == Stop.TIMEOUT;
    }

    /** @throws InterruptedException if the work was stopped or the thread interrupted */
    public void check() throws InterruptedException {
        if (stop != null || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException(stop == Stop.TIMEOUT ? "target timeout" : "aborted");
        }
    }
}
