package io.jenkins.plugins.releaseplaybook.remote;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupLayout;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupRestorer;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestoreResult;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestoreSpec;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.MasterToSlaveFileCallable;

/**
 * Finds a backup on the node and runs {@link BackupRestorer#restore} there, acting on the workspace: a relative
 * target and relative paths resolve against it; a relative destination against the node's root directory.
 */
public final class RestoreCallable extends MasterToSlaveFileCallable<NodeRestore> {
    private static final long serialVersionUID = 1L;

    /** Which backup: an id (with the archive it belongs to, or looked up under the destination), or the newest of a name. */
    private final String id;
    private final String archive;
    private final String latestOf;
    private final String destination;
    private final String nodeRoot;
    private final String target;
    private final ArrayList<String> paths;
    private final boolean dryRun;
    private final TaskListener listener;
    private final String logPrefix;
    private final String languageTag;

    /**
     * @param id a backup id; {@code null} when {@code latestOf} is given
     * @param archive the archive path of backup {@code id} (from the map {@code releaseBackup} returned), whose
     *     manifest lies beside it; {@code null} to look the id up under the destination
     * @param latestOf a backup name whose newest backup is wanted; {@code null} when {@code id} is given
     * @param target {@code null}: every source back where it was
     */
    public RestoreCallable(String id, String archive, String latestOf, String destination, String nodeRoot,
            String target, List<String> paths, boolean dryRun, TaskListener listener, String logPrefix, Locale locale) {
        this.id = id;
        this.archive = archive;
        this.latestOf = latestOf;
        this.destination = destination;
        this.nodeRoot = nodeRoot;
        this.target = target;
        this.paths = new ArrayList<>(paths);
        this.dryRun = dryRun;
        this.listener = listener;
        this.logPrefix = logPrefix;
        this.languageTag = locale.toLanguageTag();
    }

    @Override
    public NodeRestore invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path root = workspace.toPath();
        try {
            Path manifest = manifest();
            Path into = target == null ? null : NodePaths.inWorkspace(root, target);
            List<String> selected = paths.stream().map(path -> NodePaths.inWorkspace(root, path).toString()).toList();
            RestoreResult result = BackupRestorer.restore(
                    new RestoreSpec(manifest.toString(), into == null ? null : into.toString(), selected, dryRun),
                    new LogProgress(listener, logPrefix, Locale.forLanguageTag(languageTag)));
            return new NodeRestore(result, manifest.toString(), into == null ? null : into.toString());
        } catch (BackupException e) {
            throw new RemoteBackupException(e);
        }
    }

    private Path manifest() throws BackupException {
        if (archive != null) {
            // the map releaseBackup returned: the manifest lies beside the archive, wherever the destination was
            Path manifest = Path.of(archive).resolveSibling(id + BackupLayout.MANIFEST_SUFFIX);
            if (!Files.isRegularFile(manifest)) {
                throw new BackupException(BackupException.Kind.NOT_FOUND, Text.of("backup.manifest.missing", manifest));
            }
            return manifest;
        }
        Path where = NodePaths.destination(nodeRoot, destination);
        return id != null ? BackupLayout.find(where, id) : BackupLayout.latest(where, latestOf);
    }
}
