package io.jenkins.plugins.releaseplaybook.engine.notification;

import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistItem;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The notifications a finished build's Release Report calls for, in the order they happened: one for a failed gate
 * (every missing required item in it), one per rollback ({@link EventKind#ROLLED_BACK}, or the drill's verdict in a
 * drill build). A report without a plan calls for none: nobody declared whom to tell.
 */
public final class NotificationEvents {
    private NotificationEvents() {}

    /** The events of {@code report} whose topic is in {@code topics}; empty for {@code null} or a report without plan. */
    public static List<NotificationEvent> of(ReleaseReport report, Set<EventKind.Topic> topics) {
        List<NotificationEvent> events = new ArrayList<>();
        if (report == null || !report.hasHeader()) {
            return events;
        }
        ReleaseHeader header = report.header();
        List<NotificationEvent.Missing> missing = new ArrayList<>();
        for (ChecklistItem item : report.checklist()) {
            if (item.required() && !item.satisfied()) {
                missing.add(new NotificationEvent.Missing(item.item(), item.detail()));
            }
        }
        if (!missing.isEmpty() && topics.contains(EventKind.Topic.GATE)) {
            events.add(event(EventKind.GATE_FAILED, header, lastEnd(report, StageKind.GATE), missing, null));
        }
        for (RollbackRecord rollback : report.rollbacks()) {
            EventKind kind = kindOf(rollback, header.drill());
            if (topics.contains(kind.topic())) {
                events.add(event(kind, header, rollback.end(), List.of(), rollbackOf(rollback)));
            }
        }
        return events;
    }

    private static EventKind kindOf(RollbackRecord rollback, boolean drillBuild) {
        if (!rollback.drill() && !drillBuild) {
            return EventKind.ROLLED_BACK;
        }
        return rollback.outcome() == StageStatus.SUCCESS ? EventKind.DRILL_PASSED : EventKind.DRILL_FAILED;
    }

    private static NotificationEvent event(EventKind kind, ReleaseHeader header, Instant at,
            List<NotificationEvent.Missing> missing, NotificationEvent.Rollback rollback) {
        return new NotificationEvent(kind, header.service(), header.version(),
                header.risk() == null ? null : header.risk().label(), header.build(), at, header.owners(),
                header.emergency().notifyTo(), missing, rollback);
    }

    private static NotificationEvent.Rollback rollbackOf(RollbackRecord record) {
        List<NotificationEvent.Action> actions = new ArrayList<>();
        for (RollbackRecord.Action action : record.actions()) {
            actions.add(new NotificationEvent.Action(action.name(),
                    action.status() == null ? null : action.status().name(), action.message()));
        }
        return new NotificationEvent.Rollback(record.trigger(),
                record.outcome() == null ? null : record.outcome().name(), actions, record.timeToDetect(),
                record.timeToRecover());
    }

    /** The end of the last finished stage of this kind, or {@code null}. */
    private static Instant lastEnd(ReleaseReport report, StageKind kind) {
        Instant end = null;
        for (StageRecord stage : report.timeline()) {
            if (stage.kind() == kind && stage.end() != null && (end == null || stage.end().isAfter(end))) {
                end = stage.end();
            }
        }
        return end;
    }
}
