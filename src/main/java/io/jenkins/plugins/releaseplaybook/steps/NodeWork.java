package io.jenkins.plugins.releaseplaybook.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import java.io.Serializable;
import java.util.Map;

/**
 * What a step that works on a node ({@code releaseBackup}, {@code releaseRestore}, {@code preDistribute}) asks
 * {@link BackupStepExecution} to run in the background: plain values only, saved with the execution.
 */
interface NodeWork extends Serializable {
    /** The step's function name, for messages and the log prefix. */
    String functionName();

    StageKind stageKind();

    /** The stage's name on the timeline. */
    String stageName();

    /**
     * The work, on a background thread: checks, the call to the node, the finished stage with its record
     * ({@link BackupStepExecution#finishStage}), and the value {@code def x = step(...)} gets.
     */
    Map<String, Object> run(BackupStepExecution execution, Run<?, ?> run, TaskListener listener) throws Exception;

    /** Why the step failed after a controller restart. */
    String restartedMessage();

    /** The stage's message after an abort. */
    String abortedMessage();
}
