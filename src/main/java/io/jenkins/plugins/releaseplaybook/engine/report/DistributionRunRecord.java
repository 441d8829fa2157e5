package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One {@code preDistribute} run (contract stub: the report helper owns this record).
 *
 * @param transport {@code sftp} or {@code agents}
 * @param minSuccess the policy as the job wrote it ({@code 90%}, or {@code all})
 * @param trustedOnFirstUse {@code host:port SHA256:...} accepted under trust-on-first-use
 */
public record DistributionRunRecord(Instant at, String transport, String remoteDirectory, List<String> artifacts,
        int targets, int succeeded, int requiredSuccesses, String minSuccess, long bytesSent, long millis, boolean ok,
        List<String> failedTargets, List<String> trustedOnFirstUse) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DistributionRunRecord {
        artifacts = Lists.copy(artifacts, "artifacts");
        failedTargets = Lists.copy(failedTargets, "failedTargets");
        trustedOnFirstUse = Lists.copy(trustedOnFirstUse, "trustedOnFirstUse");
    }
}
