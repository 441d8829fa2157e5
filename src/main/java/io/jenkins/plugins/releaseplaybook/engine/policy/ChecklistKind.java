package io.jenkins.plugins.releaseplaybook.engine.policy;

/**
 * The checklist items the plugin checks itself, in the order the checklist shows them. Custom items (admin-listed,
 * confirmed by the job) are not kinds: they are named by the administrator.
 */
public enum ChecklistKind {
    /** {@code releasePlan} ran and named at least one owner. */
    PLAN("plan"),
    /** A {@code releaseBackup} of this build was read back and matched its manifest. */
    BACKUP_VERIFIED("backupVerified"),
    /** A {@code releaseBackup} of this build was test-restored into a scratch directory. */
    BACKUP_RESTORE_TESTED("backupRestoreTested"),
    /** Every {@code preDistribute} of this build met its {@code minSuccess} (all targets by default). */
    ARTIFACTS_VERIFIED("artifactsVerified"),
    /** At least one silence of this build is active now. */
    SILENCES_ACTIVE("silencesActive"),
    /** An enclosing {@code autoRollback}, or a rollback plan in words in the emergency plan. */
    ROLLBACK_DECLARED("rollbackDeclared"),
    /** The emergency plan names contacts. */
    EMERGENCY_CONTACTS("emergencyContacts"),
    /** The emergency plan says what starts it. */
    EMERGENCY_TRIGGERS("emergencyTriggers"),
    /** The emergency plan has a rollback plan in words. */
    EMERGENCY_ROLLBACK_PLAN("emergencyRollbackPlan"),
    /** The emergency plan says where notifications go. */
    EMERGENCY_NOTIFY("emergencyNotify"),
    /** The job had a passing drill recently enough. */
    DRILL("drill"),
    /** Now is inside a change window and outside every freeze. */
    CHANGE_WINDOW("changeWindow");

    private final String id;

    ChecklistKind(String id) {
        this.id = id;
    }

    /** The identifier in the report, the configuration and the texts ({@code backupVerified}). */
    public String id() {
        return id;
    }

    /** The kind with this identifier or constant name (case-insensitive), or {@code null}. */
    public static ChecklistKind of(String text) {
        if (text == null) {
            return null;
        }
        String wanted = text.strip();
        for (ChecklistKind kind : values()) {
            if (kind.id.equalsIgnoreCase(wanted) || kind.name().equalsIgnoreCase(wanted.replace('-', '_'))) {
                return kind;
            }
        }
        return null;
    }
}
