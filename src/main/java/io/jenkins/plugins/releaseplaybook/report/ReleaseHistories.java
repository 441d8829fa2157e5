package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildResult;
import io.jenkins.plugins.releaseplaybook.engine.report.HistoryEntry;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHistory;
import io.jenkins.plugins.releaseplaybook.engine.report.StoredReports;
import io.jenkins.plugins.releaseplaybook.engine.rollback.LoopGuard;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's recent builds as the Release History and the rollback-loop guard see them, read from the builds' report
 * files through one bounded cache for the whole controller ({@link StoredReports}: a file is read again only when it
 * changed). Walks back from the newest build through at most the given number of builds; never reads a build log.
 */
public final class ReleaseHistories {
    /** How many report files are remembered (about a few KB each): 40 jobs of 50 builds. */
    static final int CACHE_CAPACITY = 2_000;

    private static final StoredReports CACHE = new StoredReports(CACHE_CAPACITY);

    private ReleaseHistories() {}

    /** One build, its result and what its report file held. */
    record Row(BuildRef build, BuildResult result, StoredReports.Loaded loaded) {
        HistoryEntry entry() {
            return loaded.entry(build, result);
        }

        LoopGuard.Entry guardEntry() {
            return LoopGuard.entry(build, loaded.parts());
        }
    }

    /** The job's history over its newest {@code limit} builds ({@link ReleaseHistory#DEFAULT_LIMIT} when 0 or less). */
    @NonNull
    public static ReleaseHistory history(@NonNull Job<?, ?> job, int limit) {
        return history(rows(job, limit, null), limit);
    }

    static ReleaseHistory history(List<Row> rows, int limit) {
        return ReleaseHistory.of(rows.stream().map(Row::entry).toList(), limit, Clock.systemUTC());
    }

    /**
     * What {@link LoopGuard#decide} needs: the job's newest {@code limit} builds, newest first, {@code except} one
     * (the build that asks, which is no earlier release of itself; {@code null} for none).
     */
    @NonNull
    public static List<LoopGuard.Entry> guardEntries(@NonNull Job<?, ?> job, int limit, @CheckForNull Run<?, ?> except) {
        return rows(job, limit, except).stream().map(Row::guardEntry).toList();
    }

    /** The newest {@code limit} builds of the job, newest first. */
    static List<Row> rows(Job<?, ?> job, int limit, @CheckForNull Run<?, ?> except) {
        int bounded = limit <= 0 ? ReleaseHistory.DEFAULT_LIMIT : Math.min(limit, ReleaseHistory.MAX_LIMIT);
        JenkinsFacade jenkins = new JenkinsFacade();
        List<Row> rows = new ArrayList<>();
        for (Run<?, ?> run = job.getLastBuild(); run != null && rows.size() < bounded; run = run.getPreviousBuild()) {
            if (except != null && run.getNumber() == except.getNumber()) {
                continue;
            }
            rows.add(new Row(BuildRefs.of(run, jenkins), result(run), CACHE.load(reportFile(run))));
        }
        return rows;
    }

    /**
     * What {@code run}'s report file holds of its header, timeline and rollbacks, through the same cache: enough for
     * the loop guard and the gate's drill lookup, without binding (and keeping) whole reports of earlier builds.
     */
    @NonNull
    public static StoredReports.Loaded historyParts(@NonNull Run<?, ?> run) {
        return CACHE.load(reportFile(run));
    }

    /** A report of this build was (re)written: read it again next time even if its time and size look the same. */
    static void invalidate(Run<?, ?> run) {
        CACHE.invalidate(reportFile(run));
    }

    private static Path reportFile(Run<?, ?> run) {
        return run.getRootDir().toPath().resolve(ReleaseReportAction.FILE_NAME);
    }

    private static BuildResult result(Run<?, ?> run) {
        Result result = run.getResult();
        // A Pipeline build may carry a result (set by a step) while it still runs: it is not finished before it ends.
        return run.isBuilding() || result == null ? BuildResult.RUNNING : BuildResult.of(result.toString());
    }
}
