package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.engine.policy.Drills;
import io.jenkins.plugins.releaseplaybook.engine.policy.GateEvaluation;
import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistItem;
import io.jenkins.plugins.releaseplaybook.engine.report.HistoryEntry;
import io.jenkins.plugins.releaseplaybook.engine.report.StoredReports;
import io.jenkins.plugins.releaseplaybook.report.ReleaseHistories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What {@code releaseGate} needs from the job's history, bounded, and what it returns to the Pipeline. */
final class ReleaseGateHistory {
    /** How many earlier builds are looked at for a passing drill, newest first. */
    static final int SCAN_LIMIT = 50;
    private static final Logger LOGGER = Logger.getLogger(ReleaseGateHistory.class.getName());

    private ReleaseGateHistory() {}

    /**
     * When this job's newest passing drill (among its last {@link #SCAN_LIMIT} earlier builds) passed, or {@code null}.
     * Builds without a report are skipped; an unreadable report is skipped with a line in the Jenkins log.
     */
    @CheckForNull
    static Instant lastPassingDrill(Run<?, ?> run) {
        Run<?, ?> previous = run.getPreviousBuild();
        for (int looked = 0; previous != null && looked < SCAN_LIMIT; looked++, previous = previous.getPreviousBuild()) {
            StoredReports.Loaded loaded = ReleaseHistories.historyParts(previous);
            if (loaded.availability() == HistoryEntry.Availability.CORRUPT) {
                LOGGER.log(Level.FINE, "skipping the unreadable Release Report of {0}: {1}",
                        new Object[] {previous.getFullDisplayName(), loaded.problem()});
                continue;
            }
            Instant passed = Drills.passedAt(loaded.parts()); // null without a report
            if (passed != null) {
                return passed;
            }
        }
        return null;
    }

    /** {@code [ok: true, items: [[id:, status:, required:, satisfied:, claim:, evidence:], ...]]}: plain values. */
    static Map<String, Object> result(GateEvaluation evaluation) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (ChecklistItem item : evaluation.items()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", item.id());
            entry.put("status", item.status().name());
            entry.put("required", item.required());
            entry.put("satisfied", item.satisfied());
            entry.put("claim", item.claim());
            entry.put("evidence", item.evidence() == null ? item.detail() : item.evidence().text());
            items.add(entry);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", evaluation.ok());
        result.put("items", items);
        return result;
    }
}
