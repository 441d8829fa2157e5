package io.jenkins.plugins.releaseplaybook.steps;

import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackPlan;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@code autoRollback} puts into its body's context: steps inside the body see that a rollback plan encloses
 * them ({@code releaseGate} counts it as the rollback being declared; {@code verifyStability} takes the body start as
 * the release start for its baseline, and fails on purpose in a drill).
 *
 * @param plan the declared plan
 * @param bodyStart when the body started: the release start for baselines and time to detect
 * @param drill whether the build is a drill ({@code releasePlan(drill: true)})
 */
public record AutoRollbackContext(RollbackPlan plan, Instant bodyStart, boolean drill) implements Serializable {
    private static final long serialVersionUID = 1L;

    public AutoRollbackContext {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(bodyStart, "bodyStart");
    }
}
