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

    public boolean hasBaseline() {
        return releaseStart != null && baselineWindow != null && !baselineWindow.isZero() && !baselineWindow.isNegative();
    }
}
