package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * One pre-release checklist item as {@code releaseGate} evaluated it. The first four components are those of schema
 * version 4 and earlier (English texts); the later ones (schema 5) carry the item's identity, its status and the texts
 * as keys with arguments, so that the page shows them in the reader's language. An older record reads with
 * {@code id}, {@code name}, {@code evidence} and {@code remedy} {@code null} and its status derived from the two flags.
 *
 * @param item the item's name in English
 * @param required whether the admin policy for this risk level requires it
 * @param satisfied whether it was found (also for an item that is not required)
 * @param detail what was found, or when missing what to do, in English
 * @param id the item's identifier ({@code backupVerified}, {@code custom:load test passed}); {@code null} in older reports
 * @param status SATISFIED, MISSING or NOT_REQUIRED
 * @param name the item's name as a keyed text
 * @param evidence what satisfied it (which backup, which targets, which silences, which window), or what was found
 * @param remedy what to do when it is missing; {@code null} otherwise
 * @param claim whether the item is the job's own confirmation ({@code confirm: [...]}) rather than something the
 *     plugin checked
 */
public record ChecklistItem(String item, boolean required, boolean satisfied, String detail, String id,
        ChecklistStatus status, TrailLine name, TrailLine evidence, TrailLine remedy, boolean claim)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    public ChecklistItem {
        item = Bounds.name(item);
        detail = Bounds.text(detail);
        id = Bounds.name(id);
        if (status == null) {
            status = !required ? ChecklistStatus.NOT_REQUIRED
                    : satisfied ? ChecklistStatus.SATISFIED : ChecklistStatus.MISSING;
        }
    }

    /** The record of schema version 4 and earlier. */
    public ChecklistItem(String item, boolean required, boolean satisfied, String detail) {
        this(item, required, satisfied, detail, null, null, null, null, null, false);
    }

    /** Reads a record from JSON; {@code claim} is absent from older reports. */
    @JsonCreator
    static ChecklistItem fromJson(@JsonProperty("item") String item, @JsonProperty("required") boolean required,
            @JsonProperty("satisfied") boolean satisfied, @JsonProperty("detail") String detail,
            @JsonProperty("id") String id, @JsonProperty("status") ChecklistStatus status,
            @JsonProperty("name") TrailLine name, @JsonProperty("evidence") TrailLine evidence,
            @JsonProperty("remedy") TrailLine remedy, @JsonProperty("claim") Boolean claim) {
        return new ChecklistItem(item, required, satisfied, detail, id, status, name, evidence, remedy,
                Boolean.TRUE.equals(claim));
    }

    /** Whether the gate fails on this item. */
    public boolean missing() {
        return status == ChecklistStatus.MISSING;
    }
}
