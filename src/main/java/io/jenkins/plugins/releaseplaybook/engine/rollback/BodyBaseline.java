package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.time.Instant;

/**
 * The baseline of a verification inside an {@code autoRollback} body: that release began when the body did, so the
 * baseline window ends at the body's start, whatever release start the spec was made with (the build's first release,
 * or when the plan was made).
 */
public final class BodyBaseline {
    private BodyBaseline() {}

    /**
     * The spec with {@code bodyStart} as its release start; the spec itself when it has no baseline or already
     * starts there. Everything else is kept.
     */
    public static VerificationSpec releasingAt(VerificationSpec spec, Instant bodyStart) {
        if (!spec.hasBaseline() || bodyStart.equals(spec.releaseStart())) {
            return spec;
        }
        return VerificationSpec.builder(spec.name()).checks(spec.checks()).duration(spec.duration())
                .interval(spec.interval()).baseline(bodyStart, spec.baselineWindow()).errorPolicy(spec.errorPolicy())
                .concurrency(spec.concurrency()).build();
    }
}
