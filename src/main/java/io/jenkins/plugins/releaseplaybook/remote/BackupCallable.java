package io.jenkins.plugins.releaseplaybook.remote;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupResult;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupSpec;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupWriter;
import io.jenkins.plugins.releaseplaybook.engine.backup.Compression;
import io.jenkins.plugins.releaseplaybook.engine.backup.DumpSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs {@link BackupWriter#write} on the node, acting on the workspace: relative sources resolve against it, dump
 * commands run in it, and a relative destination resolves against the node's root directory ({@link NodePaths}).
 * An abort of the build interrupts the controller's call, which remoting passes on to the node as an interrupt of
 * this thread: the engine stops and lists nothing.
 */
public final class BackupCallable extends MasterToSlaveFileCallable<NodeBackup> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final ArrayList<String> paths;
    private final ArrayList<String> excludes;
    private final ArrayList<DumpSpec> dumps;
    private final String destination;
    private final String nodeRoot;
    private final String compression;
    private final int keep;
    private final boolean testRestore;
    private final HashSet<String> protectedIds;
    private final TaskListener listener;
    private final String logPrefix;
    private final String languageTag;

    /**
     * @param destination as the job or the administrator gave it; {@code null} for the default
     * @param nodeRoot the node's root directory ({@code Node.getRootPath()})
     * @param compression a {@link Compression} id
     * @param protectedIds backups that running builds still reference, which retention must keep
     * @param locale the language of the progress lines in the build log
     */
    public BackupCallable(String name, List<String> paths, List<String> excludes, List<DumpSpec> dumps,
            String destination, String nodeRoot, String compression, int keep, boolean testRestore,
            Set<String> protectedIds, TaskListener listener, String logPrefix, Locale locale) {
        this.name = name;
        this.paths = new ArrayList<>(paths);
        this.excludes = new ArrayList<>(excludes);
        this.dumps = new ArrayList<>(dumps);
        this.destination = destination;
        this.nodeRoot = nodeRoot;
        this.compression = compression;
        this.keep = keep;
        this.testRestore = testRestore;
        this.protectedIds = new HashSet<>(protectedIds);
        this.listener = listener;
        this.logPrefix = logPrefix;
        this.languageTag = locale.toLanguageTag();
    }

    @Override
    public NodeBackup invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path root = workspace.toPath();
        Path target = NodePaths.destination(nodeRoot, destination);
        BackupSpec.Builder spec = BackupSpec.builder(name).destination(target).compression(Compression.of(compression))
                .keep(keep).testRestore(testRestore).workDirectory(root);
        paths.forEach(path -> spec.source(NodePaths.inWorkspace(root, path)));
        excludes.forEach(spec::exclude);
        dumps.forEach(dump -> spec.dump(dump.name(), dump.command()));
        try {
            BackupResult result = BackupWriter.write(spec.build(), protectedIds,
                    new LogProgress(listener, logPrefix, Locale.forLanguageTag(languageTag)));
            return new NodeBackup(result, target.toString());
        } catch (BackupException e) {
            throw new RemoteBackupException(e);
        }
    }
}
