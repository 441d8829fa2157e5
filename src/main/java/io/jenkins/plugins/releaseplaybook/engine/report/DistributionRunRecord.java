package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One {@code preDistribute} call as a whole: where it went, the policy and whether it was met. The cells it produced
 * (one per target and artifact) are {@link DistributionRecord}s in {@link ReleaseReport#distributions()}.
 *
 * @param at when the distribution finished
 * @param transport {@code sftp} or {@code agents}
 * @param remoteDirectory where the artifacts went on every target
 * @param artifacts the artifacts' file names, in the artifact set's order
 * @param targets how many targets were asked for
 * @param succeeded how many targets have every artifact in place
 * @param requiredSuccesses how many had to, by the policy
 * @param minSuccess the policy as the job wrote it ({@code 90%}, or {@code all})
 * @param bytesSent bytes sent to all targets
 * @param millis wall-clock time of the whole distribution
 * @param ok whether the policy was met
 * @param failedTargets the targets that failed, in order
 * @param trustedOnFirstUse host keys accepted without a known-hosts entry: {@code host:port SHA256:...}
 */
public record DistributionRunRecord(
        Instant at,
        String transport,
        String remoteDirectory,
        List<String> artifacts,
        int targets,
        int succeeded,
        int requiredSuccesses,
        String minSuccess,
        long bytesSent,
        long millis,
        boolean ok,
        List<String> failedTargets,
        List<String> trustedOnFirstUse)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public DistributionRunRecord {
        at = Bounds.required(at, "at");
        transport = Bounds.requiredName(transport, "transport");
        remoteDirectory = Bounds.name(remoteDirectory);
        artifacts = Bounds.texts(artifacts, "artifacts", Bounds.NAME);
        minSuccess = Bounds.name(minSuccess);
        // One entry a target at most: a whole fleet may fail, so these are bounded like the cells, not like a list
        // of texts.
        failedTargets = Bounds.texts(failedTargets, "failedTargets", Bounds.NAME, Bounds.CELLS);
        trustedOnFirstUse = Bounds.texts(trustedOnFirstUse, "trustedOnFirstUse", Bounds.NAME, Bounds.CELLS);
    }
}
