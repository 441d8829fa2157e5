package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A job's Release History: its last {@code limit} builds (newest first), the releases among them and their
 * {@link HistoryKpis}. Pure: the caller gives each build with its result and what its report says; the history never
 * reads a build log or a file.
 *
 * <p>Of the builds looked at, those without a report ({@code missing}), with a report that cannot be read
 * ({@code corrupt}), with a report but no {@code releasePlan} ({@code notReleases}) and those still running
 * ({@code running}; listed, not counted) are skipped and counted, so a reader sees what the figures stand on.
 *
 * @param releases the releases in the window, newest first, drills and running ones included
 */
public record ReleaseHistory(Instant computedAt, int limit, int looked, int missing, int corrupt, int notReleases,
        int running, List<Release> releases, HistoryKpis kpis) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How many of the newest builds the history looks at unless told otherwise. */
    public static final int DEFAULT_LIMIT = 50;
    /** The most builds a history looks at, whatever it is told. */
    public static final int MAX_LIMIT = 10_000;

    public ReleaseHistory {
        releases = List.copyOf(releases);
        Objects.requireNonNull(kpis, "kpis");
    }

    /** One release of the history. */
    public record Release(BuildRef build, BuildResult result, ReleaseVerdict verdict, ReleaseSummary summary)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The history of the newest {@code limit} entries of {@code newestFirst} (the rest are not looked at).
     *
     * @param limit how many builds to look at; 0 or less means {@link #DEFAULT_LIMIT}, more than {@link #MAX_LIMIT}
     *     means that
     * @param clock for the days since the last drill
     */
    public static ReleaseHistory of(List<HistoryEntry> newestFirst, int limit, Clock clock) {
        int bounded = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        Instant now = clock.instant();
        int looked = 0;
        int missing = 0;
        int corrupt = 0;
        int notReleases = 0;
        int running = 0;
        List<Release> releases = new ArrayList<>();
        for (HistoryEntry entry : newestFirst) {
            if (looked == bounded) {
                break;
            }
            looked++;
            switch (entry.report()) {
                case MISSING -> missing++;
                case CORRUPT -> corrupt++;
                case PRESENT -> {
                    if (!entry.summary().planned()) {
                        notReleases++;
                    } else {
                        ReleaseVerdict verdict = ReleaseVerdict.of(entry.result(), entry.summary());
                        if (verdict == ReleaseVerdict.RUNNING) {
                            running++;
                        }
                        releases.add(new Release(entry.build(), entry.result(), verdict, entry.summary()));
                    }
                }
            }
        }
        return new ReleaseHistory(now, bounded, looked, missing, corrupt, notReleases, running, releases,
                kpis(releases, now));
    }

    private static HistoryKpis kpis(List<Release> releases, Instant now) {
        int counted = 0;
        int succeeded = 0;
        int rolledBack = 0;
        int deployed = 0;
        int changeFailures = 0;
        List<Duration> durations = new ArrayList<>();
        List<Duration> detections = new ArrayList<>();
        List<Duration> recoveries = new ArrayList<>();
        int drills = 0;
        int drillsPassed = 0;
        Release lastDrill = null;
        for (Release release : releases) {
            ReleaseVerdict verdict = release.verdict();
            ReleaseSummary summary = release.summary();
            if (verdict == ReleaseVerdict.RUNNING) {
                continue;
            }
            if (summary.drill()) {
                if (verdict.isDrill()) {
                    drills++;
                    drillsPassed += verdict == ReleaseVerdict.DRILL_PASSED ? 1 : 0;
                    lastDrill = lastDrill == null ? release : lastDrill; // newest first: the first one is the newest
                }
                continue;
            }
            counted++;
            succeeded += verdict == ReleaseVerdict.SUCCEEDED ? 1 : 0;
            rolledBack += verdict == ReleaseVerdict.ROLLED_BACK ? 1 : 0;
            if (summary.deployed()) {
                deployed++;
                changeFailures += summary.rolledBack() || summary.timeToDetect() != null ? 1 : 0;
            }
            add(durations, summary.releaseDuration());
            add(detections, summary.timeToDetect());
            add(recoveries, summary.timeToRecover());
        }
        durations.sort(null);
        Instant lastDrillAt = lastDrill == null ? null : lastDrill.summary().startedAt();
        Long days = lastDrillAt == null ? null : Math.max(0, Duration.between(lastDrillAt, now).toDays());
        return new HistoryKpis(counted, succeeded, rolledBack, deployed, changeFailures, rate(succeeded, counted),
                rate(rolledBack, counted), rate(changeFailures, deployed), durations.size(),
                percentile(durations, 0.5), percentile(durations, 0.9), detections.size(), mean(detections),
                recoveries.size(), mean(recoveries), drills, drillsPassed, rate(drillsPassed, drills), lastDrillAt, days,
                lastDrill == null ? null : lastDrill.verdict() == ReleaseVerdict.DRILL_PASSED);
    }

    private static void add(List<Duration> values, Duration value) {
        if (value != null && !value.isNegative()) {
            values.add(value);
        }
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /**
     * The {@code p} quantile of sorted durations, linearly interpolated between the closest ranks: rank
     * {@code p * (n - 1)} counted from 0. Exact to the nanosecond (BigDecimal), so a median of two never drifts.
     */
    static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        BigDecimal rank = BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(sorted.size() - 1L));
        int below = rank.setScale(0, RoundingMode.FLOOR).intValueExact();
        BigDecimal fraction = rank.subtract(BigDecimal.valueOf(below));
        BigDecimal low = nanos(sorted.get(below));
        if (below + 1 >= sorted.size() || fraction.signum() == 0) {
            return sorted.get(below);
        }
        BigDecimal high = nanos(sorted.get(below + 1));
        BigDecimal value = low.add(high.subtract(low).multiply(fraction)).setScale(0, RoundingMode.HALF_UP);
        return fromNanos(value);
    }

    static Duration mean(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Duration value : values) {
            sum = sum.add(nanos(value));
        }
        return fromNanos(sum.divide(BigDecimal.valueOf(values.size()), 0, RoundingMode.HALF_UP));
    }

    private static BigDecimal nanos(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).movePointRight(9).add(BigDecimal.valueOf(duration.getNano()));
    }

    private static Duration fromNanos(BigDecimal nanos) {
        BigDecimal[] parts = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        return Duration.ofSeconds(parts[0].longValueExact(), parts[1].longValueExact());
    }
}
