package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseKpis;
import java.time.Duration;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** The release KPIs in the REST API, in milliseconds; {@code null} where a KPI does not apply. */
@ExportedBean
public class KpisApi {
    private final ReleaseKpis kpis;

    KpisApi(ReleaseKpis kpis) {
        this.kpis = kpis;
    }

    @Exported
    @CheckForNull
    public Long getReleaseDurationMillis() {
        return millis(kpis.releaseDuration());
    }

    @Exported
    @CheckForNull
    public Long getTimeToDetectMillis() {
        return millis(kpis.timeToDetect());
    }

    @Exported
    @CheckForNull
    public Long getTimeToRecoverMillis() {
        return millis(kpis.timeToRecover());
    }

    @CheckForNull
    private static Long millis(@CheckForNull Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
