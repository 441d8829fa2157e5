package io.jenkins.plugins.releaseplaybook.engine.report;

/** Which part of the playbook a timeline stage belongs to. */
public enum StageKind {
    /** {@code releasePlan}. */
    PLAN,
    /** {@code releaseBackup}. */
    BACKUP,
    /** {@code releaseRestore}. */
    RESTORE,
    /** {@code preDistribute}. */
    DISTRIBUTE,
    /** {@code silenceAlerts}: the silence window. */
    SILENCE,
    /** {@code verifyStability}. */
    VERIFY,
    /** The change itself: the body of {@code autoRollback}. */
    RELEASE,
    /** The rollback actions of {@code autoRollback}. */
    ROLLBACK,
    /** {@code releaseGate}. */
    GATE
}
