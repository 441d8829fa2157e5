package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Test;

/** The emergency plan and the loop-guard acknowledgement in the report header: escaped, links only where safe. */
public class EmergencyPlanHtmlTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "'><svg onload=alert(3)>",
            "<a href=\"javascript:alert(4)\">x</a>",
            "javascript:alert(5)",
            "]]><!--<script>alert(7)</script>-->");

    private static ReleaseReport report(EmergencyPlan plan) {
        return ReleaseReport.empty().withHeader(new ReleaseHeader("checkout", "1.4.2", Risk.HIGH, List.of(), List.of(),
                false, new BuildRef("checkout", 42, "https://ci.example.com/job/checkout/42/"), NOW, plan));
    }

    private static EmergencyPlan.Contact contact(String phone, String mail) {
        return new EmergencyPlan.Contact("Li Lei", "DBA", phone, mail, "@li");
    }

    private static Document page(EmergencyPlan plan) {
        return Jsoup.parse(ReleaseReportHtml.renderFragment(report(plan)));
    }

    @Test
    public void showsContactsAsATableAndTheRestAsLists() {
        Document page = page(new EmergencyPlan(
                List.of(contact("+86 10 1234 5678", "li@example.com"), new EmergencyPlan.Contact("Han", null, null, null,
                        "@han")),
                List.of("error ratio above 2%", "p99 above 800ms"), "1. stop\n2. roll back", List.of("#release")));

        Element emergency = page.selectFirst(".rp-header .rp-emergency");
        assertThat(emergency).isNotNull();
        assertThat(emergency.select("h3").text()).isEqualTo("Emergency plan");
        assertThat(emergency.select("h4").eachText()).containsExactly("Contacts", "Triggers", "Rollback plan", "Notify");
        assertThat(emergency.select("table.rp-contacts th").eachText()).containsExactly("Name", "Role", "Phone", "Mail",
                "IM");
        assertThat(emergency.select("table.rp-contacts tbody tr")).hasSize(2);
        assertThat(emergency.select("table.rp-contacts tbody tr").get(0).select("td").eachText())
                .containsExactly("Li Lei", "DBA", "+86 10 1234 5678", "li@example.com", "@li");
        assertThat(emergency.select("table.rp-contacts tbody tr").get(1).select("td").eachText())
                .containsExactly("Han", "—", "—", "—", "@han");
        assertThat(emergency.select("ul li").eachText())
                .containsExactly("error ratio above 2%", "p99 above 800ms", "#release");
        assertThat(emergency.select(".rp-rollback-plan").first().wholeText()).isEqualTo("1. stop\n2. roll back");
        assertThat(emergency.select("a").eachAttr("href")).containsExactly("tel:+861012345678", "mailto:li@example.com");
    }

    @Test
    public void nothingDeclaredShowsNoBlock() {
        assertThat(page(EmergencyPlan.NONE).select(".rp-emergency")).isEmpty();
    }

    @Test
    public void onlyPlainAddressesAndDialableNumbersBecomeLinks() {
        for (String mail : List.of("Li Lei <li@example.com>", "li@example.com?cc=all@example.com", "javascript:alert(1)",
                "li@example", "li @example.com", "mailto:li@example.com")) {
            assertThat(page(new EmergencyPlan(List.of(contact(null, mail)), List.of(), null, List.of()))
                    .select(".rp-emergency a")).as(mail).isEmpty();
        }
        for (String phone : List.of("+86 (10) 1234", "call 5678", "12", "tel:12345", "+", "1234;ext=5", "１２３４５")) {
            assertThat(page(new EmergencyPlan(List.of(contact(phone, null)), List.of(), null, List.of()))
                    .select(".rp-emergency a")).as(phone).isEmpty();
        }
        assertThat(page(new EmergencyPlan(List.of(contact("110", "a.b+c@mail.example.co")), List.of(), null, List.of()))
                .select(".rp-emergency a").eachAttr("href")).containsExactly("tel:110", "mailto:a.b+c@mail.example.co");
    }

    @Test
    public void hostileValuesStayText() {
        for (String payload : HOSTILE) {
            Document page = page(new EmergencyPlan(
                    List.of(new EmergencyPlan.Contact(payload, payload, payload, payload, payload)),
                    List.of(payload), payload, List.of(payload)));

            assertThat(page.select("script, img, svg[onload], iframe")).as(payload).isEmpty();
            assertThat(page.select(".rp-emergency a")).as(payload).isEmpty();
            for (Element element : page.getAllElements()) {
                for (Attribute attribute : element.attributes()) {
                    assertThat(attribute.getKey()).as(payload).doesNotStartWith("on");
                }
            }
            assertThat(page.select(".rp-contacts td").first().text()).isEqualTo(payload);
            assertThat(page.select(".rp-rollback-plan").text()).isEqualTo(payload);
        }
    }

    @Test
    public void theAcknowledgementIsAFactOfTheHeader() {
        ReleaseReport report = report(EmergencyPlan.NONE);
        report = report.withHeader(report.header().withAcknowledgement(
                new RollbackRecord.Acknowledgement("alice <b>", NOW, "acknowledgeRollbacks")));

        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(report));

        assertThat(page.select(".rp-facts dt").eachText()).contains("Rolled-back releases acknowledged");
        assertThat(page.select(".rp-facts dd").eachText()).contains("by alice <b> at 2026-11-25 10:00:00 UTC via the"
                + " build parameter acknowledgeRollbacks: true");
        assertThat(page.select(".rp-facts b")).isEmpty();
    }

    @Test
    public void readsInChinese() {
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(report(new EmergencyPlan(
                List.of(contact("110", null)), List.of("x"), "y", List.of("z"))), Locale.SIMPLIFIED_CHINESE));

        assertThat(page.select(".rp-emergency h3").text()).isEqualTo("\u5e94\u6025\u9884\u6848");
        assertThat(page.select(".rp-emergency th").first().text()).isEqualTo("\u59d3\u540d");
    }
}
