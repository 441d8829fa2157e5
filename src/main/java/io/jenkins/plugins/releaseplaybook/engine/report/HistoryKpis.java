package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The release KPIs of a job over its recent builds ({@link ReleaseHistory}). Rates are fractions from 0 to 1 and
 * {@code null} when nothing was there to count; so are the durations. Drills are kept apart: they fail and roll back on
 * purpose, so counting them as releases would make every rate worse for doing the right thing.
 *
 * <ul>
 *   <li>{@code releases}: finished releases that are not drills (a build that ran {@code releasePlan}); the
 *       denominator of the success and rollback rates;</li>
 *   <li>{@code successRate}: releases whose build ended SUCCESS without a rollback, over {@code releases};</li>
 *   <li>{@code rollbackRate}: releases that {@code autoRollback} rolled back, over {@code releases};</li>
 *   <li>{@code changeFailureRate} (DORA: the share of deployments that caused a failure in production needing
 *       remediation): releases that deployed and then failed there (rolled back, or a failed release or verification
 *       stage after the change started, i.e. a time to detect), over the releases that deployed; a release stopped
 *       before its change ran (a failed gate or backup) deployed nothing and counts in neither;</li>
 *   <li>{@code medianDuration}, {@code p90Duration}: of the releases' durations ({@link ReleaseKpis#releaseDuration}),
 *       linearly interpolated between the closest ranks (as numpy's default and Excel's PERCENTILE.INC): with one
 *       release both are its duration, with two the median is their mean;</li>
 *   <li>{@code meanTimeToDetect}, {@code meanTimeToRecover} (MTTD, MTTR): the means of the releases' own times to
 *       detect and to recover ({@link ReleaseKpis}); a release that never recovered has no time to recover;</li>
 *   <li>{@code drillPassRate}: drills whose rollback succeeded, over the drills that finished; {@code lastDrillAt}
 *       and {@code daysSinceLastDrill} (whole days, on the injected clock) for the newest drill in the window, passed
 *       or not, and {@code lastDrillPassed} for its verdict.</li>
 * </ul>
 */
public record HistoryKpis(
        int releases,
        int succeeded,
        int rolledBack,
        int deployed,
        int changeFailures,
        Double successRate,
        Double rollbackRate,
        Double changeFailureRate,
        int durations,
        Duration medianDuration,
        Duration p90Duration,
        int detections,
        Duration meanTimeToDetect,
        int recoveries,
        Duration meanTimeToRecover,
        int drills,
        int drillsPassed,
        Double drillPassRate,
        Instant lastDrillAt,
        Long daysSinceLastDrill,
        Boolean lastDrillPassed)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
