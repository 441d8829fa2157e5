package io.jenkins.plugins.releaseplaybook.steps;

import hudson.AbortException;
import hudson.Util;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestoreResult;
import io.jenkins.plugins.releaseplaybook.engine.report.RestoreRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.remote.NodeRestore;
import io.jenkins.plugins.releaseplaybook.remote.RestoreCallable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code releaseRestore} call asked for, in plain serializable values, and how it runs: which backup
 * (exactly one of an id, the map {@code releaseBackup} returned, or a name with {@code latest: true}), then the restore
 * on the node ({@link RestoreCallable}), then the report.
 */
final class RestoreRequest implements NodeWork {
    private static final long serialVersionUID = 1L;

    private final String id;
    /** The map's values as text ({@code id}, {@code archive}, {@code node}, {@code destination}); null without one. */
    private final HashMap<String, String> backup;
    private final String name;
    private final boolean latest;
    private final String target;
    private final ArrayList<String> paths;
    private final boolean dryRun;
    private final String destination;

    RestoreRequest(ReleaseRestoreStep step) {
        this.id = step.getId();
        this.backup = step.getBackup() == null ? null : textValues(step.getBackup());
        this.name = step.getName();
        this.latest = step.isLatest();
        this.target = step.getTarget();
        this.paths = new ArrayList<>(step.getPaths());
        this.dryRun = step.isDryRun();
        this.destination = step.getDestination();
    }

    private static HashMap<String, String> textValues(Map<String, Object> map) {
        HashMap<String, String> values = new HashMap<>();
        for (String key : List.of("id", "archive", "node", "destination")) {
            Object value = map.get(key);
            if (value != null) {
                values.put(key, value.toString()); // a GString, too
            }
        }
        return values;
    }

    /** What the timeline calls this restore: the backup's id, or the name whose latest backup is restored. */
    String label() {
        if (id != null) {
            return id;
        }
        if (backup != null && backup.get("id") != null) {
            return backup.get("id");
        }
        return name != null ? name : ReleaseRestoreStep.FUNCTION_NAME;
    }

    @Override
    public String functionName() {
        return ReleaseRestoreStep.FUNCTION_NAME;
    }

    @Override
    public StageKind stageKind() {
        return StageKind.RESTORE;
    }

    @Override
    public String stageName() {
        return label();
    }

    @Override
    public String restartedMessage() {
        return Messages.ReleaseRestoreStep_Restarted(label());
    }

    @Override
    public String abortedMessage() {
        return Messages.ReleaseRestoreStep_Aborted();
    }

    @Override
    public Map<String, Object> run(BackupStepExecution execution, Run<?, ?> run, TaskListener listener)
            throws Exception {
        List<String> ways = new ArrayList<>();
        if (id != null) {
            ways.add("id");
        }
        if (backup != null) {
            ways.add("backup");
        }
        if (name != null) {
            ways.add("name");
        }
        if (ways.size() > 1) {
            throw new AbortException(Messages.ReleaseRestoreStep_TwoBackups(String.join(", ", ways)));
        }
        if (ways.isEmpty()) {
            throw new AbortException(Messages.ReleaseRestoreStep_WhichBackup());
        }
        if (name != null && !latest) {
            throw new AbortException(Messages.ReleaseRestoreStep_NameWithoutLatest(name));
        }
        if (latest && name == null) {
            throw new AbortException(Messages.ReleaseRestoreStep_LatestWithoutName());
        }
        Node node = execution.node();
        String nodeName = BackupStepExecution.nodeName(node);
        String backupId = id;
        String archive = null;
        String where = destination;
        if (backup != null) {
            backupId = Util.fixEmptyAndTrim(backup.get("id"));
            if (backupId == null) {
                throw new AbortException(Messages.ReleaseRestoreStep_MapWithoutId());
            }
            String from = backup.get("node");
            if (from != null && !from.equals(nodeName)) {
                throw new AbortException(Messages.ReleaseRestoreStep_OtherNode(backupId, from, nodeName));
            }
            archive = destination == null ? backup.get("archive") : null;
        }
        if (where == null) {
            where = backup != null && backup.get("destination") != null ? backup.get("destination")
                    : Util.fixEmptyAndTrim(ReleasePlaybookConfiguration.get().getBackups().getDefaultDestination());
        }
        execution.log(Messages.ReleaseRestoreStep_Starting(label(), nodeName, target == null
                ? Messages.ReleaseRestoreStep_IntoOriginalPlaces() : Messages.ReleaseRestoreStep_IntoTarget(target)));
        NodeRestore restored = execution.workspace().act(new RestoreCallable(backupId, archive,
                backupId == null ? name : null, where, execution.nodeRoot(node), target, paths, dryRun, listener,
                execution.logPrefix(), EngineMessages.locale()));

        RestoreResult result = restored.result();
        RestoreRecord record = new RestoreRecord(result.backupId(), nodeName, Instant.now(), restored.target(), paths,
                result.dryRun(), result.restored(), result.replaced(), result.changes(), result.files(), result.bytes());
        String summary = result.dryRun()
                ? Messages.ReleaseRestoreStep_DryRun(result.backupId(), result.changes().size())
                : Messages.ReleaseRestoreStep_Done(result.backupId(), result.restored().size(), result.replaced().size(),
                        result.files(), result.bytes());
        execution.finishStage(run, StageStatus.SUCCESS, summary, r -> r.withRestore(record));
        execution.log(summary);
        for (String change : result.changes()) {
            execution.log("  " + change);
        }
        return BackupMaps.ofRestore(result, nodeName, restored.target(), restored.manifestFile());
    }
}
