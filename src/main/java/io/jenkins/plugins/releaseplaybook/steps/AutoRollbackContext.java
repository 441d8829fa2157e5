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
 * <p>A class with plain fields rather than a record: the body's context is kept in the build's {@code program.dat},
 * which JBoss Marshalling writes and reads back by setting fields (see {@link PlanHandle}). The accessors are those a
 * record {@code (RollbackPlan plan, Instant bodyStart, boolean drill)} would have.
 */
public final class AutoRollbackContext implements Serializable {
    private static final long serialVersionUID = 2L;

    private final PlanHandle plan;
    private final long bodyStartSecond;
    private final int bodyStartNano;
    private final boolean drill;

    /**
     * @param plan the declared plan
     * @param bodyStart when the body started: the release start for baselines and time to detect
     * @param drill whether the build is a drill ({@code releasePlan(drill: true)})
     */
    public AutoRollbackContext(RollbackPlan plan, Instant bodyStart, boolean drill) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(bodyStart, "bodyStart");
        this.plan = PlanHandle.of(plan);
        this.bodyStartSecond = bodyStart.getEpochSecond();
        this.bodyStartNano = bodyStart.getNano();
        this.drill = drill;
    }

    /** The declared plan. */
    public RollbackPlan plan() {
        return plan.plan();
    }

    /** When the body started. */
    public Instant bodyStart() {
        return Instant.ofEpochSecond(bodyStartSecond, bodyStartNano);
    }

    /** Whether the build is a drill. */
    public boolean drill() {
        return drill;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AutoRollbackContext that && drill == that.drill
                && bodyStartSecond == that.bodyStartSecond && bodyStartNano == that.bodyStartNano
                && plan().equals(that.plan());
    }

    @Override
    public int hashCode() {
        return Objects.hash(plan(), bodyStart(), drill);
    }

    @Override
    public String toString() {
        return "AutoRollbackContext[plan=" + plan() + ", bodyStart=" + bodyStart() + ", drill=" + drill + "]";
    }
}
