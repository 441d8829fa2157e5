package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Release Report of one build: an immutable value. Steps change it through the {@code with*}
 * methods, which return a new report, so that concurrent writers can apply their changes one after
 * another under a single lock (see {@link ReleaseReportFile}) without sharing mutable state.
 *
 * @param schemaVersion the JSON schema version the report was written with
 * @param header what {@code releasePlan} declared, or {@code null} before it ran
 */
public record ReleaseReport(
        int schemaVersion,
        ReleaseHeader header,
        List<StageRecord> timeline,
        List<BackupRecord> backups,
        List<DistributionRecord> distributions,
        List<SilenceRecord> silences,
        List<VerificationRecord> verifications,
        List<RollbackRecord> rollbacks,
        List<ChecklistItem> checklist,
        List<RestoreRecord> restores,
        List<DistributionRunRecord> distributionRuns,
        PolicyRecord policy,
        List<GateRecord> gates)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Version of the JSON schema this code writes; readers accept any version and ignore unknown fields. 2: checks
     * also carry their threshold and decision trail as message keys with arguments ({@link CheckRecord#trailLines()}).
     * 3: backups carry excludes, dumps, compression, archive size, restore-tested and destination; restores are
     * recorded ({@link RestoreRecord}). 4: distribution cells carry their time and how they were verified, and each
     * {@code preDistribute} call is recorded as a whole ({@link DistributionRunRecord}). 5: the header carries the
     * emergency plan ({@link ReleaseHeader#emergency()}) and the loop-guard acknowledgement of
     * {@code releasePlan(acknowledgeRollbacks: true)} ({@link ReleaseHeader#acknowledgement()}); the policy in force
     * is stamped by {@code releasePlan} ({@link PolicyRecord}), each {@code releaseGate} is recorded
     * ({@link GateRecord}) and checklist items carry a status, evidence and remedy as keyed texts; all absent in older
     * reports (read as none).
     */
    public static final int SCHEMA_VERSION = 5;

    public ReleaseReport {
        timeline = Bounds.records(timeline, "timeline", Bounds.RECORDS);
        backups = Bounds.records(backups, "backups", Bounds.RECORDS);
        distributions = Bounds.records(distributions, "distributions", Bounds.CELLS);
        silences = Bounds.records(silences, "silences", Bounds.RECORDS);
        verifications = Bounds.records(verifications, "verifications", Bounds.RECORDS);
        rollbacks = Bounds.records(rollbacks, "rollbacks", Bounds.RECORDS);
        checklist = Bounds.records(checklist, "checklist", Bounds.RECORDS);
        restores = Bounds.records(restores, "restores", Bounds.RECORDS);
        distributionRuns = Bounds.records(distributionRuns, "distributionRuns", Bounds.RECORDS);
        gates = Bounds.records(gates, "gates", Bounds.RECORDS);
    }

    /** A report without policy and gates: the record before schema version 5. */
    public ReleaseReport(int schemaVersion, ReleaseHeader header, List<StageRecord> timeline, List<BackupRecord> backups,
            List<DistributionRecord> distributions, List<SilenceRecord> silences,
            List<VerificationRecord> verifications, List<RollbackRecord> rollbacks, List<ChecklistItem> checklist,
            List<RestoreRecord> restores, List<DistributionRunRecord> distributionRuns) {
        this(schemaVersion, header, timeline, backups, distributions, silences, verifications, rollbacks, checklist,
                restores, distributionRuns, null, null);
    }

    /** A report without distribution runs: the record before schema version 4. */
    public ReleaseReport(int schemaVersion, ReleaseHeader header, List<StageRecord> timeline, List<BackupRecord> backups,
            List<DistributionRecord> distributions, List<SilenceRecord> silences,
            List<VerificationRecord> verifications, List<RollbackRecord> rollbacks, List<ChecklistItem> checklist,
            List<RestoreRecord> restores) {
        this(schemaVersion, header, timeline, backups, distributions, silences, verifications, rollbacks, checklist,
                restores, null);
    }

    /** A report without restores: the record before schema version 3. */
    public ReleaseReport(int schemaVersion, ReleaseHeader header, List<StageRecord> timeline, List<BackupRecord> backups,
            List<DistributionRecord> distributions, List<SilenceRecord> silences,
            List<VerificationRecord> verifications, List<RollbackRecord> rollbacks, List<ChecklistItem> checklist) {
        this(schemaVersion, header, timeline, backups, distributions, silences, verifications, rollbacks, checklist,
                null, null);
    }

    public static ReleaseReport empty() {
        return new ReleaseReport(SCHEMA_VERSION, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @JsonIgnore
    public boolean hasHeader() {
        return header != null;
    }

    /** Release KPIs derived from the timeline; written to JSON for consumers, ignored when read back. */
    @JsonProperty(value = "kpis", access = JsonProperty.Access.READ_ONLY)
    public ReleaseKpis kpis() {
        return ReleaseKpis.of(this);
    }

    public ReleaseReport withHeader(ReleaseHeader newHeader) {
        return new ReleaseReport(SCHEMA_VERSION, Objects.requireNonNull(newHeader, "header"), timeline, backups,
                distributions, silences, verifications, rollbacks, checklist, restores, distributionRuns, policy, gates);
    }

    /** Adds the stage, or replaces the stage with the same id (a running stage being finished). */
    public ReleaseReport withStage(StageRecord stage) {
        List<StageRecord> newTimeline = Lists.upsert(timeline, s -> s.id().equals(stage.id()), stage);
        return new ReleaseReport(SCHEMA_VERSION, header, newTimeline, backups, distributions, silences,
                verifications, rollbacks, checklist, restores, distributionRuns, policy, gates);
    }

    public ReleaseReport withBackup(BackupRecord backup) {
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, Lists.upsert(backups, b -> b.id().equals(backup.id()), backup),
                distributions, silences, verifications, rollbacks, checklist, restores, distributionRuns, policy, gates);
    }

    /**
     * Adds or replaces one cell (same target and artifact). Linear in the cells already recorded: for a whole fleet use
     * {@link #withDistributionRun}.
     */
    public ReleaseReport withDistribution(DistributionRecord distribution) {
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups,
                Lists.upsert(distributions, d -> d.target().equals(distribution.target())
                        && d.artifact().equals(distribution.artifact()), distribution),
                silences, verifications, rollbacks, checklist, restores, distributionRuns, policy, gates);
    }

    /**
     * Appends a {@code preDistribute} run and upserts its cells by target and artifact: a cell replaces the one with
     * the same target and artifact in place (a re-run), new cells are appended in their order. One pass over the
     * recorded cells and one over the new ones, so a fleet of 10,000 targets × 3 artifacts is recorded at once.
     */
    public ReleaseReport withDistributionRun(DistributionRunRecord run, List<DistributionRecord> cells) {
        Objects.requireNonNull(run, "run");
        List<DistributionRecord> added = Lists.copy(cells, "cells");
        List<DistributionRecord> merged = new ArrayList<>(distributions.size() + added.size());
        Map<CellKey, Integer> index = new HashMap<>();
        for (DistributionRecord cell : distributions) {
            index.put(CellKey.of(cell), merged.size());
            merged.add(cell);
        }
        for (DistributionRecord cell : added) {
            Integer at = index.putIfAbsent(CellKey.of(cell), merged.size());
            if (at == null) {
                merged.add(cell);
            } else {
                merged.set(at, cell);
            }
        }
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups, merged, silences, verifications, rollbacks,
                checklist, restores, Lists.append(distributionRuns, run), policy, gates);
    }

    /** A cell's identity in the matrix. */
    private record CellKey(String target, String artifact) {
        static CellKey of(DistributionRecord cell) {
            return new CellKey(cell.target(), cell.artifact());
        }
    }

    /** Adds the silence, or replaces the one with the same id (its state changed). */
    public ReleaseReport withSilence(SilenceRecord silence) {
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups, distributions,
                Lists.upsert(silences, s -> s.id().equals(silence.id()) || silence.previousIds().contains(s.id()), silence),
                verifications, rollbacks, checklist, restores, distributionRuns, policy, gates);
    }

    public ReleaseReport withVerification(VerificationRecord verification) {
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups, distributions, silences,
                Lists.append(verifications, verification), rollbacks, checklist, restores, distributionRuns, policy, gates);
    }

    public ReleaseReport withRollback(RollbackRecord rollback) {
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups, distributions, silences, verifications,
                Lists.append(rollbacks, rollback), checklist, restores, distributionRuns, policy, gates);
    }

    /**
     * Records an acknowledgement for the rollback-loop guard (the job's Release History form, or a build's
     * {@code acknowledgeRollbacks: true}): the last rollback record is replaced by its
     * {@link RollbackRecord#acknowledged acknowledged} copy; earlier records and everything else stay as they are.
     *
     * @throws IllegalStateException when the report has no rollback: there is nothing to acknowledge on this build,
     *     so the caller picked the wrong build (acknowledge one that {@code LoopGuard.consecutive} counts)
     */
    public ReleaseReport withRollbackAcknowledged(RollbackRecord.Acknowledgement ack) {
        Objects.requireNonNull(ack, "ack");
        if (rollbacks.isEmpty()) {
            throw new IllegalStateException("No rollback to acknowledge: this build's Release Report records no "
                    + "rollback; acknowledge a build that rolled back");
        }
        List<RollbackRecord> acknowledged = new ArrayList<>(rollbacks);
        int last = acknowledged.size() - 1;
        acknowledged.set(last, acknowledged.get(last).acknowledged(ack));
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups, distributions, silences, verifications,
                acknowledged, checklist, restores, distributionRuns, policy, gates);
    }

    /** Appends a restore: each {@code releaseRestore} is its own record, also when it restores the same backup again. */
    public ReleaseReport withRestore(RestoreRecord restore) {
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups, distributions, silences, verifications,
                rollbacks, checklist, Lists.append(restores, restore), distributionRuns, policy, gates);
    }

    /** Replaces the checklist: each {@code releaseGate} evaluates the whole list anew. */
    public ReleaseReport withChecklist(List<ChecklistItem> items) {
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups, distributions, silences, verifications,
                rollbacks, items, restores, distributionRuns, policy, gates);
    }

    /** Stamps the policy in force ({@code releasePlan}); a later stamp replaces an earlier one. */
    public ReleaseReport withPolicy(PolicyRecord newPolicy) {
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups, distributions, silences, verifications,
                rollbacks, checklist, restores, distributionRuns, Objects.requireNonNull(newPolicy, "policy"), gates);
    }

    /** Records a {@code releaseGate} evaluation: its items replace the checklist, the gate is appended. */
    public ReleaseReport withGate(GateRecord gate, List<ChecklistItem> items) {
        return new ReleaseReport(SCHEMA_VERSION, header, timeline, backups, distributions, silences, verifications,
                rollbacks, items, restores, distributionRuns, policy, Lists.append(gates, Objects.requireNonNull(gate, "gate")));
    }
}
