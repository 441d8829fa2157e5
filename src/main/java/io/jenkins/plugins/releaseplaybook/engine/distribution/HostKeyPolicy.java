package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How SSH host keys are trusted. A key that differs from a known one is refused under every policy. */
public enum HostKeyPolicy {
    /** Only hosts listed in the admin's known-hosts text (the default). */
    KNOWN_HOSTS,
    /** Listed hosts are checked; an unlisted host is accepted and its fingerprint recorded in the result. */
    TRUST_ON_FIRST_USE;

    /** {@code knownHosts}, {@code KNOWN_HOSTS}, {@code trustOnFirstUse}, {@code trust-on-first-use} ... */
    public static HostKeyPolicy of(String text) throws DistributionException {
        String normalized = text == null ? "" : text.strip().replaceAll("[-_\\s]", "").toLowerCase(Locale.ROOT);
        for (HostKeyPolicy policy : values()) {
            if (policy.name().replace("_", "").toLowerCase(Locale.ROOT).equals(normalized)) {
                return policy;
            }
        }
        throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.hostKeyPolicy.unknown", text,
                Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
