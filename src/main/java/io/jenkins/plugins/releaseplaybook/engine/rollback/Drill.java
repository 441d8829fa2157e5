package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingState;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Drill semantics ({@code releasePlan(drill: true)}): the first {@code verifyStability} inside an {@code autoRollback}
 * body ends FAIL "drill: verification failed on purpose" after its first round, its real samples kept, so that the
 * rollback runs for real; the build then ends SUCCESS when the rollback worked ("drill passed") and FAILURE when it did
 * not. Done from outside the verification: the step asks {@link #failsThisVerification} once, then
 * {@link #endsNow} after each round, and reports {@link #failedOnPurpose} of its concluded result.
 */
public final class Drill {
    private Drill() {}

    /** How a drill build ends. */
    public record BuildOutcome(boolean success, Text message) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Whether the verification whose stage is {@code stageId} is the one a drill fails: the build is a drill, the
     * verification runs inside an {@code autoRollback} body that began at {@code bodyStart}, and no other verification
     * started in that body before it. Decided from the report's timeline, so the answer survives a restart.
     *
     * @param bodyStart the enclosing body's start ({@link RollbackState#bodyStart()}); {@code null} outside a body
     */
    public static boolean failsThisVerification(boolean drill, Instant bodyStart, List<StageRecord> timeline,
            String stageId) {
        if (!drill || bodyStart == null) {
            return false;
        }
        StageRecord first = null;
        for (StageRecord stage : timeline) {
            if (stage.kind() == StageKind.VERIFY && !stage.start().isBefore(bodyStart)
                    && (first == null || stage.start().isBefore(first.start()))) {
                first = stage;
            }
        }
        return first == null || first.id().equals(stageId);
    }

    /** Whether the drilled verification ends now: after its first round. */
    public static boolean endsNow(SamplingState state) {
        return state.roundsTaken() >= 1;
    }

    /**
     * The drilled verification's result: FAIL, stopped early, with every real sample and check result as taken (the
     * checks keep their own verdicts, so the report shows what was really seen).
     */
    public static VerificationResult failedOnPurpose(VerificationResult real) {
        return new VerificationResult(real.name(), real.start(), real.end(), Verdict.FAIL, real.checks(), real.rounds(),
                true, real.gaps());
    }

    /** The message of the drilled verification: {@code drill: verification failed on purpose}. */
    public static Text verificationMessage() {
        return Text.of("rollback.drill.verificationFailed");
    }

    /** How the drill build ends, from its finished rollback. */
    public static BuildOutcome outcome(RollbackResult rollback) {
        boolean passed = rollback.outcome() == RollbackResult.Outcome.SUCCESS;
        return new BuildOutcome(passed, Text.of(passed ? "rollback.drill.passed" : "rollback.drill.failed",
                rollback.message()));
    }
}
