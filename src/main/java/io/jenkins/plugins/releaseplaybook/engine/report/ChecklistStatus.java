package io.jenkins.plugins.releaseplaybook.engine.report;

/** How {@code releaseGate} found one checklist item. */
public enum ChecklistStatus {
    /** Required by the policy and found. */
    SATISFIED,
    /** Required by the policy and not found: the gate fails. */
    MISSING,
    /** Not required at this risk level; the item still says what was found. */
    NOT_REQUIRED
}
