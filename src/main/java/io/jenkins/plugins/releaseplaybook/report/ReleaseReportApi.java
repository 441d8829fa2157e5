package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import java.time.Instant;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The Release Report in the Jenkins REST API ({@code .../release-report/api/json}, {@code api/xml}). Times
 * are ISO-8601 strings and durations milliseconds, because Stapler's exporter knows neither {@link Instant}
 * nor {@link java.time.Duration}. The full report, section by section, is the JSON download.
 */
@ExportedBean
public class ReleaseReportApi {
    private final ReleaseReport report;

    public ReleaseReportApi(ReleaseReport report) {
        this.report = report;
    }

    @Exported
    public int getSchemaVersion() {
        return report.schemaVersion();
    }

    /** Whether {@code releasePlan} ran; the header fields below are {@code null} otherwise. */
    @Exported
    public boolean isPlanned() {
        return report.hasHeader();
    }

    @Exported
    @CheckForNull
    public String getService() {
        return header() == null ? null : header().service();
    }

    @Exported
    @CheckForNull
    public String getVersion() {
        return header() == null ? null : header().version();
    }

    @Exported
    @CheckForNull
    public String getRisk() {
        return header() == null ? null : header().risk().label();
    }

    @Exported
    public List<String> getOwners() {
        return header() == null ? List.of() : header().owners();
    }

    @Exported
    public List<String> getScope() {
        return header() == null ? List.of() : header().scope();
    }

    @Exported
    public boolean isDrill() {
        return header() != null && header().drill();
    }

    @Exported
    @CheckForNull
    public String getPlannedAt() {
        return header() == null ? null : iso(header().plannedAt());
    }

    @Exported
    @CheckForNull
    public String getJob() {
        BuildRef build = build();
        return build == null ? null : build.jobFullName();
    }

    @Exported
    @CheckForNull
    public Integer getBuildNumber() {
        BuildRef build = build();
        return build == null ? null : build.number();
    }

    /** The playbook stages in the order they were recorded. */
    @Exported(inline = true)
    public List<StageApi> getTimeline() {
        return report.timeline().stream().map(StageApi::new).toList();
    }

    /** The emergency plan {@code releasePlan} declared; {@code null} when none was. */
    @Exported(inline = true)
    @CheckForNull
    public EmergencyPlanApi getEmergency() {
        return header() == null || header().emergency().isEmpty() ? null : new EmergencyPlanApi(header().emergency());
    }

    @Exported(inline = true)
    public KpisApi getKpis() {
        return new KpisApi(report.kpis());
    }

    @CheckForNull
    private ReleaseHeader header() {
        return report.header();
    }

    @CheckForNull
    private BuildRef build() {
        return header() == null ? null : header().build();
    }

    @CheckForNull
    static String iso(@CheckForNull Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
