package io.jenkins.plugins.releaseplaybook.silences;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ActiveSilence;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceOutcome;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilenceRecords;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord.SilenceState;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The silences of a build as its Release Report records them: each silence (ACTIVE, then EXPIRED or
 * EXPIRY_FAILED) and one SILENCE stage per {@code silenceAlerts} or {@code createSilences} call, named after the step,
 * RUNNING while any of its silences is active.
 *
 * <p>A stage knows its silences through its ID, {@code silences:<id>,<id>...}: the report's silence records do not
 * name their stage, and the ID is the one field of a stage that is meant for code rather than people. Whoever
 * expires the last active silence of a stage (the block's end, {@code expireSilences}, the safety net) finishes it.
 */
public final class SilenceLedger {
    private static final String STAGE_ID_PREFIX = "silences:";
    private static final String ID_SEPARATOR = ",";

    private SilenceLedger() {}

    /**
     * The RUNNING stage of silences just created, started when the step started.
     *
     * @param stepName the timeline name of the stage: the step's Pipeline name (an identifier, not prose)
     */
    public static StageRecord runningStage(String stepName, List<ActiveSilence> silences, Instant start) {
        List<String> ids = silences.stream().map(ActiveSilence::id).toList();
        Instant lastEnd = silences.stream().map(ActiveSilence::endsAt).max(Comparator.naturalOrder()).orElse(start);
        return new StageRecord(STAGE_ID_PREFIX + String.join(ID_SEPARATOR, ids), StageKind.SILENCE, stepName, start,
                null, StageStatus.RUNNING, Messages.SilenceLedger_Active(ids.size(), lastEnd.toString()));
    }

    /** A stage for a call that created no silence: refused, invalid, or Alertmanager said no. */
    public static StageRecord failedStage(String stepName, Instant start, StageStatus status, String message) {
        return StageRecord.started(StageKind.SILENCE, stepName, start).finished(status, Instant.now(), message);
    }

    /** Records silences just created as ACTIVE, and their RUNNING stage. */
    public static ReleaseReport opened(ReleaseReport report, List<ActiveSilence> silences, StageRecord stage) {
        ReleaseReport updated = report;
        for (ActiveSilence silence : silences) {
            updated = updated.withSilence(SilenceRecords.active(silence));
        }
        return updated.withStage(stage);
    }

    /**
     * Records what became of the silences, then finishes every RUNNING SILENCE stage none of whose silences is
     * still active: SUCCESS when all were expired, UNSTABLE when some could not be (they end on their own).
     *
     * @param ownStageId the stage of the block whose end this is, finished whatever its silences' states, with
     *     {@code ownStatus} (the body's outcome; SUCCESS becomes UNSTABLE when a silence could not be expired);
     *     {@code null} for none
     */
    public static ReleaseReport closed(ReleaseReport report, List<SilenceOutcome> outcomes,
            @CheckForNull String ownStageId, StageStatus ownStatus, Instant now) {
        ReleaseReport updated = report;
        for (SilenceOutcome outcome : outcomes) {
            updated = updated.withSilence(SilenceRecords.closed(outcome));
        }
        Map<String, SilenceRecord> records = byId(updated);
        for (StageRecord stage : updated.timeline()) {
            if (stage.kind() != StageKind.SILENCE || !stage.isRunning()) {
                continue;
            }
            boolean isOwn = stage.id().equals(ownStageId);
            if (!isOwn && stageSilenceIds(stage).isEmpty()) {
                continue; // not a stage of silences
            }
            List<SilenceRecord> own = silencesOf(stage, records);
            if (!isOwn && own.stream().anyMatch(r -> r.state() == SilenceState.ACTIVE)) {
                continue; // still silencing
            }
            boolean allExpired = own.stream().allMatch(r -> r.state() == SilenceState.EXPIRED);
            StageStatus status = isOwn ? ownStatus : StageStatus.SUCCESS;
            if (status == StageStatus.SUCCESS && !allExpired) {
                status = StageStatus.UNSTABLE;
            }
            Instant end = now.isBefore(stage.start()) ? stage.start() : now;
            updated = updated.withStage(stage.finished(status, end, summary(own)));
        }
        return updated;
    }

    /** Every silence the report lists as ACTIVE. */
    public static List<SilenceHandle> active(ReleaseReport report) {
        return report.silences().stream()
                .filter(record -> record.state() == SilenceState.ACTIVE)
                .map(SilenceHandle::of)
                .toList();
    }

    /** Those of the silences the report does not list as closed (or does not list at all). */
    public static List<SilenceHandle> stillActive(ReleaseReport report, List<SilenceHandle> silences) {
        Map<String, SilenceRecord> records = byId(report);
        List<SilenceHandle> active = new ArrayList<>();
        for (SilenceHandle silence : silences) {
            SilenceRecord record = records.get(silence.getId());
            if (record == null || record.state() == SilenceState.ACTIVE) {
                active.add(silence);
            }
        }
        return active;
    }

    /** How many silences the build created so far, whatever became of them (the policy's cap counts them all). */
    public static int created(ReleaseReport report) {
        return report.silences().size();
    }

    /** The build's silence with this ID, or {@code null}. */
    @CheckForNull
    public static SilenceRecord find(ReleaseReport report, String id) {
        return byId(report).get(id);
    }

    /** One line for the stage: how many were expired, which were not and when they end, alerts suppressed. */
    static String summary(List<SilenceRecord> silences) {
        int suppressed = silences.stream().mapToInt(r -> r.suppressedAlerts().size()).sum();
        List<String> notExpired = silences.stream()
                .filter(r -> r.state() != SilenceState.EXPIRED)
                .map(r -> Messages.SilenceLedger_EndsAt(r.id(), r.endsAt().toString()))
                .toList();
        int expired = silences.size() - notExpired.size();
        return notExpired.isEmpty()
                ? Messages.SilenceLedger_Expired(expired, suppressed)
                : Messages.SilenceLedger_NotExpired(expired, silences.size(), String.join(", ", notExpired),
                        suppressed);
    }

    private static List<SilenceRecord> silencesOf(StageRecord stage, Map<String, SilenceRecord> records) {
        List<SilenceRecord> own = new ArrayList<>();
        for (String id : stageSilenceIds(stage)) {
            SilenceRecord record = records.get(id);
            if (record != null) {
                own.add(record);
            }
        }
        return own;
    }

    /** The IDs of the silences a SILENCE stage opened; none for a stage that opened none. */
    static Set<String> stageSilenceIds(StageRecord stage) {
        if (!stage.id().startsWith(STAGE_ID_PREFIX)) {
            return Set.of();
        }
        return new HashSet<>(Arrays.asList(stage.id().substring(STAGE_ID_PREFIX.length()).split(ID_SEPARATOR)));
    }

    private static Map<String, SilenceRecord> byId(ReleaseReport report) {
        Map<String, SilenceRecord> records = new HashMap<>();
        for (SilenceRecord record : report.silences()) {
            records.put(record.id(), record);
        }
        return records;
    }
}
