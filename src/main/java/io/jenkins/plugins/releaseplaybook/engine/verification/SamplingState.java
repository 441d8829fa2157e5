package io.jenkins.plugins.releaseplaybook.engine.verification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Where a verification stands between two rounds: the spec, the baselines, every sample so far, which planned round
 * comes next, and the gaps. Immutable and small enough to persist after every round (see {@link SamplingStateJson}),
 * so that a verification can go on after a controller restart; {@link VerificationSession} moves it forward.
 *
 * <p>Planned round {@code k} (0-based) is due at {@code start + k * interval}; the window has
 * {@link VerificationSpec#rounds()} of them.
 *
 * @param start when sampling began (after the baselines were captured): round 0 is due then
 * @param baselinesCaptured whether {@code baselines} were taken; they are taken once and kept across restarts
 * @param baselines one entry per check of the spec, in order; {@code null} for a check without a relative limit
 * @param samples one list per check of the spec, in order, oldest first
 * @param roundsTaken how many rounds were sampled
 * @param nextRound the planned round that comes next; {@code spec.rounds()} or more once the window is over
 * @param lastRoundAt when the last round was sampled; {@code null} before the first
 * @param stoppedEarly whether a check failed for good, so no further round is taken
 * @param gaps stretches without samples, oldest first
 */
public record SamplingState(
        VerificationSpec spec,
        Instant start,
        boolean baselinesCaptured,
        List<Baseline> baselines,
        List<List<Sample>> samples,
        int roundsTaken,
        int nextRound,
        Instant lastRoundAt,
        boolean stoppedEarly,
        List<Gap> gaps)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SamplingState {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(start, "start");
        int checks = spec.checks().size();
        baselines = baselines == null ? Collections.nCopies(checks, null)
                : Collections.unmodifiableList(new ArrayList<>(baselines)); // keeps the nulls
        List<List<Sample>> copies = new ArrayList<>();
        if (samples != null) {
            for (List<Sample> list : samples) {
                copies.add(list == null ? List.of() : List.copyOf(list));
            }
        }
        while (copies.size() < checks) {
            copies.add(List.of());
        }
        if (baselines.size() != checks || copies.size() != checks) {
            throw new IllegalArgumentException("The state holds " + baselines.size() + " baselines and " + copies.size()
                    + " sample lists for " + checks + " checks");
        }
        samples = List.copyOf(copies);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        if (roundsTaken < 0 || nextRound < 0) {
            throw new IllegalArgumentException("Round counts must not be negative");
        }
    }

    /** A verification that has not begun: no baseline, no sample, round 0 due at {@code now}. */
    public static SamplingState initial(VerificationSpec spec, Instant now) {
        return new SamplingState(spec, now, false, null, null, 0, 0, null, false, null);
    }

    /** When the next planned round is due. */
    public Instant nextRoundAt() {
        return start.plus(spec.interval().multipliedBy(nextRound));
    }

    /** When the window ends: {@code start + duration}. */
    public Instant deadline() {
        return start.plus(spec.duration());
    }

    /** Whether no further round will be taken: the window is over, or a check failed for good. */
    @JsonIgnore
    public boolean isOver() {
        return stoppedEarly || nextRound >= spec.rounds();
    }

    /** Planned rounds that fell into gaps. */
    public int missedRounds() {
        return gaps.stream().mapToInt(Gap::missedRounds).sum();
    }

    SamplingState withBaselines(List<Baseline> captured, Instant newStart) {
        return new SamplingState(spec, newStart, true, captured, samples, roundsTaken, nextRound, lastRoundAt,
                stoppedEarly, gaps);
    }

    SamplingState withRound(List<List<Sample>> newSamples, Instant at, boolean failed) {
        return new SamplingState(spec, start, baselinesCaptured, baselines, newSamples, roundsTaken + 1, nextRound + 1,
                at, failed, gaps);
    }

    SamplingState withGap(Gap gap, int newNextRound) {
        List<Gap> newGaps = new ArrayList<>(gaps);
        newGaps.add(gap);
        return new SamplingState(spec, start, baselinesCaptured, baselines, samples, roundsTaken, newNextRound,
                lastRoundAt, stoppedEarly, newGaps);
    }
}
