package io.jenkins.plugins.releaseplaybook.remote;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactSet;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionResult;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Distributor;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the SFTP distribution on the node of the enclosing {@code node} block, where the files are: they are hashed
 * and streamed from there straight to the targets, not through the controller. An abort interrupts the controller's
 * call; remoting passes the interrupt on to this thread, and the engine stops every target and removes the
 * temporary files of the uploads in flight before it returns.
 */
public final class SftpDistribution extends MasterToSlaveFileCallable<DistributionResult> {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> globs;
    private final DistributionPlan plan;
    private final TaskListener listener;
    private final String logPrefix;
    private final String languageTag;

    /** @param locale the language of the progress lines */
    public SftpDistribution(List<String> globs, DistributionPlan plan, TaskListener listener, String logPrefix,
            Locale locale) {
        this.globs = new ArrayList<>(globs);
        this.plan = plan;
        this.listener = listener;
        this.logPrefix = logPrefix;
        this.languageTag = locale.toLanguageTag();
    }

    @Override
    public DistributionResult invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        try {
            ArtifactSet artifacts = ArtifactSet.collect(workspace.toPath(), globs);
            return Distributor.overSftp(plan.spec(artifacts),
                    new DistributionLog(listener, logPrefix, Locale.forLanguageTag(languageTag)));
        } catch (DistributionException e) {
            throw new RemoteDistributionException(e);
        }
    }
}
