package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The admin policy in force, as {@code releasePlan} stamped it into the report (and {@code releaseGate} evaluated
 * against), so that a reviewer sees what was required even after the administrator changed it.
 *
 * @param at when it was stamped
 * @param levels the checklist per risk level, lowest first
 * @param drillMaxAgeDays how old the job's last passing drill may be where a level requires one
 * @param zone the calendar's default time zone ({@code Europe/Berlin})
 * @param windows the weekly change windows as the administrator wrote them; none: every time is inside
 * @param freezes the dated freezes as the administrator wrote them
 */
public record PolicyRecord(Instant at, List<Level> levels, int drillMaxAgeDays, String zone, List<String> windows,
        List<String> freezes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PolicyRecord {
        levels = Bounds.records(levels, "levels", Bounds.RECORDS);
        zone = Bounds.name(zone);
        windows = Bounds.texts(windows, "windows", Bounds.NAME);
        freezes = Bounds.texts(freezes, "freezes", Bounds.NAME);
    }

    /** The level's checklist, or {@code null} when the record has none for it. */
    public Level level(Risk risk) {
        return levels.stream().filter(l -> l.risk() == risk).findFirst().orElse(null);
    }

    /**
     * What one risk level requires.
     *
     * @param required the identifiers of the required items ({@code plan}, {@code backupVerified}, ...)
     * @param customItems the items the administrator lists for this level, which the job must confirm
     */
    public record Level(Risk risk, List<String> required, List<String> customItems) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Level {
            required = Bounds.texts(required, "required", Bounds.NAME);
            customItems = Bounds.texts(customItems, "customItems", Bounds.NAME);
        }
    }
}
