package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class ReleaseSummaryJsonTest {
    private static ReleaseSummary read(String json) throws ReportException {
        return ReleaseSummaryJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "r.json");
    }

    private static ReleaseSummary read(ReleaseReport report) throws ReportException {
        return ReleaseSummaryJson.read(new ByteArrayInputStream(ReleaseReportJson.toBytes(report)), "r.json");
    }

    @Test
    public void theSummaryOfTheSkimmedJsonEqualsTheSummaryOfTheWholeReport() throws Exception {
        for (ReleaseReport report : new ReleaseReport[] {SampleReports.rolledBackRelease(),
                HistoryReports.success(3, 300), HistoryReports.rolledBack(4, 60, -20, true), HistoryReports.gateFailed(5),
                ReleaseReport.empty()}) {
            assertThat(read(report)).isEqualTo(ReleaseSummary.of(report));
        }
    }

    @Test
    public void theHistoryPartsKeepHeaderTimelineAndRollbacksOnly() throws Exception {
        ReleaseReport report = SampleReports.rolledBackRelease();
        ReleaseReport parts = ReleaseSummaryJson.readHistoryParts(
                new ByteArrayInputStream(ReleaseReportJson.toBytes(report)), "r.json");

        assertThat(parts.header()).isEqualTo(report.header());
        assertThat(parts.timeline()).isEqualTo(report.timeline());
        assertThat(parts.rollbacks()).isEqualTo(report.rollbacks());
        assertThat(parts.schemaVersion()).isEqualTo(report.schemaVersion());
        assertThat(parts.verifications()).isEmpty();
        assertThat(parts.distributions()).isEmpty();
    }

    @Test
    public void unknownFieldsAndNullsAreFine() throws Exception {
        ReleaseSummary summary = read("{\"schemaVersion\": 99, \"future\": {\"x\": [1, {\"y\": null}]}, \"header\": null,"
                + " \"timeline\": null, \"rollbacks\": []}");

        assertThat(summary.planned()).isFalse();
    }

    @Test
    public void damagedFilesAreRefused() {
        byte[] whole = ReleaseReportJson.toBytes(HistoryReports.success(3, 300));
        String truncated = new String(whole, 0, whole.length / 2, StandardCharsets.UTF_8);
        for (String json : new String[] {"", "null", "[]", "{\"header\": {\"service\": ", truncated, "{} {}",
                "{\"timeline\": [{\"id\": \"x\"}]}", "{\"verifications\": [1, 2,]}"}) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(ReportException.class)
                    .hasMessageContaining("r.json")
                    .satisfies(e -> assertThat(((ReportException) e).kind()).isEqualTo(ReportException.Kind.UNREADABLE));
        }
    }
}
