package io.jenkins.plugins.releaseplaybook.remote;

import io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactSet;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionSpec;
import io.jenkins.plugins.releaseplaybook.engine.distribution.HostKeyPolicy;
import io.jenkins.plugins.releaseplaybook.engine.distribution.SshCredentials;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Target;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Everything a distribution needs except the artifacts, which are hashed where the files are: the step fills it in
 * on the controller (the job's values over the administrator's defaults) and it travels to the node with the files.
 * The credentials travel with it over the agent's (encrypted) channel; {@link SshCredentials#toString()} shows no
 * secret, and nothing here is logged.
 *
 * @param credentials {@code null} for the agents form
 * @param minSuccess as the job wrote it ({@code 90%}), {@code null} for all targets
 */
public record DistributionPlan(List<Target> targets, String remoteDirectory, boolean createDirectory,
        SshCredentials credentials, String knownHosts, HostKeyPolicy hostKeyPolicy, int parallelism, int retries,
        Duration targetTimeout, String minSuccess) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DistributionPlan {
        targets = List.copyOf(targets);
    }

    /** @throws DistributionException {@code INVALID_SPEC} saying what to fix */
    public DistributionSpec spec(ArtifactSet artifacts) throws DistributionException {
        return DistributionSpec.builder().artifacts(artifacts).targets(targets).remoteDirectory(remoteDirectory)
                .createDirectory(createDirectory).credentials(credentials).knownHosts(knownHosts)
                .hostKeyPolicy(hostKeyPolicy).parallelism(parallelism).retries(retries).targetTimeout(targetTimeout)
                .minSuccess(minSuccess).build();
    }
}
