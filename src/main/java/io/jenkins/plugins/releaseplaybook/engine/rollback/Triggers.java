package io.jenkins.plugins.releaseplaybook.engine.rollback;

import java.util.List;
import java.util.Optional;

/**
 * When a failure rolls back: any failure of the body, a failed or errored verification and a timeout included; a user
 * abort only with {@code onAbort: true}. The first failure that triggers wins: later ones (the body's own end after a
 * verification already failed, a second parallel branch) change nothing.
 */
public final class Triggers {
    private Triggers() {}

    /** Whether {@code failure} rolls back under {@code plan}. */
    public static boolean triggers(RollbackPlan plan, Failure failure) {
        return failure.kind() != FailureKind.USER_ABORT || plan.onAbort();
    }

    /** The first of {@code failures} (in the order they happened) that triggers, if any. */
    public static Optional<Failure> first(RollbackPlan plan, List<Failure> failures) {
        return failures.stream().filter(f -> triggers(plan, f)).findFirst();
    }
}
