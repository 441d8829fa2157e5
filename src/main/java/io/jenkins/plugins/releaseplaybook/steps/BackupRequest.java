package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.BackupsSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupLayout;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupResult;
import io.jenkins.plugins.releaseplaybook.engine.backup.Compression;
import io.jenkins.plugins.releaseplaybook.engine.backup.DumpSpec;
import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.remote.BackupCallable;
import io.jenkins.plugins.releaseplaybook.remote.NodeBackup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@code releaseBackup} call asked for, in plain serializable values (the execution keeps it), and how it
 * runs: the administrator's defaults for what the job left out, checks that need no node, then the archive on the
 * node ({@link BackupCallable}), then the report.
 */
final class BackupRequest implements NodeWork {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final ArrayList<String> paths;
    private final ArrayList<String> excludes;
    private final ArrayList<BackupDump> dumps;
    private final String destination;
    private final String compression;
    private final Integer keep;
    private final boolean testRestore;

    BackupRequest(ReleaseBackupStep step) {
        this.name = step.getName();
        this.paths = new ArrayList<>(step.getPaths());
        this.excludes = new ArrayList<>(step.getExcludes());
        this.dumps = new ArrayList<>(step.getDumps());
        this.destination = step.getDestination();
        this.compression = step.getCompression();
        this.keep = step.getKeep();
        this.testRestore = step.isTestRestore();
    }

    /** The name for the timeline (the step fails later when it is missing). */
    String name() {
        return name == null ? ReleaseBackupStep.FUNCTION_NAME : name;
    }

    /**
     * Blank ({@code null}), or a whole number of at least 0.
     *
     * @throws IllegalArgumentException saying what to enter
     */
    @CheckForNull
    static Integer keep(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            int keep = Integer.parseInt(value);
            if (keep >= 0) {
                return keep;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(Messages.ReleaseBackupStep_KeepInvalid(value));
    }

    @Override
    public String functionName() {
        return ReleaseBackupStep.FUNCTION_NAME;
    }

    @Override
    public StageKind stageKind() {
        return StageKind.BACKUP;
    }

    @Override
    public String stageName() {
        return name();
    }

    @Override
    public String restartedMessage() {
        return Messages.ReleaseBackupStep_Restarted(name());
    }

    @Override
    public String abortedMessage() {
        return Messages.ReleaseBackupStep_Aborted();
    }

    @Override
    public Map<String, Object> run(BackupStepExecution execution, Run<?, ?> run, TaskListener listener)
            throws Exception {
        if (name == null) {
            throw new AbortException(Messages.ReleaseBackupStep_NameRequired());
        }
        try {
            BackupLayout.checkName(name);
        } catch (BackupException e) {
            throw new AbortException(EngineMessages.of(e));
        }
        if (paths.isEmpty() && dumps.isEmpty()) {
            throw new AbortException(Messages.ReleaseBackupStep_NothingToBackUp(name));
        }
        if (keep != null && keep < 0) {
            throw new AbortException(Messages.ReleaseBackupStep_KeepInvalid(keep));
        }
        List<DumpSpec> dumpSpecs = new ArrayList<>();
        for (BackupDump dump : dumps) {
            dumpSpecs.add(dump.toSpec()); // IllegalArgumentException naming what is missing
        }
        BackupsSection defaults = ReleasePlaybookConfiguration.get().getBackups();
        String compressionId = Compression.of(compression != null ? compression : defaults.getDefaultCompression()).id();
        int retained = keep != null ? keep : defaults.getDefaultKeep();
        String where = destination != null ? destination : Util.fixEmptyAndTrim(defaults.getDefaultDestination());

        Node node = execution.node();
        String nodeName = BackupStepExecution.nodeName(node);
        Set<String> referenced = BackupReferences.inRunningBuilds(run, new JenkinsFacade());
        if (referenced == null) {
            execution.log(Messages.ReleaseBackupStep_RetentionSkipped());
            retained = 0;
        }
        execution.log(Messages.ReleaseBackupStep_Starting(name, nodeName, paths.size(), dumps.size(),
                where == null ? Messages.ReleaseBackupStep_DefaultDestination() : where));
        NodeBackup written = execution.workspace().act(new BackupCallable(name, paths, excludes, dumpSpecs, where,
                execution.nodeRoot(node), compressionId, retained, testRestore, referenced == null ? Set.of() : referenced,
                listener, execution.logPrefix(), EngineMessages.locale()));

        BackupResult result = written.result();
        BackupRecord record = new BackupRecord(result.id(), result.name(), nodeName, result.archive(), result.sha256(),
                result.files(), result.bytes(), result.verified(), Instant.now(), result.sources(), excludes,
                dumps.stream().map(BackupDump::getName).toList(), result.compression().id(), result.archiveSize(),
                result.restoreTested(), written.destination());
        String summary = result.restoreTested()
                ? Messages.ReleaseBackupStep_DoneRestoreTested(result.id(), nodeName, result.files(), result.bytes(),
                        result.archive(), result.archiveSize(), result.sha256())
                : Messages.ReleaseBackupStep_Done(result.id(), nodeName, result.files(), result.bytes(),
                        result.archive(), result.archiveSize(), result.sha256());
        execution.finishStage(run, StageStatus.SUCCESS, summary, r -> r.withBackup(record));
        execution.log(summary);
        if (!result.deleted().isEmpty()) {
            execution.log(Messages.ReleaseBackupStep_Deleted(name, String.join(", ", result.deleted())));
        }
        execution.log(Messages.ReleaseBackupStep_RestoreWith(record.restoreCall()));
        return BackupMaps.ofBackup(result, nodeName, written.destination());
    }
}
