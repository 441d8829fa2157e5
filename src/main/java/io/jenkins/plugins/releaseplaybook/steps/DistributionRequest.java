package io.jenkins.plugins.releaseplaybook.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.DistributionSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactSet;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionResult;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Distributor;
import io.jenkins.plugins.releaseplaybook.engine.distribution.HostKeyPolicy;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Target;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRunRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.remote.AgentTransport;
import io.jenkins.plugins.releaseplaybook.remote.CollectArtifacts;
import io.jenkins.plugins.releaseplaybook.remote.DistributionLog;
import io.jenkins.plugins.releaseplaybook.remote.DistributionPlan;
import io.jenkins.plugins.releaseplaybook.remote.SftpDistribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code preDistribute} call with the administrator's defaults filled in when it runs: picks the form (SSH hosts
 * or agents), resolves the credentials, runs the engine where the files are, records the run in the Release Report
 * whichever way it ends, and fails the step when the success policy is not met.
 *
 * <p>Where the work runs: the SFTP form runs entirely on the node of the enclosing {@code node} block
 * ({@link SftpDistribution}), so the files go from there straight to the hosts. The agents form runs the engine on
 * the controller over an {@link AgentTransport}: the files are hashed where they are, copied through remoting to
 * each agent, and hashed again there.
 */
final class DistributionRequest implements NodeWork {
    private static final long serialVersionUID = 1L;
    static final String SFTP = "sftp";
    static final String AGENTS = "agents";

    private final String artifacts;
    private final String remoteDirectory;
    private final ArrayList<String> hosts;
    private final String credentialsId;
    private final String agents;
    private final Integer parallelism;
    private final Integer retries;
    private final String timeout;
    private final String minSuccess;
    private final boolean createDirectory;
    private final String hostKeyPolicy;

    DistributionRequest(PreDistributeStep step) {
        this.artifacts = step.getArtifacts();
        this.remoteDirectory = step.getRemoteDirectory();
        this.hosts = new ArrayList<>(step.getHosts());
        this.credentialsId = step.getCredentialsId();
        this.agents = step.getAgents();
        this.parallelism = step.getParallelism();
        this.retries = step.getRetries();
        this.timeout = step.getTimeout();
        this.minSuccess = step.getMinSuccess();
        this.createDirectory = step.isCreateDirectory();
        this.hostKeyPolicy = step.getHostKeyPolicy();
    }

    @Override
    public String stageName() {
        return remoteDirectory == null ? PreDistributeStep.FUNCTION_NAME : remoteDirectory;
    }

    @Override
    public String functionName() {
        return PreDistributeStep.FUNCTION_NAME;
    }

    @Override
    public StageKind stageKind() {
        return StageKind.DISTRIBUTE;
    }

    @Override
    public String restartedMessage() {
        return Messages.PreDistributeStep_Restarted();
    }

    @Override
    public String abortedMessage() {
        return Messages.PreDistributeStep_Aborted();
    }

    @Override
    public Map<String, Object> run(BackupStepExecution execution, Run<?, ?> run, TaskListener listener)
            throws Exception {
        List<String> globs = DistributionForm.globs(artifacts);
        if (globs.isEmpty()) {
            throw new AbortException(Messages.PreDistributeStep_ArtifactsRequired());
        }
        if (remoteDirectory == null) {
            throw new AbortException(Messages.PreDistributeStep_RemoteDirectoryRequired());
        }
        boolean sftp = !hosts.isEmpty();
        if (sftp == (agents != null)) {
            throw new AbortException(Messages.PreDistributeStep_HostsOrAgents());
        }
        DistributionSection defaults = ReleasePlaybookConfiguration.get().getDistribution();
        int threads = parallelism != null ? parallelism : defaults.getDefaultParallelism();
        int tries = retries != null ? retries : defaults.getDefaultRetries();
        Duration perTarget = timeout != null ? Durations.parse(timeout) : defaults.defaultTimeout();
        FilePath workspace = execution.workspace();
        DistributionResult result;
        String transport;
        try {
            if (sftp) {
                transport = SFTP;
                if (credentialsId == null) {
                    throw new AbortException(Messages.PreDistributeStep_CredentialsRequired());
                }
                HostKeyPolicy policy = policy(defaults.hostKeyPolicy());
                DistributionPlan plan = new DistributionPlan(Target.parseList(String.join("\n", hosts)), remoteDirectory,
                        createDirectory, SshLogin.of(credentialsId, run), defaults.getKnownHosts(), policy, threads, tries,
                        perTarget, minSuccess);
                execution.log(Messages.PreDistributeStep_StartingSftp(plan.targets().size(), remoteDirectory,
                        BackupStepExecution.nodeName(execution.node())));
                result = workspace.act(new SftpDistribution(globs, plan, listener, execution.logPrefix(),
                        EngineMessages.locale()));
            } else {
                transport = AGENTS;
                AgentTargets found = AgentTargets.matching(agents);
                if (!found.offline().isEmpty()) {
                    execution.log(Messages.PreDistributeStep_OfflineSkipped(agents, String.join(", ", found.offline())));
                }
                ArtifactSet set = workspace.act(new CollectArtifacts(globs));
                DistributionPlan plan = new DistributionPlan(found.targets(), remoteDirectory, createDirectory, null, "",
                        HostKeyPolicy.KNOWN_HOSTS, threads, tries, perTarget, minSuccess);
                execution.log(Messages.PreDistributeStep_StartingAgents(found.roots().size(), agents, remoteDirectory));
                try (AgentTransport agentTransport = new AgentTransport(found.roots(), workspace)) {
                    result = Distributor.over(agentTransport).build().distribute(plan.spec(set),
                            new DistributionLog(listener, execution.logPrefix(), EngineMessages.locale()));
                }
            }
        } catch (DistributionException e) {
            throw new AbortException(EngineMessages.of(e)); // a bad target, path or percentage: what to fix
        }
        String summary = EngineMessages.text(result.summary());
        DistributionRunRecord record = DistributionRecords.run(result, transport, remoteDirectory, minSuccess);
        List<DistributionRecord> cells = DistributionRecords.cells(result);
        execution.log(summary);
        if (!result.ok()) {
            execution.finishStage(run, StageStatus.FAILURE, summary, r -> r.withDistributionRun(record, cells));
            throw new AbortException(Messages.PreDistributeStep_Failed(summary));
        }
        execution.finishStage(run, StageStatus.SUCCESS, summary, r -> r.withDistributionRun(record, cells));
        return DistributionMaps.of(result, transport, remoteDirectory);
    }

    /** The job may ask for known hosts only where the administrator allows trust-on-first-use, never the reverse. */
    private HostKeyPolicy policy(HostKeyPolicy admin) throws DistributionException, AbortException {
        if (hostKeyPolicy == null) {
            return admin;
        }
        HostKeyPolicy asked = HostKeyPolicy.of(hostKeyPolicy);
        if (asked == HostKeyPolicy.TRUST_ON_FIRST_USE && admin == HostKeyPolicy.KNOWN_HOSTS) {
            throw new AbortException(Messages.PreDistributeStep_PolicyLooser());
        }
        return asked;
    }
}
