package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One {@code releaseGate} evaluation; its items are the report's {@link ReleaseReport#checklist() checklist} (the last
 * evaluation's).
 *
 * @param at when the gate evaluated
 * @param risk the plan's risk level the policy was taken for
 * @param ok whether every required item was satisfied
 * @param confirmations what the job confirmed ({@code confirm: [...]}), recorded as its claim, not checked
 * @param missing the identifiers of the missing items, in checklist order
 * @param policy the policy the gate evaluated against
 */
public record GateRecord(Instant at, Risk risk, boolean ok, List<String> confirmations, List<String> missing,
        PolicyRecord policy) implements Serializable {
    private static final long serialVersionUID = 1L;

    public GateRecord {
        at = Bounds.required(at, "at");
        confirmations = Bounds.texts(confirmations, "confirmations", Bounds.NAME);
        missing = Bounds.texts(missing, "missing", Bounds.NAME);
    }
}
