package io.jenkins.plugins.releaseplaybook.steps;

import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Artifact;
import io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactResult;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionResult;
import io.jenkins.plugins.releaseplaybook.engine.distribution.TargetResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code def d = preDistribute(...)} gets: plain JDK maps and lists (serializable, no engine types), keys in a
 * stable order, absent values left out.
 *
 * <pre>
 * ok, summary, transport, remoteDirectory, succeeded, requiredSuccesses, bytesSent, millis, failedTargets,
 * artifacts: [[name, size, sha256], ...],
 * targets: ['web-1': [status: 'OK'|'FAILED', attempts, millis, hostKeyFingerprint, trustedOnFirstUse, failure,
 *            artifacts: ['app.jar': [outcome: 'UPLOADED'|'SKIPPED_IDENTICAL'|'FAILED'|'NOT_ATTEMPTED', bytes, attempts,
 *                                    millis, verifiedBy, reason]]], ...]
 * </pre>
 */
final class DistributionMaps {
    private DistributionMaps() {}

    static Map<String, Object> of(DistributionResult result, String transport, String remoteDirectory) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ok", result.ok());
        map.put("summary", EngineMessages.text(result.summary()));
        map.put("transport", transport);
        map.put("remoteDirectory", remoteDirectory);
        map.put("succeeded", result.succeeded());
        map.put("requiredSuccesses", result.requiredSuccesses());
        map.put("bytesSent", result.bytesSent());
        map.put("millis", result.millis());
        map.put("failedTargets", new ArrayList<>(result.failedTargets()));
        List<Map<String, Object>> artifacts = new ArrayList<>();
        for (Artifact artifact : result.artifacts()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", artifact.name());
            a.put("size", artifact.size());
            a.put("sha256", artifact.sha256());
            artifacts.add(a);
        }
        map.put("artifacts", artifacts);
        Map<String, Object> targets = new LinkedHashMap<>();
        for (TargetResult target : result.targets()) {
            targets.put(target.target(), target(target));
        }
        map.put("targets", targets);
        return map;
    }

    private static Map<String, Object> target(TargetResult target) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("status", target.ok() ? "OK" : "FAILED");
        t.put("attempts", target.attempts());
        t.put("millis", target.millis());
        putIfPresent(t, "hostKeyFingerprint", target.hostKeyFingerprint());
        t.put("trustedOnFirstUse", target.trustedOnFirstUse());
        if (target.failure() != null) {
            t.put("failure", EngineMessages.text(target.failure()));
        }
        if (target.failureKind() != null) {
            t.put("failureKind", target.failureKind().name());
        }
        Map<String, Object> artifacts = new LinkedHashMap<>();
        for (ArtifactResult artifact : target.artifacts()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("outcome", artifact.outcome().name());
            a.put("bytes", artifact.bytes());
            a.put("attempts", artifact.attempts());
            a.put("millis", artifact.millis());
            putIfPresent(a, "verifiedBy", artifact.verifiedBy());
            if (artifact.reason() != null) {
                a.put("reason", EngineMessages.text(artifact.reason()));
            }
            artifacts.put(artifact.artifact(), a);
        }
        t.put("artifacts", artifacts);
        return t;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
