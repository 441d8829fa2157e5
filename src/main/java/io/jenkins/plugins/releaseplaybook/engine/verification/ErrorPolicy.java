package io.jenkins.plugins.releaseplaybook.engine.verification;

/**
 * What a check whose queries keep failing (Prometheus unreachable, query errors) means for the release.
 * The default fails closed: a release is not called stable when nobody could look.
 */
public enum ErrorPolicy {
    /** An ERROR check fails the verification like a FAIL, and stops the window early. */
    FAIL_CLOSED,
    /** An ERROR check makes the verification INCONCLUSIVE instead (admins only). */
    INCONCLUSIVE
}
