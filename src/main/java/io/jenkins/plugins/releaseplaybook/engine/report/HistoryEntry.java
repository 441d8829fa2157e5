package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * One build of a job as the Release History sees it: the build, how it ended, and what its report said (or that it
 * has none, or that the file could not be read).
 *
 * @param summary the report's summary when {@link #report} is {@link Availability#PRESENT}, else {@code null}
 * @param problem why the report could not be read (short, without paths) when {@link Availability#CORRUPT}
 */
public record HistoryEntry(BuildRef build, BuildResult result, Availability report, ReleaseSummary summary,
        String problem) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether the build's report could be used. */
    public enum Availability {
        PRESENT,
        /** The build has no report (it ran no playbook step, or the file was deleted). */
        MISSING,
        /** The report file exists but is not a readable report. */
        CORRUPT
    }

    public HistoryEntry {
        Objects.requireNonNull(build, "build");
        result = result == null ? BuildResult.RUNNING : result;
        Objects.requireNonNull(report, "report");
        if (report == Availability.PRESENT) {
            Objects.requireNonNull(summary, "summary");
        } else {
            summary = null;
        }
        problem = report == Availability.CORRUPT ? Bounds.text(problem) : null;
    }

    public static HistoryEntry of(BuildRef build, BuildResult result, ReleaseReport report) {
        return new HistoryEntry(build, result, Availability.PRESENT, ReleaseSummary.of(report), null);
    }

    public static HistoryEntry of(BuildRef build, BuildResult result, ReleaseSummary summary) {
        return new HistoryEntry(build, result, Availability.PRESENT, summary, null);
    }

    public static HistoryEntry missing(BuildRef build, BuildResult result) {
        return new HistoryEntry(build, result, Availability.MISSING, null, null);
    }

    public static HistoryEntry corrupt(BuildRef build, BuildResult result, String problem) {
        return new HistoryEntry(build, result, Availability.CORRUPT, null, problem);
    }
}
