package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;

/**
 * One pre-release checklist item as {@code releaseGate} evaluated it.
 *
 * @param required whether the admin policy for this risk level requires it
 * @param detail what was found, e.g. which backup satisfied it or why it is missing
 */
public record ChecklistItem(String item, boolean required, boolean satisfied, String detail)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ChecklistItem {
        item = Bounds.name(item);
        detail = Bounds.text(detail);
    }
}
