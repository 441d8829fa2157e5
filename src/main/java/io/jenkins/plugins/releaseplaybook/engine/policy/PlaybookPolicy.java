package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.report.PolicyRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The administrator's release policy: a checklist per risk level, how old the job's last passing drill may be, and
 * the change calendar. {@link #defaults()} is what a fresh installation enforces:
 * <ul>
 *   <li>low: the plan (with owners) only;</li>
 *   <li>medium: the plan, a verified backup, verified artifacts, active silences, a declared rollback and the change
 *       calendar;</li>
 *   <li>high: everything except a recent drill (the plan, backup verified and restore-tested, artifacts, silences,
 *       rollback, each part of the emergency plan, the change calendar);</li>
 *   <li>a drill counts when it passed within {@value #DEFAULT_DRILL_MAX_AGE_DAYS} days; the calendar is open (no
 *       windows, no freezes, UTC).</li>
 * </ul>
 */
public record PlaybookPolicy(Map<Risk, LevelPolicy> levels, int drillMaxAgeDays, ChangeCalendar calendar)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_DRILL_MAX_AGE_DAYS = 30;
    public static final int MAX_DRILL_MAX_AGE_DAYS = 3650;

    public PlaybookPolicy {
        Map<Risk, LevelPolicy> copy = new EnumMap<>(Risk.class);
        copy.put(Risk.LOW, LevelPolicy.lowDefault());
        copy.put(Risk.MEDIUM, LevelPolicy.mediumDefault());
        copy.put(Risk.HIGH, LevelPolicy.highDefault());
        copy.putAll(levels);
        levels = Map.copyOf(copy);
        if (drillMaxAgeDays < 1 || drillMaxAgeDays > MAX_DRILL_MAX_AGE_DAYS) {
            throw new IllegalArgumentException("drillMaxAgeDays must be 1 to " + MAX_DRILL_MAX_AGE_DAYS + ", not "
                    + drillMaxAgeDays);
        }
        Objects.requireNonNull(calendar, "calendar");
    }

    public static PlaybookPolicy defaults() {
        return new PlaybookPolicy(Map.of(), DEFAULT_DRILL_MAX_AGE_DAYS, ChangeCalendar.OPEN);
    }

    /** The checklist of the risk level; a plan without a risk level is taken as medium. */
    public LevelPolicy level(Risk risk) {
        return levels.get(risk == null ? Risk.MEDIUM : risk);
    }

    /** The policy as the report records it. */
    public PolicyRecord toRecord(Instant at) {
        List<PolicyRecord.Level> records = new ArrayList<>();
        for (Risk risk : Risk.values()) {
            LevelPolicy level = levels.get(risk);
            records.add(new PolicyRecord.Level(risk,
                    level.requiredInOrder().stream().map(ChecklistKind::id).toList(), level.customItems()));
        }
        return new PolicyRecord(at, records, drillMaxAgeDays, calendar.zone().getId(), calendar.windowLines(),
                calendar.freezeLines());
    }
}
