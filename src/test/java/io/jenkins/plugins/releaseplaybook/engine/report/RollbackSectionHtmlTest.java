package io.jenkins.plugins.releaseplaybook.engine.report;

import static io.jenkins.plugins.releaseplaybook.engine.report.SampleReports.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.Test;

/** The rollback section of the report page: trigger, actions, accounting, drill and acknowledgement. */
public class RollbackSectionHtmlTest {
    private static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "'><svg onload=alert(3)>",
            "<a href=\"javascript:alert(4)\">x</a>",
            "{0}{1}'quoted' ${7*7}<b onmouseover=alert(6)>",
            "]]><!--<script>alert(7)</script>-->");

    private static RollbackRecord record(UnaryOperator<String> text, boolean recovered, boolean drill) {
        return new RollbackRecord(text.apply("verifyStability failed: p99 latency"), T0.plusSeconds(520),
                T0.plusSeconds(610), List.of(
                        new RollbackRecord.Action(text.apply("restoreBackup app-config"), StageStatus.SUCCESS,
                                text.apply("restored 2 paths"), text.apply("restoreBackup"), Duration.ofSeconds(40)),
                        new RollbackRecord.Action(text.apply("./deploy.sh --previous"), StageStatus.FAILURE,
                                text.apply("exit code 3"), text.apply("command"), Duration.ofMillis(12_500))),
                recovered ? StageStatus.SUCCESS : StageStatus.FAILURE, T0.plusSeconds(150), T0.plusSeconds(520),
                recovered ? T0.plusSeconds(730) : null, Duration.ofSeconds(370),
                recovered ? Duration.ofSeconds(210) : null, recovered,
                text.apply(recovered ? "PASS: all 2 checks passed" : "FAIL: p99 latency"), drill,
                new RollbackRecord.Acknowledgement(text.apply("alice"), T0.plusSeconds(900), text.apply("page")));
    }

    private static Element section(RollbackRecord record, Locale locale) {
        String html = ReleaseReportHtml.renderFragment(ReleaseReport.empty().withRollback(record), locale);
        Elements sections = Jsoup.parse(html).select("section.rp-section-rollbacks");
        assertThat(sections).hasSize(1);
        return sections.first();
    }

    private static String fact(Element section, String name) {
        for (Element fact : section.select(".rp-rollback-facts > div")) {
            if (fact.selectFirst("dt").text().equals(name)) {
                return fact.selectFirst("dd").text();
            }
        }
        throw new AssertionError("no fact " + name + " in " + section.select(".rp-rollback-facts").text());
    }

    @Test
    public void aRecoveredDrillShowsItsActionsAccountingAndAcknowledgement() {
        Element section = section(record(UnaryOperator.identity(), true, true), Locale.ROOT);

        assertThat(section.select("p .rp-badge").eachText()).containsExactly("SUCCESS", "DRILL");
        assertThat(section.selectFirst(".rp-drill")).isNotNull();
        assertThat(section.selectFirst("p").text()).contains("Trigger: verifyStability failed: p99 latency");
        assertThat(section.select("table.rp-actions th").eachText())
                .containsExactly("Action", "Kind", "Status", "Duration", "Message");
        Elements rows = section.select("table.rp-actions tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).select("td").eachText()).containsExactly("restoreBackup app-config", "restoreBackup",
                "SUCCESS", Durations.forPeople(Duration.ofSeconds(40), Locale.ROOT), "restored 2 paths");
        assertThat(rows.get(1).select("td").eachText()).containsExactly("./deploy.sh --previous", "command",
                "FAILURE", Durations.forPeople(Duration.ofMillis(12_500), Locale.ROOT), "exit code 3");
        assertThat(rows.get(1).select("code").text()).isEqualTo("command");
        assertThat(fact(section, "Time to detect")).isEqualTo(Durations.forPeople(Duration.ofSeconds(370), Locale.ROOT));
        assertThat(fact(section, "Time to recover")).isEqualTo(Durations.forPeople(Duration.ofSeconds(210), Locale.ROOT));
        assertThat(fact(section, "Re-verification")).isEqualTo("recovery confirmed PASS: all 2 checks passed");
        assertThat(fact(section, "Acknowledged"))
                .isEqualTo("by alice at " + Html.time(T0.plusSeconds(900)) + " via the Release History page");
    }

    @Test
    public void aRollbackThatDidNotRecoverSaysSoAndIsNoDrill() {
        Element section = section(record(UnaryOperator.identity(), false, false), Locale.ROOT);

        assertThat(section.select("p .rp-badge").eachText()).containsExactly("FAILURE");
        assertThat(section.select(".rp-drill")).isEmpty();
        assertThat(fact(section, "Time to recover")).isEqualTo("not recovered");
        assertThat(section.select(".rp-rollback-facts .rp-failure").text()).isEqualTo("not recovered");
        assertThat(fact(section, "Re-verification")).isEqualTo("recovery not confirmed FAIL: p99 latency");
    }

    @Test
    public void anAcknowledgementFromABuildParameterAndAnUnknownPlaceReadAsRecorded() {
        RollbackRecord base = record(UnaryOperator.identity(), true, false);
        RollbackRecord byParameter = base.acknowledged(
                new RollbackRecord.Acknowledgement("bob", T0.plusSeconds(900), "acknowledgeRollbacks"));
        RollbackRecord elsewhere = base.acknowledged(
                new RollbackRecord.Acknowledgement("bob", T0.plusSeconds(900), "cli"));

        assertThat(fact(section(byParameter, Locale.ROOT), "Acknowledged")).endsWith("via the build parameter acknowledgeRollbacks: true");
        assertThat(fact(section(elsewhere, Locale.ROOT), "Acknowledged")).endsWith("via cli");
    }

    @Test
    public void theSectionReadsChinese() {
        Element section = section(record(UnaryOperator.identity(), true, true), Locale.SIMPLIFIED_CHINESE);

        assertThat(section.select("table.rp-actions th").eachText()).contains("\u7c7b\u578b", "\u7528\u65f6");
        assertThat(fact(section, "\u53d1\u73b0\u7528\u65f6"))
                .isEqualTo(Durations.forPeople(Duration.ofSeconds(370), Locale.SIMPLIFIED_CHINESE));
        assertThat(fact(section, "\u590d\u9a8c")).startsWith("\u5df2\u786e\u8ba4\u6062\u590d");
        assertThat(fact(section, "\u5df2\u786e\u8ba4")).contains("alice").contains("\u53d1\u5e03\u5386\u53f2\u9875\u9762");
    }

    @Test
    public void anOlderReportWithoutTheNewFieldsShowsTriggerAndActionsOnly() throws Exception {
        String json = "{\"schemaVersion\":3,\"rollbacks\":[{\"trigger\":\"sh failed\",\"start\":\"2026-11-25T12:00:00Z\","
                + "\"end\":\"2026-11-25T12:01:00Z\",\"actions\":[{\"name\":\"./deploy.sh --previous\","
                + "\"status\":\"SUCCESS\",\"message\":null}],\"outcome\":\"SUCCESS\"}]}";
        ReleaseReport old = ReleaseReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "old.json");

        Element section = section(old.rollbacks().get(0), Locale.ROOT);

        assertThat(section.select(".rp-rollback-facts")).isEmpty();
        assertThat(section.select(".rp-drill")).isEmpty();
        assertThat(section.selectFirst("p").text()).contains("Trigger: sh failed");
        assertThat(section.select("table.rp-actions tbody tr td").eachText())
                .containsExactly("./deploy.sh --previous", "—", "SUCCESS", "—", "—");
    }

    @Test
    public void hostileValuesInEveryFieldStayText() {
        for (String payload : HOSTILE) {
            Element section = section(record(s -> s + payload, true, true), Locale.ROOT);

            assertThat(section.select("script, iframe, img, svg, a, b, style")).as(payload).isEmpty();
            for (Element element : section.getAllElements()) {
                for (Attribute attribute : element.attributes()) {
                    assertThat(attribute.getKey()).as(payload).doesNotStartWith("on");
                }
            }
            String text = section.text();
            assertThat(text).as(payload).contains("verifyStability failed: p99 latency" + payload)
                    .contains("restored 2 paths" + payload).contains("restoreBackup" + payload)
                    .contains("PASS: all 2 checks passed" + payload);
            assertThat(fact(section, "Acknowledged")).as(payload)
                    .isEqualTo("by alice" + payload + " at " + Html.time(T0.plusSeconds(900)) + " via page" + payload);
            assertThat(section.select("table.rp-actions code").eachText()).as(payload)
                    .containsExactly("restoreBackup" + payload, "command" + payload);
        }
    }
}
