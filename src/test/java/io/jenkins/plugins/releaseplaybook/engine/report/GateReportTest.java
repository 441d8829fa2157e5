package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Test;

/** The gate and policy records (schema 5): JSON both ways, older reports, and the checklist section of the page. */
public class GateReportTest {
    private static ReleaseReport read(String json) throws ReportException {
        return ReleaseReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }

    @Test
    public void gatesPolicyAndItemsRoundTripThroughJson() throws ReportException {
        ReleaseReport report = SampleReports.rolledBackRelease();

        ReleaseReport read = read(new String(ReleaseReportJson.toBytes(report), StandardCharsets.UTF_8));

        assertThat(read.schemaVersion()).isEqualTo(5);
        assertThat(read.policy()).isEqualTo(report.policy());
        assertThat(read.gates()).isEqualTo(report.gates()).hasSize(1);
        assertThat(read.checklist()).isEqualTo(report.checklist());
        ChecklistItem claim = read.checklist().get(3);
        assertThat(claim.claim()).isTrue();
        assertThat(claim.status()).isEqualTo(ChecklistStatus.SATISFIED);
        assertThat(claim.name().key()).isEqualTo("policy.item.custom");
        assertThat(read.checklist().get(4).missing()).isTrue();
    }

    @Test
    public void aChecklistOfSchemaFourReadsWithItsStatusDerived() throws ReportException {
        ReleaseReport read = read("{\"schemaVersion\":4,\"checklist\":["
                + "{\"item\":\"plan declared\",\"required\":true,\"satisfied\":true,\"detail\":\"risk high\"},"
                + "{\"item\":\"backup verified\",\"required\":true,\"satisfied\":false,\"detail\":null},"
                + "{\"item\":\"silences\",\"required\":false,\"satisfied\":false}]}");

        assertThat(read.checklist()).extracting(ChecklistItem::status).containsExactly(ChecklistStatus.SATISFIED,
                ChecklistStatus.MISSING, ChecklistStatus.NOT_REQUIRED);
        assertThat(read.checklist()).allSatisfy(i -> {
            assertThat(i.claim()).isFalse();
            assertThat(i.id()).isNull();
            assertThat(i.evidence()).isNull();
        });
        assertThat(read.policy()).isNull();
        assertThat(read.gates()).isEmpty();

        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(read));
        assertThat(page.select("table.rp-checklist tbody tr").get(0).text()).contains("plan declared")
                .contains("satisfied").contains("risk high");
        assertThat(page.select("table.rp-checklist .rp-badge.rp-missing")).hasSize(1);
    }

    @Test
    public void theSectionShowsTheVerdictTheClaimsTheItemsAndThePolicy() {
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease()));

        assertThat(page.select(".rp-gate .rp-badge.rp-fail").text()).isEqualTo("gate failed");
        assertThat(page.select(".rp-gate").text()).contains("risk high");
        assertThat(page.select(".rp-section-checklist").text())
                .contains("The job confirmed (its claim, not checked by the plugin):").contains("load test passed");
        assertThat(page.select("table.rp-checklist tbody tr")).hasSize(5);
        assertThat(page.select("table.rp-checklist tbody tr").get(4).text()).contains("Alert silences active")
                .contains("missing").contains("silences 5c7e0a4e-1d2b: none active now")
                .contains("Call releaseGate inside silenceAlerts { ... }");
        assertThat(page.select("table.rp-checklist tbody tr").get(3).text()).contains("(the job's claim)");
        assertThat(page.select("table.rp-policy tbody tr")).hasSize(2);
        assertThat(page.select("table.rp-policy tbody tr").get(1).text()).contains("high").contains("(applied)")
                .contains("Backup verified").contains("Passing drill within 30 days").contains("load test passed");
        assertThat(page.select(".rp-policy-facts").text()).contains("Europe/Berlin").contains("Mon-Fri 09:00-17:00")
                .contains("2026-12-20 to 2027-01-03 freeze");
    }

    @Test
    public void aPolicyStampedWithoutAGateIsShownAlone() {
        ReleaseReport report = ReleaseReport.empty().withPolicy(new PolicyRecord(SampleReports.T0,
                List.of(new PolicyRecord.Level(Risk.MEDIUM, List.of("plan", "changeWindow"), List.of())), 30, "UTC",
                List.of(), List.of()));
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(report));

        assertThat(page.select("section h3").eachText()).containsExactly("Checklist");
        assertThat(page.select(".rp-gate")).isEmpty();
        assertThat(page.select("table.rp-policy").text()).contains("Change window, no freeze")
                .doesNotContain("(applied)");
        assertThat(page.select(".rp-policy-facts").text()).contains("none: every time is inside");
    }

    @Test
    public void theSectionReadsInChinese() {
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease(),
                Locale.SIMPLIFIED_CHINESE));
        assertThat(page.select(".rp-gate .rp-badge").text()).isEqualTo("闸门未通过");
        assertThat(page.select("table.rp-checklist tbody tr").get(4).text()).contains("告警静默已生效").contains("缺失");
        assertThat(page.select("table.rp-policy").text()).contains("备份已校验");
    }
}
