package io.jenkins.plugins.releaseplaybook.engine.policy;

import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code releaseGate} evaluates besides the policy: the build's report so far, the enclosing {@code autoRollback}
 * plan if the gate runs inside one, when this job's last drill passed (the plugin finds it in earlier builds'
 * reports), and what the job confirms ({@code confirm: [...]}, its claim: nothing the plugin can check).
 *
 * @param enclosingRollback {@code null} when the gate is not inside {@code autoRollback}
 * @param lastPassingDrill {@code null} when no passing drill was found
 */
public record GateInputs(ReleaseReport report, RollbackPlan enclosingRollback, Instant lastPassingDrill,
        List<String> confirmations) {
    public GateInputs {
        Objects.requireNonNull(report, "report");
        List<String> clean = new ArrayList<>();
        for (String confirmation : confirmations == null ? List.<String>of() : confirmations) {
            String text = confirmation == null ? "" : confirmation.strip();
            if (!text.isEmpty() && clean.stream().noneMatch(text::equalsIgnoreCase)) {
                clean.add(text);
            }
        }
        confirmations = List.copyOf(clean);
    }

    /** Whether the job confirmed the item (case and surrounding blanks do not matter). */
    public boolean confirmed(String item) {
        return confirmations.stream().anyMatch(item.strip()::equalsIgnoreCase);
    }
}
