package io.jenkins.plugins.releaseplaybook.rollback;

import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionResult;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackActions;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * PLACEHOLDER on the autoRollback branch only: the ACTIONS part writes the real implementation of this exact class
 * (the backup callable on the node, the node's Launcher, the queue) and the lead takes that version at merge. Until
 * then every action answers a failure, so that the step's wiring can be read and type-checked on its own.
 */
public final class StepRollbackActions implements RollbackActions {
    private static final String NOT_WIRED = "not wired: the rollback actions are not part of this branch";

    private StepRollbackActions() {}

    /** The actions of the build whose step context this is; blocks, so call it off the CPS VM thread. */
    public static StepRollbackActions forContext(StepContext context) throws IOException, InterruptedException {
        return new StepRollbackActions();
    }

    @Override
    public ActionResult restoreBackup(String reference) {
        return ActionResult.failed(NOT_WIRED);
    }

    @Override
    public ActionResult command(String command) {
        return ActionResult.failed(NOT_WIRED);
    }

    @Override
    public ActionResult job(String fullName, Map<String, String> parameters) {
        return ActionResult.failed(NOT_WIRED);
    }
}
