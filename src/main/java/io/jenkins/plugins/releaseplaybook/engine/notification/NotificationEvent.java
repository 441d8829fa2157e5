package io.jenkins.plugins.releaseplaybook.engine.notification;

import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One notification, built from a finished build's Release Report by {@link NotificationEvents}. Holds only what the
 * report says (user-supplied texts included, which each payload template escapes for its format).
 *
 * @param risk the plan's risk level as a word ({@code low}, {@code medium}, {@code high}); {@code null} when unknown
 * @param at when it happened: the gate's or the rollback's end; {@code null} when the report does not say
 * @param owners the plan's owners as declared
 * @param notifyTo the emergency plan's {@code notify:} entries as declared
 * @param missing the required checklist items that were missing ({@link EventKind#GATE_FAILED}); else empty
 * @param rollback what the rollback did ({@link EventKind#ROLLED_BACK} and the drill kinds); else {@code null}
 */
public record NotificationEvent(EventKind kind, String service, String version, String risk, BuildRef build,
        Instant at, List<String> owners, List<String> notifyTo, List<Missing> missing, Rollback rollback)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public NotificationEvent {
        Objects.requireNonNull(kind, "kind");
        service = service == null ? "" : service;
        owners = owners == null ? List.of() : List.copyOf(owners);
        notifyTo = notifyTo == null ? List.of() : List.copyOf(notifyTo);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /** A checklist item the gate required and did not find, with what was found or what to do. */
    public record Missing(String item, String detail) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What {@code autoRollback} did.
     *
     * @param outcome {@code SUCCESS} when every action worked, else how it ended ({@code FAILURE}, ...)
     * @param timeToRecover from detection to confirmed recovery; {@code null} when it did not recover
     */
    public record Rollback(String trigger, String outcome, List<Action> actions, Duration timeToDetect,
            Duration timeToRecover) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Rollback {
            actions = actions == null ? List.of() : List.copyOf(actions);
        }
    }

    /** One rollback action in the declared order, as it ended. */
    public record Action(String name, String status, String message) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
