package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.util.List;

/**
 * Creating the silences of a step failed part-way. The ones already created were expired again (all or
 * none); {@link #leftBehind()} lists any that could not be, with their end times.
 */
public class SilenceCreationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<SilenceOutcome> leftBehind;

    public SilenceCreationException(String message, Throwable cause, List<SilenceOutcome> leftBehind) {
        super(message, cause);
        this.leftBehind = List.copyOf(leftBehind);
    }

    /** The silences that could not be expired again; empty for an exception that was serialized and restored. */
    public List<SilenceOutcome> leftBehind() {
        return leftBehind == null ? List.of() : leftBehind;
    }
}
