package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.releaseplaybook.engine.report.HistoryKpis;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHistory;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseSummary;
import io.jenkins.plugins.releaseplaybook.engine.rollback.LoopGuard;
import java.time.Duration;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The job's Release History in the Jenkins REST API ({@code <job>/release-history/api/json}): the figures of the page.
 * Rates are fractions from 0 to 1, durations milliseconds, times ISO-8601; {@code null} where a figure does not apply
 * (nothing to count). The definitions are {@link HistoryKpis}'.
 */
@ExportedBean
public class ReleaseHistoryApi {
    private final ReleaseHistory history;
    private final LoopGuard.Decision guard;

    ReleaseHistoryApi(ReleaseHistory history, LoopGuard.Decision guard) {
        this.history = history;
        this.guard = guard;
    }

    private HistoryKpis kpis() {
        return history.kpis();
    }

    /** How many of the newest builds the history looks at. */
    @Exported
    public int getLimit() {
        return history.limit();
    }

    /** How many builds it looked at (fewer when the job has fewer). */
    @Exported
    public int getBuildsLooked() {
        return history.looked();
    }

    @Exported
    public int getWithoutReport() {
        return history.missing();
    }

    @Exported
    public int getUnreadableReports() {
        return history.corrupt();
    }

    @Exported
    public int getNotReleases() {
        return history.notReleases();
    }

    @Exported
    public int getRunning() {
        return history.running();
    }

    @Exported
    public int getReleases() {
        return kpis().releases();
    }

    @Exported
    public int getSucceeded() {
        return kpis().succeeded();
    }

    @Exported
    public int getRolledBack() {
        return kpis().rolledBack();
    }

    @Exported
    public int getDeployed() {
        return kpis().deployed();
    }

    @Exported
    public int getChangeFailures() {
        return kpis().changeFailures();
    }

    @Exported
    @CheckForNull
    public Double getSuccessRate() {
        return kpis().successRate();
    }

    @Exported
    @CheckForNull
    public Double getRollbackRate() {
        return kpis().rollbackRate();
    }

    @Exported
    @CheckForNull
    public Double getChangeFailureRate() {
        return kpis().changeFailureRate();
    }

    @Exported
    @CheckForNull
    public Long getMedianDurationMillis() {
        return millis(kpis().medianDuration());
    }

    @Exported
    @CheckForNull
    public Long getP90DurationMillis() {
        return millis(kpis().p90Duration());
    }

    @Exported
    @CheckForNull
    public Long getMeanTimeToDetectMillis() {
        return millis(kpis().meanTimeToDetect());
    }

    @Exported
    @CheckForNull
    public Long getMeanTimeToRecoverMillis() {
        return millis(kpis().meanTimeToRecover());
    }

    @Exported
    public int getDrills() {
        return kpis().drills();
    }

    @Exported
    public int getDrillsPassed() {
        return kpis().drillsPassed();
    }

    @Exported
    @CheckForNull
    public Double getDrillPassRate() {
        return kpis().drillPassRate();
    }

    @Exported
    @CheckForNull
    public Long getDaysSinceLastDrill() {
        return kpis().daysSinceLastDrill();
    }

    @Exported
    @CheckForNull
    public String getLastDrillAt() {
        return ReleaseReportApi.iso(kpis().lastDrillAt());
    }

    @Exported
    @CheckForNull
    public Boolean getLastDrillPassed() {
        return kpis().lastDrillPassed();
    }

    /** The rolled-back releases in a row that the loop guard counts now. */
    @Exported
    public int getConsecutiveRollbacks() {
        return guard.consecutive();
    }

    @Exported
    public int getMaxConsecutiveRollbacks() {
        return guard.max();
    }

    /** Whether the next release would be refused until someone acknowledges. */
    @Exported
    public boolean isAcknowledgementNeeded() {
        return !guard.allowed();
    }

    /** The releases, newest first. */
    @Exported(inline = true)
    public List<Release> getBuilds() {
        return history.releases().stream().map(Release::new).toList();
    }

    @CheckForNull
    static Long millis(@CheckForNull Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    /** One release of the history. */
    @ExportedBean
    public static class Release {
        private final ReleaseHistory.Release release;

        Release(ReleaseHistory.Release release) {
            this.release = release;
        }

        private ReleaseSummary summary() {
            return release.summary();
        }

        @Exported
        public int getNumber() {
            return release.build().number();
        }

        /** The build's URL as its report recorded it (absolute when Jenkins knows its root URL). */
        @Exported
        @CheckForNull
        public String getUrl() {
            return release.build().url();
        }

        /** {@code SUCCESS}, ..., {@code RUNNING}. */
        @Exported
        public String getResult() {
            return release.result().name();
        }

        /** {@code SUCCEEDED}, {@code ROLLED_BACK}, {@code DRILL_PASSED}, ... */
        @Exported
        public String getVerdict() {
            return release.verdict().name();
        }

        @Exported
        @CheckForNull
        public String getService() {
            return summary().service();
        }

        @Exported
        @CheckForNull
        public String getVersion() {
            return summary().version();
        }

        @Exported
        public boolean isDrill() {
            return summary().drill();
        }

        @Exported
        @CheckForNull
        public String getStartedAt() {
            return ReleaseReportApi.iso(summary().startedAt());
        }

        @Exported
        @CheckForNull
        public Long getDurationMillis() {
            return millis(summary().releaseDuration());
        }

        @Exported
        @CheckForNull
        public Long getTimeToDetectMillis() {
            return millis(summary().timeToDetect());
        }

        @Exported
        @CheckForNull
        public Long getTimeToRecoverMillis() {
            return millis(summary().timeToRecover());
        }
    }
}
