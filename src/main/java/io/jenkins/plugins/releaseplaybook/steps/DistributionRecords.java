package io.jenkins.plugins.releaseplaybook.steps;

import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Artifact;
import io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactResult;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionResult;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Outcome;
import io.jenkins.plugins.releaseplaybook.engine.distribution.TargetResult;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord.DistributionOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Release Report's view of a distribution: the run, and one cell per target and artifact. No credentials. */
final class DistributionRecords {
    private DistributionRecords() {}

    /** @param minSuccess as the job wrote it, {@code null} for all targets */
    static DistributionRunRecord run(DistributionResult result, String transport, String remoteDirectory,
            String minSuccess) {
        return new DistributionRunRecord(Instant.now(), transport, remoteDirectory,
                result.artifacts().stream().map(Artifact::name).toList(), result.targets().size(), result.succeeded(),
                result.requiredSuccesses(), minSuccess == null ? "all" : minSuccess, result.bytesSent(), result.millis(),
                result.ok(), result.failedTargets(), result.trustedOnFirstUse());
    }

    static List<DistributionRecord> cells(DistributionResult result) {
        Map<String, String> sha256 = new HashMap<>();
        for (Artifact artifact : result.artifacts()) {
            sha256.put(artifact.name(), artifact.sha256());
        }
        List<DistributionRecord> cells = new ArrayList<>();
        for (TargetResult target : result.targets()) {
            for (ArtifactResult a : target.artifacts()) {
                cells.add(new DistributionRecord(target.target(), a.artifact(), sha256.get(a.artifact()), a.bytes(),
                        outcome(a.outcome()), a.attempts(), a.reason() == null ? null : EngineMessages.text(a.reason()),
                        a.millis(), a.verifiedBy()));
            }
        }
        return cells;
    }

    private static DistributionOutcome outcome(Outcome outcome) {
        return switch (outcome) {
            case UPLOADED -> DistributionOutcome.UPLOADED;
            case SKIPPED_IDENTICAL -> DistributionOutcome.SKIPPED_IDENTICAL;
            case FAILED -> DistributionOutcome.FAILED;
            case NOT_ATTEMPTED -> DistributionOutcome.NOT_ATTEMPTED;
        };
    }
}
