package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.IOException;

/** A stored report that cannot be read: not JSON, truncated, or of the wrong shape. */
public class ReportFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
