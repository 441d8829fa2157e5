package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code autoRollback} declared: the actions in order, whether to re-verify, and the trigger and error rules.
 * Make one with {@link #builder()}:
 * <pre>{@code
 * RollbackPlan plan = RollbackPlan.builder()
 *         .action(RollbackAction.restoreBackup(backupId))
 *         .action(RollbackAction.command("./deploy.sh --previous"))
 *         .verify(Duration.ofMinutes(2))
 *         .build();
 * }</pre>
 *
 * @param verifyDuration how long the re-verification samples; {@code null} when {@code verify} is false
 * @param onAbort whether a user abort of the body rolls back too (default not)
 * @param stopOnError whether a failed action stops the rollback (default: the remaining actions still run)
 */
public record RollbackPlan(
        List<RollbackAction> actions, boolean verify, Duration verifyDuration, boolean onAbort, boolean stopOnError)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The re-verification window when the job asks for {@code verify: true} without a duration. */
    public static final Duration DEFAULT_VERIFY_DURATION = Duration.ofMinutes(2);

    public RollbackPlan {
        actions = List.copyOf(actions);
        verifyDuration = verify ? Objects.requireNonNullElse(verifyDuration, DEFAULT_VERIFY_DURATION) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RollbackPlan}: at least one action; no re-verification, no rollback on abort, no stop on error unless told. */
    public static final class Builder {
        private final List<RollbackAction> actions = new ArrayList<>();
        private boolean verify;
        private Duration verifyDuration;
        private boolean onAbort;
        private boolean stopOnError;

        private Builder() {}

        public Builder action(RollbackAction action) {
            actions.add(Objects.requireNonNull(action, "action"));
            return this;
        }

        public Builder actions(List<RollbackAction> more) {
            more.forEach(this::action);
            return this;
        }

        /** Re-verify over {@link #DEFAULT_VERIFY_DURATION}. */
        public Builder verify() {
            return verify(null);
        }

        /** Re-verify over {@code duration} ({@code null}: the default). */
        public Builder verify(Duration duration) {
            this.verify = true;
            this.verifyDuration = duration;
            return this;
        }

        public Builder onAbort(boolean value) {
            this.onAbort = value;
            return this;
        }

        public Builder stopOnError(boolean value) {
            this.stopOnError = value;
            return this;
        }

        /** @throws RollbackException {@link RollbackException.Kind#INVALID_PLAN} without actions or with a bad window */
        public RollbackPlan build() throws RollbackException {
            if (actions.isEmpty()) {
                throw new RollbackException(RollbackException.Kind.INVALID_PLAN, Text.of("rollback.plan.noAction"));
            }
            if (verify && verifyDuration != null && (verifyDuration.isZero() || verifyDuration.isNegative())) {
                throw new RollbackException(RollbackException.Kind.INVALID_PLAN,
                        Text.of("rollback.plan.verifyDuration", Durations.text(verifyDuration)));
            }
            return new RollbackPlan(actions, verify, verifyDuration, onAbort, stopOnError);
        }
    }
}
