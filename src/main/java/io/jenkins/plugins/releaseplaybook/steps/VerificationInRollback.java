package io.jenkins.plugins.releaseplaybook.steps;

import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.rollback.BodyBaseline;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@code verifyStability} inside an {@code autoRollback} body ({@link AutoRollbackContext}): the body's start is
 * the release start of its baseline ({@link BodyBaseline}), and its spec is saved for the rollback's re-verification
 * ({@link AutoRollbackStore}). Static and stateless: nothing of it is saved with the program.
 */
final class VerificationInRollback {
    /** The execution's logger: this is its work, moved here only to keep it small. */
    private static final Logger LOGGER = Logger.getLogger(VerifyStabilityExecution.class.getName());

    private VerificationInRollback() {}

    /** The spec as the body's verification runs it, saved for the rollback's re-verification. */
    static VerificationSpec prepare(Run<?, ?> run, AutoRollbackContext rollback, VerificationSpec spec,
            Consumer<String> log) {
        VerificationSpec releasing = BodyBaseline.releasingAt(spec, rollback.bodyStart());
        saveForRollback(run, rollback, releasing, log);
        return releasing;
    }

    /** What the enclosing rollback re-verifies: this verification's checks; a save that fails costs only that. */
    private static void saveForRollback(Run<?, ?> run, AutoRollbackContext rollback, VerificationSpec spec,
            Consumer<String> log) {
        try {
            new AutoRollbackStore(run.getRootDir()).saveVerification(rollback.bodyStart(), spec);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot save the verification for autoRollback's re-verification", e);
            log.accept(Messages.VerifyStabilityStep_RollbackSpecNotSaved(e.toString()));
        }
    }
}
