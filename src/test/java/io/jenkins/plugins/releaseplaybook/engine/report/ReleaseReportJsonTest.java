package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class ReleaseReportJsonTest {
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    public void everySectionRoundTripsExactly() throws IOException {
        ReleaseReport original = SampleReports.rolledBackRelease();

        byte[] json = ReleaseReportJson.toBytes(original);
        ReleaseReport read = read(json);

        assertThat(read).isEqualTo(original);
        assertThat(ReleaseReportJson.toBytes(read)).isEqualTo(json);
    }

    @Test
    public void writesTheSchemaVersionIsoTimesAndDerivedKpis() throws IOException {
        JsonNode json = plain.readTree(ReleaseReportJson.toBytes(SampleReports.rolledBackRelease()));

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(ReleaseReport.SCHEMA_VERSION);
        assertThat(json.at("/header/plannedAt").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(json.at("/header/risk").asText()).isEqualTo("HIGH");
        assertThat(json.at("/kpis/timeToRecover").asText()).isEqualTo("PT1M30S");
        assertThat(json.at("/timeline/0/kind").asText()).isEqualTo("PLAN");
        assertThat(json.at("/timeline/0").fieldNames()).toIterable()
                .as("only the record's own fields, nothing derived")
                .containsExactly("id", "kind", "name", "start", "end", "status", "message");
        assertThat(json.fieldNames()).toIterable().containsExactly("schemaVersion", "header", "timeline", "backups",
                "distributions", "silences", "verifications", "rollbacks", "checklist", "restores", "distributionRuns",
                "policy", "gates", "kpis");
    }

    @Test
    public void aNewerReportWithUnknownFieldsIsReadAndTheUnknownPartsIgnored() throws IOException {
        ObjectNode json = (ObjectNode) plain.readTree(ReleaseReportJson.toBytes(SampleReports.rolledBackRelease()));
        json.put("schemaVersion", 7);
        json.putObject("canaryAnalysis").put("score", 97);
        ((ObjectNode) json.get("header")).put("team", "payments");
        ((ObjectNode) json.at("/timeline/0")).put("runner", "agent-3");

        ReleaseReport read = read(plain.writeValueAsBytes(json));

        assertThat(read.schemaVersion()).isEqualTo(7);
        assertThat(read.header()).isEqualTo(SampleReports.rolledBackRelease().header());
        assertThat(read.timeline()).isEqualTo(SampleReports.rolledBackRelease().timeline());
    }

    @Test
    public void anOlderReportWithoutSectionsReadsThemAsEmpty() throws IOException {
        ReleaseReport read = read("{\"schemaVersion\":1,\"header\":null}".getBytes(StandardCharsets.UTF_8));

        assertThat(read.timeline()).isEmpty();
        assertThat(read.silences()).isEmpty();
        assertThat(read.hasHeader()).isFalse();
    }

    @Test
    public void truncatedFileIsRefusedWithItsPosition() {
        byte[] json = ReleaseReportJson.toBytes(SampleReports.rolledBackRelease());
        byte[] truncated = java.util.Arrays.copyOf(json, json.length / 2);

        assertThatThrownBy(() -> read(truncated))
                .isInstanceOf(ReportException.class)
                .satisfies(e -> assertThat(((ReportException) e).kind()).isEqualTo(ReportException.Kind.UNREADABLE))
                .hasMessageContaining("/builds/42/release-report.json")
                .hasMessageContaining("is not a valid report")
                .hasMessageMatching("(?s).*\\(line \\d+, column \\d+\\).*");
    }

    @Test
    public void notJsonEmptyAndWrongShapesAreRefused() {
        assertThatThrownBy(() -> read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> read(new byte[0]))
                .isInstanceOf(ReportException.class);
        assertThatThrownBy(() -> read("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("{\"timeline\": {\"a\": 1}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportException.class);
        assertThatThrownBy(() -> read("{\"schemaVersion\":1} {}".getBytes(StandardCharsets.UTF_8)))
                .as("trailing content means the file was garbled").isInstanceOf(ReportException.class);
        assertThatThrownBy(() -> read("{\"header\":{\"risk\":\"EXTREME\"}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportException.class).hasMessageContaining("EXTREME");
    }

    @Test
    public void aStageThatEndsBeforeItStartsIsRefusedNotHalfRead() {
        String json = "{\"schemaVersion\":1,\"timeline\":[{\"id\":\"x\",\"kind\":\"PLAN\",\"name\":\"p\","
                + "\"start\":\"2026-11-25T12:00:00Z\",\"end\":\"2026-11-25T11:00:00Z\",\"status\":\"SUCCESS\"}]}";

        assertThatThrownBy(() -> read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("before it starts");
    }

    private static ReleaseReport read(byte[] json) throws ReportException {
        return ReleaseReportJson.read(new ByteArrayInputStream(json), "/builds/42/release-report.json");
    }
}
