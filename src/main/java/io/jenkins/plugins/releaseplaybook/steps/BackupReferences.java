package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Computer;
import hudson.model.Executor;
import hudson.model.Queue;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The backups that running builds still reference, which retention must not delete: every backup id in the Release
 * Report of a build that is running now, this one included (it may restore an earlier backup of its own later).
 *
 * <p>Cheap: the running builds are found from what the executors run (a Pipeline build holds a flyweight executor on
 * the controller for its whole life, and every {@code node} block an executor whose parent is the build), not by
 * walking jobs and their histories; each build's report is read once and cached by its action. Safe: when a running
 * build's report cannot be read, its references are unknown, and the answer is "unknown" ({@code null}) so that
 * the caller deletes nothing.
 */
final class BackupReferences {
    private static final Logger LOGGER = Logger.getLogger(BackupReferences.class.getName());

    private BackupReferences() {}

    /** The ids, or {@code null} when a running build's report cannot be read. */
    @CheckForNull
    static Set<String> inRunningBuilds(Run<?, ?> current, JenkinsFacade jenkins) {
        Set<Run<?, ?>> running = new LinkedHashSet<>();
        running.add(current);
        for (Computer computer : jenkins.getComputers()) {
            for (Executor executor : computer.getAllExecutors()) {
                Run<?, ?> run = buildOf(executor.getCurrentExecutable());
                if (run != null && run.isBuilding()) {
                    running.add(run);
                }
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Run<?, ?> run : running) {
            ReleaseReportAction action = run.getAction(ReleaseReportAction.class);
            if (action == null || !action.hasReport()) {
                continue;
            }
            try {
                action.load().backups().stream().map(BackupRecord::id).forEach(ids::add);
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "The Release Report of " + run.getFullDisplayName() + " cannot be read, so"
                        + " the backups it references are unknown; retention deletes nothing this time", e);
                return null;
            }
        }
        return ids;
    }

    /** The build an executable belongs to: itself, or the build of a {@code node} block's placeholder. */
    @CheckForNull
    private static Run<?, ?> buildOf(@CheckForNull Queue.Executable executable) {
        for (Queue.Executable at = executable; at != null; at = at.getParentExecutable()) {
            if (at instanceof Run<?, ?> run) {
                return run;
            }
        }
        return null;
    }
}
