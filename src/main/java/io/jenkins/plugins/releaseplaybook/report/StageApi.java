package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One timeline stage in the REST API. */
@ExportedBean
public class StageApi {
    private final StageRecord stage;

    StageApi(StageRecord stage) {
        this.stage = stage;
    }

    @Exported
    public String getId() {
        return stage.id();
    }

    /** {@code PLAN}, {@code BACKUP}, ... */
    @Exported
    public String getKind() {
        return stage.kind().name();
    }

    @Exported
    @CheckForNull
    public String getName() {
        return stage.name();
    }

    /** {@code RUNNING}, {@code SUCCESS}, {@code FAILURE}, ... */
    @Exported
    public String getStatus() {
        return stage.status().name();
    }

    @Exported
    public String getStart() {
        return ReleaseReportApi.iso(stage.start());
    }

    @Exported
    @CheckForNull
    public String getEnd() {
        return ReleaseReportApi.iso(stage.end());
    }

    @Exported
    @CheckForNull
    public String getMessage() {
        return stage.message();
    }
}
