package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistItem;
import io.jenkins.plugins.releaseplaybook.engine.report.GateRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.TrailLine;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.List;
import java.util.Locale;

/**
 * The result of one {@code releaseGate}: the gate record and the checklist, ready to be recorded with
 * {@link #recordIn}, and the message that fails the build when an item is missing.
 */
public record GateEvaluation(GateRecord record, List<ChecklistItem> items) {
    public GateEvaluation {
        items = List.copyOf(items);
    }

    /** Whether every required item is satisfied. */
    public boolean ok() {
        return record.ok();
    }

    public List<ChecklistItem> missing() {
        return items.stream().filter(ChecklistItem::missing).toList();
    }

    /** The report with this evaluation recorded: the checklist replaced, the gate appended. */
    public ReleaseReport recordIn(ReleaseReport report) {
        return report.withGate(record, items);
    }

    /**
     * For the build log and the failure: one line for the verdict, then for each missing item its name, what was
     * found and what to do.
     */
    public String message(Locale locale) {
        long required = items.stream().filter(ChecklistItem::required).count();
        String risk = record.risk().label();
        if (ok()) {
            return Text.of("policy.gate.passed", String.valueOf(required), risk).message(locale);
        }
        List<ChecklistItem> missing = missing();
        StringBuilder message = new StringBuilder(Text.of("policy.gate.failed", String.valueOf(missing.size()),
                String.valueOf(required), risk).message(locale));
        for (ChecklistItem item : missing) {
            message.append('\n').append(Text.of("policy.gate.missingLine", text(item.name(), item.item()),
                    text(item.evidence(), ""), text(item.remedy(), "")).message(locale));
        }
        return message.toString();
    }

    private static Text text(TrailLine line, String fallback) {
        return line == null ? Text.literal(fallback) : line.toText();
    }
}
