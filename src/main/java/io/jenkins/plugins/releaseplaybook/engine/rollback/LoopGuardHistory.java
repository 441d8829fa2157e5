package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Reads a job's earlier builds for the {@link LoopGuard}, newest first, and only as far as the guard needs: reading
 * stops at the first build that ends the count (a release that did not roll back, or one with an acknowledgement) or
 * after {@code limit} builds, so a job with a long history costs a few report files, never its logs. A build whose
 * report is missing or cannot be read is a build without a release: passed over, and counted in
 * {@link Read#unreadable()} so that the caller can say so.
 */
public final class LoopGuardHistory {
    /** How many earlier builds are read at most: beyond that, a loop of rollbacks has been noticed long ago. */
    public static final int DEFAULT_LIMIT = 50;

    private LoopGuardHistory() {}

    /** A build's report, read on demand; {@code null} when the build has none. */
    @FunctionalInterface
    public interface ReportSource {
        ReleaseReport read() throws IOException;
    }

    /** An earlier build and how to read its report. */
    public record PastBuild(BuildRef build, ReportSource report) {
        public PastBuild {
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * What was read.
     *
     * @param entries the builds read, newest first, for {@link LoopGuard#decide}
     * @param unreadable the builds among them whose report could not be read
     */
    public record Read(List<LoopGuard.Entry> entries, List<BuildRef> unreadable) {
        public Read {
            entries = List.copyOf(entries);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * Reads {@code newestFirst} (the builds before the current one) until the count ends or {@code limit} builds
     * were read.
     */
    public static Read read(Iterator<PastBuild> newestFirst, int limit) {
        List<LoopGuard.Entry> entries = new ArrayList<>();
        List<BuildRef> unreadable = new ArrayList<>();
        while (entries.size() < limit && newestFirst.hasNext()) {
            PastBuild past = newestFirst.next();
            ReleaseReport report;
            try {
                report = past.report().read();
            } catch (IOException | RuntimeException e) {
                report = null; // a damaged report is no evidence of a rollback; the caller logs it
                unreadable.add(past.build());
            }
            LoopGuard.Entry entry = LoopGuard.entry(past.build(), report);
            entries.add(entry);
            if (endsCount(entry)) {
                break;
            }
        }
        return new Read(entries, unreadable);
    }

    /** Whether no build older than this one can count (the same rule as {@link LoopGuard#consecutive}). */
    static boolean endsCount(LoopGuard.Entry entry) {
        return entry.release() && !entry.drill() && (entry.acknowledgement() != null || entry.rolledBackAt() == null);
    }
}
