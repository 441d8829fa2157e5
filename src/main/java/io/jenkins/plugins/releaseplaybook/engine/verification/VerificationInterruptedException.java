package io.jenkins.plugins.releaseplaybook.engine.verification;

/**
 * The verification was stopped (the build was aborted); {@link #partial()} holds what was sampled until
 * then, so the report can still show it.
 */
public class VerificationInterruptedException extends InterruptedException {
    private static final long serialVersionUID = 1L;

    private final transient VerificationResult partial;

    public VerificationInterruptedException(VerificationResult partial) {
        super("Verification '" + partial.name() + "' was stopped after " + partial.rounds() + " rounds");
        this.partial = partial;
    }

    /** The checks as far as they got; their verdicts judge only the samples taken. */
    public VerificationResult partial() {
        return partial;
    }
}
