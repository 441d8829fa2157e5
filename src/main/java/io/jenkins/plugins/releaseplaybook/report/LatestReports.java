package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Job;
import hudson.model.Run;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Finds the newest build of a job that has a Release Report, for the job-level link. Remembers the answer per
 * job (and every report written since), so that showing a job page neither walks nor loads the build history each
 * time; only the first look after a restart walks back, through at most {@link #SCAN_LIMIT} builds.
 */
final class LatestReports {
    /** How many of the newest builds are looked at when nothing is remembered for a job. */
    static final int SCAN_LIMIT = 50;

    /** No build number: build numbers start at 1. */
    private static final int NONE = 0;

    /** Job (by identity, weakly: a deleted or reloaded job drops out) to the newest build number with a report. */
    private static final Map<Job<?, ?>, Integer> NEWEST = Collections.synchronizedMap(new WeakHashMap<>());

    private LatestReports() {}

    /** A report of this build was written (the Release History reads it again). */
    static void written(Run<?, ?> run) {
        NEWEST.merge(run.getParent(), run.getNumber(), Math::max);
        ReleaseHistories.invalidate(run);
    }

    /** The newest build of the job that has a report file, or {@code null}. */
    @CheckForNull
    static Run<?, ?> newest(Job<?, ?> job) {
        Integer known = NEWEST.get(job);
        if (known != null) {
            if (known == NONE) {
                return null;
            }
            Run<?, ?> remembered = job.getBuildByNumber(known);
            if (remembered != null && hasReport(remembered)) {
                return remembered;
            }
        }
        Run<?, ?> found = scan(job);
        int number = found == null ? NONE : found.getNumber();
        // A report written while we looked wins over what we found; what we knew before is replaced.
        NEWEST.compute(job, (j, now) -> now == null || now.equals(known) ? number : Math.max(now, number));
        return found;
    }

    private static Run<?, ?> scan(Job<?, ?> job) {
        Run<?, ?> run = job.getLastBuild();
        for (int looked = 0; run != null && looked < SCAN_LIMIT; looked++, run = run.getPreviousBuild()) {
            if (hasReport(run)) {
                return run;
            }
        }
        return null;
    }

    private static boolean hasReport(Run<?, ?> run) {
        ReleaseReportAction action = run.getAction(ReleaseReportAction.class);
        return action != null && action.hasReport();
    }
}
