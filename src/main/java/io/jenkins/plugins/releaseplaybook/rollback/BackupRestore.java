package io.jenkins.plugins.releaseplaybook.rollback;

import hudson.FilePath;
import hudson.Util;
import hudson.model.Node;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestoreResult;
import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.RestoreRecord;
import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionResult;
import io.jenkins.plugins.releaseplaybook.engine.rollback.BackupReference;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RestoreAction;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackException;
import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.remote.NodeRestore;
import io.jenkins.plugins.releaseplaybook.remote.RestoreCallable;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code restoreBackup} action: the reference resolved against this build's backups, then the same restore
 * {@code releaseRestore} runs ({@link RestoreCallable} on the workspace's node, every source back in its place), and
 * the same {@link RestoreRecord} in the Release Report.
 */
final class BackupRestore {
    private final StepRollbackActions actions;

    BackupRestore(StepRollbackActions actions) {
        this.actions = actions;
    }

    ActionResult restore(String reference) throws InterruptedException, RollbackException {
        FilePath workspace = actions.workspace();
        Node node = actions.node();
        FilePath root = node == null ? null : node.getRootPath();
        if (workspace == null || node == null || root == null) {
            actions.log(RestoreAction.noNode(reference));
            return RestoreAction.withoutNode(reference);
        }
        Run<?, ?> run = actions.run();
        List<BackupRecord> backups;
        try {
            ReleaseReportAction report = run.getAction(ReleaseReportAction.class);
            backups = report == null || !report.hasReport() ? List.of() : report.load().backups();
        } catch (IOException e) {
            // a damaged report must not stop the service from being put back: an id still restores
            actions.listener().getLogger().println(StepRollbackActions.LOG_PREFIX + EngineMessages.of(e));
            backups = List.of();
        }
        String id = BackupReference.resolve(reference, backups); // a RollbackException is recorded as the failure
        Optional<BackupRecord> record = RestoreAction.recordOf(id, backups);
        String here = StepRollbackActions.nodeName(node);
        Optional<ActionResult> elsewhere = RestoreAction.wrongNode(record, here);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        String destination = record.map(BackupRecord::destination).orElse(null);
        if (destination == null) {
            destination = Util.fixEmptyAndTrim(ReleasePlaybookConfiguration.get().getBackups().getDefaultDestination());
        }
        actions.log(RestoreAction.starting(id, here));
        NodeRestore restored;
        try {
            restored = workspace.act(new RestoreCallable(id, record.map(BackupRecord::archive).orElse(null), null,
                    destination, root.getRemote(), null, List.of(), false, actions.listener(),
                    StepRollbackActions.LOG_PREFIX, EngineMessages.locale()));
        } catch (IOException e) {
            StepRollbackActions.rethrowIfAborted(e);
            // the engine's refusal (tampered archive, missing backup) or the agent going away
            return RestoreAction.failed(id, e instanceof Localizable text ? text.message(Locale.ROOT)
                    : String.valueOf(e.getMessage()));
        }
        RestoreResult result = restored.result();
        try {
            RestoreRecord done = new RestoreRecord(result.backupId(), here, Instant.now(), restored.target(),
                    List.of(), false, result.restored(), result.replaced(), result.changes(), result.files(),
                    result.bytes());
            ReleaseReportAction.getOrCreate(run).update(r -> r.withRestore(done));
        } catch (IOException e) {
            // the files are back; a report that cannot be written must not turn the rollback into a failure
            actions.listener().getLogger().println(StepRollbackActions.LOG_PREFIX + EngineMessages.of(e));
        }
        ActionResult outcome = RestoreAction.restored(result.backupId(), here, result.restored().size(),
                result.replaced().size(), result.files(), result.bytes());
        actions.listener().getLogger().println(StepRollbackActions.LOG_PREFIX + outcome.message());
        return outcome;
    }
}
