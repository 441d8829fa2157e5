package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What {@code autoRollback} did after the release failed.
 *
 * @param trigger why it rolled back, in words
 * @param outcome SUCCESS when every action succeeded (and re-verification, if asked, passed)
 */
public record RollbackRecord(
        String trigger, Instant start, Instant end, List<Action> actions, StageStatus outcome)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public RollbackRecord {
        trigger = Bounds.text(trigger);
        actions = Bounds.records(actions, "actions", Bounds.RECORDS);
    }

    /** One rollback action in the declared order. */
    public record Action(String name, StageStatus status, String message) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Action {
            name = Bounds.name(name);
            message = Bounds.text(message);
        }
    }
}
