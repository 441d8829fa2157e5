package io.jenkins.plugins.releaseplaybook.engine.policy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one risk level requires: the checked items, and the custom items the administrator lists, which the job must
 * confirm ({@code releaseGate(confirm: [...])}).
 */
public record LevelPolicy(Set<ChecklistKind> required, List<String> customItems) implements Serializable {
    private static final long serialVersionUID = 1L;

    public LevelPolicy {
        required = required.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(required));
        List<String> items = new ArrayList<>();
        for (String item : customItems) {
            String clean = item == null ? "" : item.strip();
            if (!clean.isEmpty() && items.stream().noneMatch(clean::equalsIgnoreCase)) {
                items.add(clean);
            }
        }
        customItems = List.copyOf(items);
    }

    public boolean requires(ChecklistKind kind) {
        return required.contains(kind);
    }

    /** The required kinds in checklist order. */
    public List<ChecklistKind> requiredInOrder() {
        return EnumSet.allOf(ChecklistKind.class).stream().filter(required::contains).toList();
    }

    /** Requires only the plan: the default for low risk. */
    public static LevelPolicy lowDefault() {
        return new LevelPolicy(EnumSet.of(ChecklistKind.PLAN), List.of());
    }

    /**
     * The default for medium risk: the plan, a verified backup, verified artifacts, active silences, a declared
     * rollback and the change calendar.
     */
    public static LevelPolicy mediumDefault() {
        return new LevelPolicy(EnumSet.of(ChecklistKind.PLAN, ChecklistKind.BACKUP_VERIFIED,
                ChecklistKind.ARTIFACTS_VERIFIED, ChecklistKind.SILENCES_ACTIVE, ChecklistKind.ROLLBACK_DECLARED,
                ChecklistKind.CHANGE_WINDOW), List.of());
    }

    /** The default for high risk: everything except a recent drill. */
    public static LevelPolicy highDefault() {
        Set<ChecklistKind> all = EnumSet.allOf(ChecklistKind.class);
        all.remove(ChecklistKind.DRILL);
        return new LevelPolicy(all, List.of());
    }
}
