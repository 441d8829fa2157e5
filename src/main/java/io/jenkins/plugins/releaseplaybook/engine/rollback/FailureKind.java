package io.jenkins.plugins.releaseplaybook.engine.rollback;

/** What ended the body of {@code autoRollback} badly; the plugin maps the body's Throwable to one of these. */
public enum FailureKind {
    /** A step of the body failed (a non-zero {@code sh}, an {@code error}, a failed deploy). */
    BODY_FAILED,
    /** A {@code verifyStability} in the body ended FAIL. */
    VERIFICATION_FAILED,
    /** A {@code verifyStability} in the body ended ERROR (fail closed: counted as a failure). */
    VERIFICATION_ERROR,
    /** Someone aborted the build: rolls back only with {@code onAbort: true}. */
    USER_ABORT,
    /** A {@code timeout} block ended the body (a {@code FlowInterruptedException} with a timeout cause): a failure. */
    TIMEOUT,
    /** Anything else (an unexpected exception): a failure. */
    OTHER
}
