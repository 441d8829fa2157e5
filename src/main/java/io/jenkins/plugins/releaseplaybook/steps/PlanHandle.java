package io.jenkins.plugins.releaseplaybook.steps;

import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionKind;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackAction;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackPlan;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The engine's {@link RollbackPlan} in plain fields, for what {@code autoRollback} keeps in the build's
 * {@code program.dat} (its execution and the context it gives its body). Like {@code SilenceHandle}: that file is
 * written by JBoss Marshalling, and the engine's values are Java records, which cannot be restored by setting their
 * final fields reflectively; this class has only strings, booleans, longs and {@link ArrayList}/{@link LinkedHashMap}.
 */
final class PlanHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Per action: {@link ActionKind#name()}, target, parameters (in order). */
    private final ArrayList<String> kinds = new ArrayList<>();
    private final ArrayList<String> targets = new ArrayList<>();
    private final ArrayList<LinkedHashMap<String, String>> parameters = new ArrayList<>();
    private final boolean verify;
    /** The re-verification window in seconds and nanos; meaningful only with {@link #verify}. */
    private final long verifySeconds;
    private final int verifyNanos;
    private final boolean onAbort;
    private final boolean stopOnError;

    private transient volatile RollbackPlan plan;

    private PlanHandle(RollbackPlan plan) {
        for (RollbackAction action : plan.actions()) {
            kinds.add(action.kind().name());
            targets.add(action.target());
            parameters.add(new LinkedHashMap<>(action.parameters()));
        }
        this.verify = plan.verify();
        Duration window = plan.verifyDuration();
        this.verifySeconds = window == null ? 0 : window.getSeconds();
        this.verifyNanos = window == null ? 0 : window.getNano();
        this.onAbort = plan.onAbort();
        this.stopOnError = plan.stopOnError();
        this.plan = plan;
    }

    static PlanHandle of(RollbackPlan plan) {
        return new PlanHandle(plan);
    }

    /** The plan again, equal to the one this was made from. */
    RollbackPlan plan() {
        RollbackPlan known = plan;
        if (known == null) {
            List<RollbackAction> actions = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                actions.add(new RollbackAction(ActionKind.valueOf(kinds.get(i)), targets.get(i), parameters.get(i)));
            }
            known = new RollbackPlan(actions, verify, verify ? Duration.ofSeconds(verifySeconds, verifyNanos) : null,
                    onAbort, stopOnError);
            plan = known;
        }
        return known;
    }
}
