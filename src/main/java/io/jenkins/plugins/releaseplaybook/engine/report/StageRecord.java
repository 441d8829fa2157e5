package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * One stage on the report's timeline: a step's run from start to end.
 *
 * @param id stable identity, so that a step can first record the stage as running and later finish it
 * @param end {@code null} while the stage runs
 * @param message what a reader should know about the outcome; {@code null} when there is nothing to say
 */
public record StageRecord(
        String id, StageKind kind, String name, Instant start, Instant end, StageStatus status, String message)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public StageRecord {
        id = Bounds.requiredName(id, "id");
        Bounds.required(kind, "kind");
        Bounds.required(start, "start");
        name = Bounds.name(name);
        message = Bounds.text(message);
        status = status == null ? StageStatus.RUNNING : status;
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("Stage '" + name + "' ends (" + end + ") before it starts (" + start + ")");
        }
    }

    /** A new running stage with a fresh id. */
    public static StageRecord started(StageKind kind, String name, Instant start) {
        return new StageRecord(UUID.randomUUID().toString(), kind, name, start, null, StageStatus.RUNNING, null);
    }

    /**
     * This stage, ended with the given status at {@code end}. An end before the start (the wall clock stepped
     * back between the two readings) is taken as the start: a stage cannot end before it began.
     */
    public StageRecord finished(StageStatus newStatus, Instant newEnd, String newMessage) {
        if (!newStatus.isFinished()) {
            throw new IllegalArgumentException("A stage cannot finish as " + newStatus);
        }
        Instant end = newEnd.isBefore(start) ? start : newEnd;
        return new StageRecord(id, kind, name, start, end, newStatus, newMessage);
    }

    @JsonIgnore
    public boolean isRunning() {
        return status == StageStatus.RUNNING;
    }
}
