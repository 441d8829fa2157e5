package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.HistoryEntry;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StoredReports;
import io.jenkins.plugins.releaseplaybook.engine.rollback.LoopGuard;
import io.jenkins.plugins.releaseplaybook.engine.rollback.LoopGuardHistory;
import io.jenkins.plugins.releaseplaybook.report.BuildRefs;
import io.jenkins.plugins.releaseplaybook.report.ReleaseHistories;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rollback-loop guard of {@code releasePlan} over a real job: the builds before this one, newest first, each read
 * from its report file through the Release History's cache ({@link ReleaseHistories#historyParts}; never the log), as
 * far as {@link LoopGuardHistory} needs, then {@link LoopGuard#decide}. A build without a report is no release.
 */
final class LoopGuardCheck {
    private static final Logger LOGGER = Logger.getLogger(LoopGuardCheck.class.getName());

    private LoopGuardCheck() {}

    /** What the guard says about {@code run}; {@code max} 0 or less turns it off (nothing is read). */
    static LoopGuard.Decision decide(Run<?, ?> run, int max, boolean acknowledgeNow, JenkinsFacade jenkins) {
        String job = run.getParent().getFullName();
        if (max <= 0) {
            return LoopGuard.decide(job, List.of(), max, acknowledgeNow);
        }
        LoopGuardHistory.Read history = LoopGuardHistory.read(new Earlier(run, jenkins), LoopGuardHistory.DEFAULT_LIMIT);
        if (!history.unreadable().isEmpty()) {
            LOGGER.log(Level.WARNING, "The rollback-loop guard of {0} passed over builds whose Release Report cannot be"
                    + " read (counted as builds without a release): {1}", new Object[] {run.getFullDisplayName(),
                    history.unreadable().stream().map(b -> "#" + b.number()).toList()});
        }
        return LoopGuard.decide(job, history.entries(), max, acknowledgeNow);
    }

    /** The builds before {@code run}, newest first, loaded one at a time as the reader asks. */
    private static final class Earlier implements Iterator<LoopGuardHistory.PastBuild> {
        private final JenkinsFacade jenkins;
        @CheckForNull
        private Run<?, ?> next;

        Earlier(Run<?, ?> run, JenkinsFacade jenkins) {
            this.jenkins = jenkins;
            this.next = run.getPreviousBuild();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public LoopGuardHistory.PastBuild next() {
            Run<?, ?> build = next;
            if (build == null) {
                throw new NoSuchElementException();
            }
            next = build.getPreviousBuild();
            BuildRef ref = BuildRefs.of(build, jenkins);
            return new LoopGuardHistory.PastBuild(ref, () -> report(build));
        }

        /** The header, timeline and rollbacks the guard reads, from the Release History's cache of report files. */
        @CheckForNull
        private static ReleaseReport report(Run<?, ?> build) throws IOException {
            StoredReports.Loaded loaded = ReleaseHistories.historyParts(build);
            if (loaded.availability() == HistoryEntry.Availability.CORRUPT) {
                throw new IOException(loaded.problem());
            }
            return loaded.parts();
        }
    }
}
