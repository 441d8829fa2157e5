package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import org.junit.Test;

/**
 * Decision trails in the report's JSON (schema 2): the English strings as before, for API readers and older plugins,
 * and beside them the same lines as keys with arguments for the page.
 */
public class TrailLineJsonTest {
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    public void aTrailLineIsWrittenWithItsTextKeyAndArguments() throws IOException {
        JsonNode json = plain.readTree(ReleaseReportJson.toBytes(SampleReports.rolledBackRelease()));

        assertThat(json.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(2); // the trail fields of schema 2 stay
        assertThat(json.at("/verifications/0/checks/0/trail/0").asText()).as("the English trail, as in schema 1")
                .isEqualTo("p99 latency 0.82 s, 0.91 s > 0.50 s for 2 consecutive samples (12:05:10, 12:05:40)");
        assertThat(json.at("/verifications/0/checks/0/threshold").asText())
                .isEqualTo("<= 0.50 s; fails after 2 consecutive failing samples");
        JsonNode line = json.at("/verifications/0/checks/0/trailLines/0");
        assertThat(line.get("text").asText())
                .isEqualTo("p99 latency 0.82 s, 0.91 s > 0.50 s for 2 consecutive samples (12:05:10, 12:05:40)");
        assertThat(line.get("key").asText()).isEqualTo("verification.trail.failRun");
        assertThat(line.get("args").get(0).asText()).isEqualTo("p99 latency");
        JsonNode threshold = json.at("/verifications/0/checks/0/thresholdLine");
        assertThat(threshold.get("text").asText()).isEqualTo("<= 0.50 s; fails after 2 consecutive failing samples");
        assertThat(threshold.at("/args/0/key").asText()).as("nested texts keep their keys")
                .isEqualTo("verification.threshold.absolute");
        JsonNode literal = json.at("/verifications/0/checks/1/trailLines/0");
        assertThat(literal.fieldNames()).toIterable().as("a line without key is its text alone").containsExactly("text");
    }

    @Test
    public void roundTripsAndRendersInEitherLanguageAfterReading() throws IOException {
        ReleaseReport read = ReleaseReportJson.read(new ByteArrayInputStream(
                ReleaseReportJson.toBytes(SampleReports.rolledBackRelease())), "test");

        assertThat(read).isEqualTo(SampleReports.rolledBackRelease());
        CheckRecord latency = read.verifications().get(0).checks().get(0);
        assertThat(latency.trailLines().get(0).message(Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("p99 latency 0.82 s, 0.91 s > 0.50 s，连续 2 个样本（12:05:10, 12:05:40）");
        assertThat(latency.thresholdLine().message(Locale.SIMPLIFIED_CHINESE)).isEqualTo("<= 0.50 s；连续 2 个样本未通过即失败");
    }

    @Test
    public void aSchemaOneReportWithPlainStringTrailsStillReads() throws IOException {
        ObjectNode json = (ObjectNode) plain.readTree(ReleaseReportJson.toBytes(SampleReports.rolledBackRelease()));
        json.put("schemaVersion", 1);
        ObjectNode check = (ObjectNode) json.at("/verifications/0/checks/0");
        check.remove("thresholdLine");
        check.remove("trailLines");
        check.put("threshold", "<= 0.50 s");
        ArrayNode trail = check.putArray("trail");
        trail.add("p99 latency 0.82 s > 0.50 s for 2 consecutive samples");

        ReleaseReport read = ReleaseReportJson.read(new ByteArrayInputStream(plain.writeValueAsBytes(json)), "old");

        CheckRecord latency = read.verifications().get(0).checks().get(0);
        assertThat(latency.threshold()).isEqualTo("<= 0.50 s");
        assertThat(latency.thresholdLine()).isEqualTo(TrailLine.plain("<= 0.50 s"));
        assertThat(latency.trailLines()).containsExactly(TrailLine.plain("p99 latency 0.82 s > 0.50 s for 2 consecutive samples"));
        assertThat(latency.trailLines().get(0).message(Locale.SIMPLIFIED_CHINESE))
                .as("shown as written: it has no key").isEqualTo("p99 latency 0.82 s > 0.50 s for 2 consecutive samples");
    }

    @Test
    public void aKeyThisVersionDoesNotKnowShowsTheEnglishText() throws IOException {
        ObjectNode json = (ObjectNode) plain.readTree(ReleaseReportJson.toBytes(SampleReports.rolledBackRelease()));
        ObjectNode line = (ObjectNode) json.at("/verifications/0/checks/0/trailLines/0");
        line.put("key", "verification.trail.fromANewerPlugin");

        ReleaseReport read = ReleaseReportJson.read(new ByteArrayInputStream(plain.writeValueAsBytes(json)), "newer");

        assertThat(read.verifications().get(0).checks().get(0).trailLines().get(0).message(Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("p99 latency 0.82 s, 0.91 s > 0.50 s for 2 consecutive samples (12:05:10, 12:05:40)");
    }

    @Test
    public void linesThatDisagreeWithTheEnglishTrailYieldToIt() throws IOException {
        ObjectNode json = (ObjectNode) plain.readTree(ReleaseReportJson.toBytes(SampleReports.rolledBackRelease()));
        ((ArrayNode) json.at("/verifications/0/checks/0/trail")).set(0, "edited by hand");

        ReleaseReport read = ReleaseReportJson.read(new ByteArrayInputStream(plain.writeValueAsBytes(json)), "edited");

        assertThat(read.verifications().get(0).checks().get(0).trailLines()).containsExactly(TrailLine.plain("edited by hand"));
    }

    @Test
    public void aTextBecomesALineAndBackUnchanged() {
        Text text = Text.of("verification.trail.noBaseline", "error ratio", Text.of("verification.baseline.noData"),
                Text.of("verification.limit.relative", "20%", Text.of("verification.direction.above")));

        TrailLine line = TrailLine.of(text);

        assertThat(line.text()).isEqualTo("error ratio: no baseline data (no data in the baseline window), so the relative "
                + "limit (at most 20% above baseline) was not evaluated");
        assertThat(line.toText()).isEqualTo(text);
        assertThat(line.message(Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("error ratio：没有基线数据（基线窗口中没有数据），因此未评估相对阈值（相对基线最多高于 20%）");
    }
}
