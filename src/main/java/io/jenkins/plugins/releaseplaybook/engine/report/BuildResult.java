package io.jenkins.plugins.releaseplaybook.engine.report;

import java.util.Locale;

/** How a build ended, as Jenkins says ({@code hudson.model.Result}), or {@link #RUNNING} while it has no result. */
public enum BuildResult {
    SUCCESS,
    UNSTABLE,
    FAILURE,
    NOT_BUILT,
    ABORTED,
    RUNNING;

    /**
     * The result from Jenkins' name for it ({@code Result.toString()}: {@code SUCCESS}, ...); {@code null} (no result
     * yet) is {@link #RUNNING}. A name this code does not know counts as {@link #FAILURE}: a build whose outcome
     * cannot be read is not a success.
     */
    public static BuildResult of(String jenkinsName) {
        if (jenkinsName == null) {
            return RUNNING;
        }
        try {
            BuildResult result = valueOf(jenkinsName.trim().toUpperCase(Locale.ROOT));
            return result == RUNNING ? FAILURE : result;
        } catch (IllegalArgumentException e) {
            return FAILURE;
        }
    }
}
