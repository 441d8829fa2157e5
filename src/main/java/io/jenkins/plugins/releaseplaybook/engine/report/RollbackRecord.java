package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code autoRollback} did after the release failed. The components after {@code outcome} were added with the
 * rollback engine (reports written before it have none of them): they read as {@code null} and {@code false}.
 *
 * @param trigger why it rolled back, in words
 * @param outcome SUCCESS when every action succeeded (and re-verification, if asked, passed)
 * @param releaseStart when the body of {@code autoRollback} began
 * @param detectedAt when the failing step ended
 * @param recoveredAt when recovery was confirmed (the re-verification's end when it passed; without one asked, the end
 *     of the actions if all succeeded); {@code null} when it was not
 * @param timeToDetect from {@code releaseStart} to {@code detectedAt}
 * @param timeToRecover from {@code detectedAt} to {@code recoveredAt}
 * @param recoveryConfirmed whether a re-verification passed
 * @param reverification the re-verification's summary, or why there was none; {@code null} when none was asked
 * @param drill whether the build was a drill
 * @param acknowledgement who acknowledged the rolled-back releases up to this one for the loop guard, and when
 */
public record RollbackRecord(
        String trigger,
        Instant start,
        Instant end,
        List<Action> actions,
        StageStatus outcome,
        Instant releaseStart,
        Instant detectedAt,
        Instant recoveredAt,
        Duration timeToDetect,
        Duration timeToRecover,
        boolean recoveryConfirmed,
        String reverification,
        boolean drill,
        Acknowledgement acknowledgement)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public RollbackRecord {
        trigger = Bounds.text(trigger);
        actions = Bounds.records(actions, "actions", Bounds.RECORDS);
        reverification = Bounds.text(reverification);
    }

    /** The record before the rollback engine: no accounting, no drill, no acknowledgement. */
    public RollbackRecord(String trigger, Instant start, Instant end, List<Action> actions, StageStatus outcome) {
        this(trigger, start, end, actions, outcome, null, null, null, null, null, false, null, false, null);
    }

    /** Reads a record from JSON: the flags added with the rollback engine may be absent (an older report). */
    @JsonCreator
    static RollbackRecord fromJson(@JsonProperty("trigger") String trigger, @JsonProperty("start") Instant start,
            @JsonProperty("end") Instant end, @JsonProperty("actions") List<Action> actions,
            @JsonProperty("outcome") StageStatus outcome, @JsonProperty("releaseStart") Instant releaseStart,
            @JsonProperty("detectedAt") Instant detectedAt, @JsonProperty("recoveredAt") Instant recoveredAt,
            @JsonProperty("timeToDetect") Duration timeToDetect, @JsonProperty("timeToRecover") Duration timeToRecover,
            @JsonProperty("recoveryConfirmed") Boolean recoveryConfirmed,
            @JsonProperty("reverification") String reverification, @JsonProperty("drill") Boolean drill,
            @JsonProperty("acknowledgement") Acknowledgement acknowledgement) {
        return new RollbackRecord(trigger, start, end, actions, outcome, releaseStart, detectedAt, recoveredAt,
                timeToDetect, timeToRecover, Boolean.TRUE.equals(recoveryConfirmed), reverification,
                Boolean.TRUE.equals(drill), acknowledgement);
    }

    /** This record with an acknowledgement for the loop guard (the releases up to this one need not stop the next). */
    public RollbackRecord acknowledged(Acknowledgement by) {
        return new RollbackRecord(trigger, start, end, actions, outcome, releaseStart, detectedAt, recoveredAt,
                timeToDetect, timeToRecover, recoveryConfirmed, reverification, drill, by);
    }

    /**
     * One rollback action in the declared order.
     *
     * @param kind {@code restoreBackup}, {@code command} or {@code job}; {@code null} in older reports
     * @param duration how long it ran; {@code null} in older reports
     */
    public record Action(String name, StageStatus status, String message, String kind, Duration duration)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Action {
            name = Bounds.name(name);
            message = Bounds.text(message);
            kind = Bounds.name(kind);
        }

        /** The action before the rollback engine: no kind, no duration. */
        public Action(String name, StageStatus status, String message) {
            this(name, status, message, null, null);
        }
    }

    /**
     * Someone confirmed that the rolled-back releases up to this one need not stop the next release.
     *
     * @param by the user id, as Jenkins knows it
     * @param via where: {@code page} (the job's Release History page) or {@code acknowledgeRollbacks} (a build's
     *     {@code releasePlan} parameter)
     */
    public record Acknowledgement(String by, Instant at, String via) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Acknowledgement {
            by = Bounds.requiredName(by, "by");
            Bounds.required(at, "at");
            via = Bounds.name(via);
        }
    }
}
