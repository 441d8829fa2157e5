package io.jenkins.plugins.releaseplaybook.engine.rollback;

/** The kinds of rollback action, named as the step's parameters name them. */
public enum ActionKind {
    /** Restore a backup taken by {@code releaseBackup}. */
    RESTORE_BACKUP("restoreBackup"),
    /** Run a shell command on the node, in the workspace, with the build's environment. */
    COMMAND("command"),
    /** Trigger another Jenkins job with parameters and wait for it. */
    JOB("job");

    private final String parameter;

    ActionKind(String parameter) {
        this.parameter = parameter;
    }

    /** The step parameter that declares it: {@code restoreBackup}, {@code command} or {@code job}. */
    public String parameter() {
        return parameter;
    }
}
