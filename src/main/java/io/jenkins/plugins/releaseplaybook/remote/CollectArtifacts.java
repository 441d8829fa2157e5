package io.jenkins.plugins.releaseplaybook.remote;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactSet;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Finds the artifacts in the workspace and hashes them, on the workspace's node (the files are read once, where they
 * are; only names, sizes and hashes come back). Used by the agents form, which copies the files from there.
 */
public final class CollectArtifacts extends MasterToSlaveFileCallable<ArtifactSet> {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> globs;

    public CollectArtifacts(List<String> globs) {
        this.globs = new ArrayList<>(globs);
    }

    @Override
    public ArtifactSet invoke(File workspace, VirtualChannel channel) throws IOException {
        try {
            return ArtifactSet.collect(workspace.toPath(), globs);
        } catch (DistributionException e) {
            throw new RemoteDistributionException(e);
        }
    }
}
