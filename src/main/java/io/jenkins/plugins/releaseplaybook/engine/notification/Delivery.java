package io.jenkins.plugins.releaseplaybook.engine.notification;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;

/**
 * How one webhook request ended. Safe to log: the target is scheme, host and port only, and the problem never holds
 * the URL's path or query, a header or the body.
 *
 * @param attempts how many times it was sent (0 when dropped)
 * @param status the last HTTP status, 0 when there was no answer
 * @param reason what went wrong, in any language; {@code null} when delivered
 */
public record Delivery(String target, String template, String event, Outcome outcome, int attempts, int status,
        Text reason) {
    public enum Outcome {
        /** The receiver answered 2xx (and, for the chat services, reported no error code in its answer). */
        DELIVERED,
        /** The receiver refused it in a way a retry cannot fix: a 4xx, or a chat service's error code. */
        REFUSED,
        /** No attempt worked (no connection, timeouts, 5xx, 408, 429) within the retries. */
        GAVE_UP,
        /** Never sent: the queue was full or the sender closed. */
        DROPPED
    }

    /** What went wrong in English (for the Jenkins log); {@code null} when delivered. */
    public String problem() {
        return reason == null ? null : reason.english();
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }
}
