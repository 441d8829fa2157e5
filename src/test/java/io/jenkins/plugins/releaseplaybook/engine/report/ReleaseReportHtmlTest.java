package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Test;

public class ReleaseReportHtmlTest {
    /** Payloads that try every way out of text and attribute context we know of. */
    private static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "'><svg onload=alert(3)>",
            "<a href=\"javascript:alert(4)\">x</a>",
            "</title></svg><script>alert(5)</script>",
            "<style>body{display:none}</style><iframe src=\"https://evil.example\"></iframe>",
            "${7*7}{{7*7}}`<b onmouseover=alert(6)>`",
            "]]><!--<script>alert(7)</script>-->",
            "\u0000\u0007<scr\u0000ipt>alert(8)</script>");

    @Test
    public void hostileValuesInEveryFieldStayText() {
        for (String payload : HOSTILE) {
            ReleaseReport report = SampleReports.withEveryField(s -> s + payload, "javascript:alert('build')");
            Document page = Jsoup.parse(ReleaseReportHtml.renderStandalone(report));

            assertNothingActive(page, payload);
            assertThat(page.select(".rp-service").text()).as(payload).startsWith("checkout");
            String visible = payload.replace("\u0000", "").replace("\u0007", "");
            assertThat(page.body().text()).as("the payload is shown literally").contains(visible.strip().substring(0, 6));
        }
    }

    @Test
    public void onlyWebBuildUrlsBecomeLinks() {
        for (String url : List.of("javascript:alert(1)", "data:text/html,<script>x</script>", "vbscript:x",
                "//evil.example/x", "/relative", "JaVaScRiPt:alert(1)", " javascript:alert(1)")) {
            Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(SampleReports.withEveryField(s -> s, url)));
            assertThat(page.select("a")).as(url).isEmpty();
            assertThat(page.text()).contains("shop/checkout/main #42");
        }
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease()));
        assertThat(page.select("a").attr("href")).isEqualTo("https://ci.example.com/job/checkout/42/");
    }

    @Test
    public void showsEverySectionOfAFullReport() {
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease()));

        assertThat(page.select("section h3").eachText()).containsExactly("Timeline", "Checklist", "Backups",
                "Distribution", "Silences", "Verification: checkout", "Rollback");
        assertThat(page.select(".rp-drill").text()).isEqualTo("DRILL");
        assertThat(page.select("svg.rp-timeline rect.rp-bar")).hasSize(7);
        assertThat(page.select("svg.rp-sparkline")).hasSize(2);
        assertThat(page.select("svg.rp-sparkline line.rp-limit")).hasSize(2);
        assertThat(page.select("svg.rp-sparkline rect.rp-band")).as("only the latency check has a baseline").hasSize(1);
        assertThat(page.select("svg.rp-sparkline circle.rp-fail-point")).as("two latency samples failed").hasSize(2);
        assertThat(page.select(".rp-kpi dd").eachText()).containsExactly("13 min 20 s", "7 min", "1 min 30 s");
        assertThat(page.select(".rp-matrix thead th").eachText())
                .containsExactly("Target", "checkout-1.4.2.jar", "checkout-cli.jar");
        assertThat(page.select(".rp-matrix tbody tr")).hasSize(2);
        assertThat(page.text()).contains("no baseline data", "p99 latency 0.82 s, 0.91 s > 0.50 s for 2 consecutive samples");
        assertThat(page.select(".rp-backups td").eachText()).contains("70.0 MiB", "1204");
        assertThat(page.select(".rp-matrix .rp-badge").eachText()).contains("SKIPPED IDENTICAL", "FAILED");
    }

    @Test
    public void aReportWithoutPlanSaysSoAndShowsNoEmptySections() {
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(ReleaseReport.empty()));

        assertThat(page.text()).contains("No release plan was declared");
        assertThat(page.select("section")).isEmpty();
        assertThat(page.select(".rp-kpi dd").eachText()).containsOnly("—");
    }

    @Test
    public void stylesheetCoversTheClassesTheRendererUses() {
        // Section and table names (rp-section-*, rp-stages, ...) are hooks for themes, not styles of their own.
        String css = ReleaseReportHtml.stylesheet();
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease()));
        for (Element element : page.select("[class]")) {
            for (String cssClass : element.classNames()) {
                boolean hook = cssClass.startsWith("rp-section-") || element.is("table") && !cssClass.equals("rp-table");
                if (!hook) {
                    assertThat(css).as("style for ." + cssClass).contains("." + cssClass);
                }
            }
        }
    }

    private static void assertNothingActive(Document page, String payload) {
        assertThat(page.select("script, iframe, object, embed, img, form, base, meta[http-equiv], link"))
                .as("active elements for %s", payload).isEmpty();
        assertThat(page.select("style")).as("only the report's own stylesheet").hasSize(1);
        assertThat(page.select("b, i, u")).as("no markup from the payload").isEmpty();
        for (Element element : page.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue().strip().toLowerCase(Locale.ROOT);
                assertThat(name).as("event handler on <%s> for %s", element.tagName(), payload).doesNotStartWith("on");
                assertThat(value).as("%s on <%s> for %s", name, element.tagName(), payload)
                        .doesNotStartWith("javascript:").doesNotStartWith("data:").doesNotStartWith("vbscript:");
            }
        }
    }
}
