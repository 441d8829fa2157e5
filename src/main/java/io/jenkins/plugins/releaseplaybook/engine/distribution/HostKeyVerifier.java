package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decides whether a host key presented by a target is trusted: known hosts first; under trust-on-first-use an
 * unlisted host is accepted once and must present the same key for the rest of the run (retries included).
 * Independent of the SSH library, so the rules are tested on their own. Thread-safe.
 */
public final class HostKeyVerifier {

    /**
     * @param accepted whether to go on
     * @param fingerprint the presented key's {@code SHA256:...} fingerprint
     * @param trustedOnFirstUse accepted because the host was not listed (the fingerprint goes into the report)
     * @param refusal why it was refused, {@code null} when accepted
     */
    public record Decision(boolean accepted, String fingerprint, boolean trustedOnFirstUse, Text refusal) {}

    private final KnownHosts knownHosts;
    private final HostKeyPolicy policy;
    private final ConcurrentMap<String, String> firstSeen = new ConcurrentHashMap<>();

    public HostKeyVerifier(KnownHosts knownHosts, HostKeyPolicy policy) {
        this.knownHosts = Objects.requireNonNull(knownHosts, "knownHosts");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public Decision verify(Target target, byte[] blob) {
        String fingerprint = KnownHosts.fingerprint(blob);
        String type = String.valueOf(KnownHosts.blobType(blob));
        String name = target.knownHostsName();
        switch (knownHosts.check(target, blob)) {
            case KNOWN:
                return new Decision(true, fingerprint, false, null);
            case REVOKED:
                return new Decision(false, fingerprint, false,
                        Text.of("distribution.hostKey.revoked", name, type + " " + fingerprint));
            case MISMATCH:
                return new Decision(false, fingerprint, false, Text.of("distribution.hostKey.mismatch", name,
                        String.join(", ", knownHosts.knownFingerprints(target)), type + " " + fingerprint));
            case UNKNOWN:
            default:
                break;
        }
        if (policy != HostKeyPolicy.TRUST_ON_FIRST_USE) {
            return new Decision(false, fingerprint, false,
                    Text.of("distribution.hostKey.unknown", name, type + " " + fingerprint));
        }
        String encoded = Base64.getEncoder().encodeToString(blob);
        String before = firstSeen.putIfAbsent(name, encoded);
        if (before != null && !before.equals(encoded)) {
            byte[] first = Base64.getDecoder().decode(before);
            return new Decision(false, fingerprint, false, Text.of("distribution.hostKey.changedDuringRun", name,
                    KnownHosts.blobType(first) + " " + KnownHosts.fingerprint(first), type + " " + fingerprint));
        }
        return new Decision(true, fingerprint, true, null);
    }
}
