package io.jenkins.plugins.releaseplaybook.engine.verification;

/** How one sample compared with its threshold. */
public enum SampleOutcome {
    PASS,
    FAIL,
    NODATA,
    ERROR
}
