package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The rollback-loop guard of {@code releasePlan}: after {@code maxConsecutiveRollbacks} consecutive rolled-back
 * releases of a job, the next release is refused until someone acknowledges them. Pure: the plugin gives the job's
 * builds, newest first, each with what its report says ({@link #entry}).
 *
 * <p>Counting, newest first: a build that is not a release (no {@code releasePlan}) and a drill are passed over; a
 * release that rolled back counts; the first release that did not roll back ends the count. An acknowledgement
 * recorded on a build ends the count there too: that build still counts if it rolled back after the acknowledgement
 * (a build that passed {@code acknowledgeRollbacks: true} and rolled back again), not if before (the Release History
 * page acknowledges builds that already rolled back). {@code acknowledgeRollbacks: true} is recorded in the build's
 * header ({@link io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader#acknowledgement()}), the page's on the
 * build's last rollback record; the later of the two is the build's acknowledgement.
 */
public final class LoopGuard {
    /** The administrator's default. */
    public static final int DEFAULT_MAX_CONSECUTIVE_ROLLBACKS = 3;
    /** How many of the rolled-back builds the refusal names. */
    static final int NAMED = 5;

    private LoopGuard() {}

    /**
     * One build of the job as the guard sees it.
     *
     * @param release whether it declared a release ({@code releasePlan} ran)
     * @param rolledBackAt when its last rollback started; {@code null} when it did not roll back
     * @param acknowledgement the last acknowledgement recorded on it, or {@code null}
     */
    public record Entry(BuildRef build, boolean release, boolean drill, Instant rolledBackAt,
            RollbackRecord.Acknowledgement acknowledgement) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Entry {
            Objects.requireNonNull(build, "build");
        }
    }

    /** What the guard decided. */
    public record Decision(boolean allowed, int consecutive, int max, List<BuildRef> rolledBack, Text message)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** @throws RollbackException {@link RollbackException.Kind#LOOP_GUARDED} when the release is refused */
        public void requireAllowed() throws RollbackException {
            if (!allowed) {
                throw new RollbackException(RollbackException.Kind.LOOP_GUARDED, message);
            }
        }
    }

    /** A build and its report ({@code null} for a build without one). */
    public static Entry entry(BuildRef build, ReleaseReport report) {
        if (report == null || report.header() == null) {
            return new Entry(build, false, false, null, null);
        }
        List<RollbackRecord> rollbacks = report.rollbacks();
        boolean drill = report.header().drill() || rollbacks.stream().anyMatch(RollbackRecord::drill);
        // A record without a start (hand-edited) still rolled back: before anything else, as far as the guard knows.
        Instant rolledBackAt = rollbacks.isEmpty() ? null : rollbacks.stream()
                .map(r -> r.start() != null ? r.start() : Instant.EPOCH).max(Comparator.naturalOrder()).orElseThrow();
        // releasePlan(acknowledgeRollbacks: true) records it in the header, the Release History page on a rollback
        // record: the later one counts.
        RollbackRecord.Acknowledgement ack = report.header().acknowledgement();
        for (RollbackRecord rollback : rollbacks) {
            RollbackRecord.Acknowledgement recorded = rollback.acknowledgement();
            if (recorded != null && (ack == null || !recorded.at().isBefore(ack.at()))) {
                ack = recorded;
            }
        }
        return new Entry(build, true, drill, rolledBackAt, ack);
    }

    /** The rolled-back releases that count now, newest first. */
    public static List<BuildRef> consecutive(List<Entry> newestFirst) {
        List<BuildRef> counted = new ArrayList<>();
        for (Entry entry : newestFirst) {
            if (!entry.release() || entry.drill()) {
                continue;
            }
            boolean rolledBack = entry.rolledBackAt() != null;
            if (entry.acknowledgement() != null) {
                if (rolledBack && entry.rolledBackAt().isAfter(entry.acknowledgement().at())) {
                    counted.add(entry.build());
                }
                break;
            }
            if (!rolledBack) {
                break;
            }
            counted.add(entry.build());
        }
        return counted;
    }

    /**
     * Whether the next release of {@code job} may run.
     *
     * @param max {@code maxConsecutiveRollbacks}; 0 or less turns the guard off
     * @param acknowledgeNow whether this build passes {@code acknowledgeRollbacks: true} (then record the
     *     acknowledgement on this build's report)
     */
    public static Decision decide(String job, List<Entry> newestFirst, int max, boolean acknowledgeNow) {
        List<BuildRef> counted = consecutive(newestFirst);
        boolean refused = max > 0 && counted.size() >= max && !acknowledgeNow;
        Text message = !refused ? Text.literal("")
                : Text.of("rollback.guard.refused", counted.size(), job, names(counted), max);
        return new Decision(!refused, counted.size(), max, List.copyOf(counted), message);
    }

    private static String names(List<BuildRef> builds) {
        String named = builds.stream().limit(NAMED)
                .map(b -> "#" + b.number() + (b.url() == null ? "" : " (" + b.url() + ")"))
                .collect(Collectors.joining(", "));
        return builds.size() > NAMED ? named + ", …" : named;
    }
}
