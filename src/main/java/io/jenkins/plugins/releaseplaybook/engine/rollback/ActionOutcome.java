package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one declared action went.
 *
 * @param index its place in the plan, from 0
 * @param start when it began; for {@link ActionStatus#NOT_RUN} when it was skipped
 * @param end when it ended (equal to {@code start} for {@link ActionStatus#NOT_RUN})
 * @param message what the port or the engine said; may be empty
 */
public record ActionOutcome(int index, RollbackAction action, ActionStatus status, Instant start, Instant end,
        String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ActionOutcome {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        message = message == null ? "" : message;
    }

    public Duration duration() {
        Duration d = Duration.between(start, end);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** {@code command ./deploy.sh --previous: SUCCESS (2.1 s)}, with the message after a colon when there is one. */
    public Text describe() {
        if (status == ActionStatus.NOT_RUN) {
            return Text.of("rollback.action.notRun", action.describe());
        }
        Text took = Durations.text(duration());
        return message.isEmpty() ? Text.of("rollback.action.outcome", action.describe(), status.name(), took)
                : Text.of("rollback.action.outcomeWithMessage", action.describe(), status.name(), took, message);
    }
}
