package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One verification: which checks, over which window, sampled how often, against which baseline.
 *
 * @param releaseStart when the release began (the {@code autoRollback} body, else the plan, else now): the
 *     baseline window ends there
 * @param baselineWindow how far before {@code releaseStart} the baseline reaches; {@code null} or zero for none
 * @param concurrency how many checks are queried at once within a round
 *
 * <p>Make one with {@link #builder(String)}:
 * <pre>{@code
 * VerificationSpec spec = VerificationSpec.builder("checkout").checks(checks)
 *         .duration(Duration.ofMinutes(10)).interval(Duration.ofSeconds(30))
 *         .baseline(releaseStart, Duration.ofMinutes(10)).build();
 * }</pre>
 */
public record VerificationSpec(
        String name,
        List<CheckSpec> checks,
        Duration duration,
        Duration interval,
        Instant releaseStart,
        Duration baselineWindow,
        ErrorPolicy errorPolicy,
        int concurrency)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_CONCURRENCY = 8;

    public VerificationSpec {
        checks = List.copyOf(checks);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new InvalidInputException(Text.of("verification.spec.intervalNotPositive", interval.toString()));
        }
        if (duration.compareTo(interval) < 0) {
            throw new InvalidInputException(Text.of("verification.spec.durationShorterThanInterval",
                    Durations.text(duration), Durations.text(interval)));
        }
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("A verification needs at least one check");
        }
        errorPolicy = errorPolicy == null ? ErrorPolicy.FAIL_CLOSED : errorPolicy;
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be 1 or more");
        }
    }

    /** Rounds in a full window: one at the start and one every interval after it. */
    public int rounds() {
        return (int) (duration.toMillis() / interval.toMillis()) + 1;
    }

    /** A builder for a verification named {@code name} (the service, in the report and the log). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public boolean hasBaseline() {
        return releaseStart != null && baselineWindow != null && !baselineWindow.isZero() && !baselineWindow.isNegative();
    }

    /**
     * Builds a {@link VerificationSpec}. Required: at least one check, the duration and the interval. Without
     * {@link #baseline} relative limits have no baseline (their checks are INCONCLUSIVE); the error policy is
     * {@link ErrorPolicy#FAIL_CLOSED} and the concurrency {@link #DEFAULT_CONCURRENCY} unless told.
     */
    public static final class Builder {
        private final String name;
        private final List<CheckSpec> checks = new java.util.ArrayList<>();
        private Duration duration;
        private Duration interval;
        private Instant releaseStart;
        private Duration baselineWindow;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL_CLOSED;
        private int concurrency = DEFAULT_CONCURRENCY;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder check(CheckSpec check) {
            checks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        public Builder checks(List<CheckSpec> more) {
            more.forEach(this::check);
            return this;
        }

        /** How long the window is sampled. */
        public Builder duration(Duration value) {
            this.duration = value;
            return this;
        }

        /** How often: one round at the start and one every interval after it. */
        public Builder interval(Duration value) {
            this.interval = value;
            return this;
        }

        /**
         * The baseline: the {@code window} before {@code releaseStart}. A {@code null} start or window means none.
         */
        public Builder baseline(Instant releaseStart, Duration window) {
            this.releaseStart = releaseStart;
            this.baselineWindow = window;
            return this;
        }

        /** What failed queries count as; {@code null} for {@link ErrorPolicy#FAIL_CLOSED}. */
        public Builder errorPolicy(ErrorPolicy policy) {
            this.errorPolicy = policy;
            return this;
        }

        /** How many checks are queried at once within a round. */
        public Builder concurrency(int checksAtOnce) {
            this.concurrency = checksAtOnce;
            return this;
        }

        /** @throws InvalidInputException for an interval that is not positive or longer than the duration */
        public VerificationSpec build() {
            return new VerificationSpec(name, checks, duration, interval, releaseStart, baselineWindow, errorPolicy,
                    concurrency);
        }
    }
}
