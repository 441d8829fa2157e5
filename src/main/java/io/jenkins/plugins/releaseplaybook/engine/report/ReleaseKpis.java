package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Release KPIs, derived from the timeline so that they can never disagree with it.
 *
 * <ul>
 *   <li>release duration: from the plan (else the first stage) to the end of the last stage; unknown while a
 *       stage still runs;</li>
 *   <li>time to detect: from the start of the change (the first {@link StageKind#RELEASE} stage, else the
 *       release start) to the end of the first failed {@link StageKind#RELEASE} or {@link StageKind#VERIFY}
 *       stage;</li>
 *   <li>time to recover: from that detection to the end of the first successful {@link StageKind#ROLLBACK}
 *       stage after it.</li>
 * </ul>
 * Each is {@code null} when it does not apply (nothing failed, nothing recovered, still running).
 */
public record ReleaseKpis(Duration releaseDuration, Duration timeToDetect, Duration timeToRecover)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Set<StageKind> DETECTING = EnumSet.of(StageKind.RELEASE, StageKind.VERIFY);

    static ReleaseKpis of(ReleaseReport report) {
        Optional<Instant> start = releaseStart(report);
        Duration duration = start.flatMap(s -> releaseEnd(report).map(e -> Duration.between(s, e))).orElse(null);

        Optional<Instant> detectedAt = report.timeline().stream()
                .filter(s -> DETECTING.contains(s.kind()) && s.status() == StageStatus.FAILURE && s.end() != null)
                .map(StageRecord::end)
                .min(Comparator.naturalOrder());
        Optional<Instant> changeStart = report.timeline().stream()
                .filter(s -> s.kind() == StageKind.RELEASE)
                .map(StageRecord::start)
                .min(Comparator.naturalOrder())
                .or(() -> start);
        Duration toDetect = detectedAt.flatMap(d -> changeStart.map(c -> Duration.between(c, d)))
                .filter(d -> !d.isNegative())
                .orElse(null);
        Duration toRecover = detectedAt.flatMap(d -> report.timeline().stream()
                        .filter(s -> s.kind() == StageKind.ROLLBACK && s.status() == StageStatus.SUCCESS)
                        .map(StageRecord::end)
                        .filter(e -> e != null && !e.isBefore(d))
                        .min(Comparator.naturalOrder())
                        .map(e -> Duration.between(d, e)))
                .orElse(null);
        return new ReleaseKpis(duration, toDetect, toRecover);
    }

    private static Optional<Instant> releaseStart(ReleaseReport report) {
        if (report.header() != null && report.header().plannedAt() != null) {
            return Optional.of(report.header().plannedAt());
        }
        return report.timeline().stream().map(StageRecord::start).min(Comparator.naturalOrder());
    }

    private static Optional<Instant> releaseEnd(ReleaseReport report) {
        if (report.timeline().isEmpty() || report.timeline().stream().anyMatch(StageRecord::isRunning)) {
            return Optional.empty();
        }
        // A finished stage without an end (a hand-edited file) has no end to count.
        return report.timeline().stream().map(StageRecord::end).filter(Objects::nonNull).max(Comparator.naturalOrder());
    }
}
