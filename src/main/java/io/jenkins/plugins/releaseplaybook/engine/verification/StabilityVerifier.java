package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a verification from start to end on the calling thread: captures each check's baseline, then samples every
 * check once per interval for the window's duration, all checks of a round concurrently, and stops early once a
 * check has failed for good. The rounds themselves are {@link VerificationSession}'s; this class only waits between
 * them. Time comes from the injected clock and sleeper, so tests run a ten-minute window in milliseconds; an
 * interrupt (a build abort) stops it promptly.
 */
public final class StabilityVerifier {
    private final QueryPort prometheus;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;

    /**
     * @param progress receives one line per sampling round (and one for the baselines), for the build log
     */
    public StabilityVerifier(QueryPort prometheus, Clock clock, Sleeper sleeper, Consumer<String> progress) {
        this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * @throws VerificationException of kind {@code INTERRUPTED} when interrupted (a build abort), with what was sampled
     *     so far in {@link VerificationException#partial()}; the thread's interrupt flag is set again
     */
    public VerificationResult verify(VerificationSpec spec) throws VerificationException {
        try (VerificationSession session = new VerificationSession(prometheus, clock, progress)) {
            SamplingState state = SamplingState.initial(spec, clock.instant());
            try {
                state = session.captureBaselines(state);
                while (!state.isOver()) {
                    Duration wait = Duration.between(clock.instant(), state.nextRoundAt());
                    if (!wait.isNegative() && !wait.isZero()) {
                        sleeper.sleep(wait);
                    }
                    state = session.round(state);
                }
                return session.conclude(state);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VerificationException.stopped(session.concludeStopped(state));
            }
        }
    }
}
