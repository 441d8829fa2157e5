package io.jenkins.plugins.releaseplaybook.engine.report;

import static io.jenkins.plugins.releaseplaybook.engine.report.HistoryReports.build;
import static io.jenkins.plugins.releaseplaybook.engine.report.HistoryReports.rolledBack;
import static io.jenkins.plugins.releaseplaybook.engine.report.HistoryReports.start;
import static io.jenkins.plugins.releaseplaybook.engine.report.HistoryReports.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Test;

public class ReleaseHistoryHtmlTest {
    private static final String JOB_URL = "/jenkins/job/shop/job/checkout/";
    private final ManualClock clock = new ManualClock(start(200));

    private ReleaseHistory history(List<HistoryEntry> entries) {
        return ReleaseHistory.of(entries, 50, clock);
    }

    private List<HistoryEntry> mixed() {
        return List.of(
                HistoryEntry.of(build(5), BuildResult.SUCCESS, success(5, 300)),
                HistoryEntry.of(build(4), BuildResult.FAILURE, rolledBack(4, 60, 90, false)),
                HistoryEntry.corrupt(build(3), BuildResult.SUCCESS, "broken"),
                HistoryEntry.of(build(2), BuildResult.SUCCESS, rolledBack(2, 30, 20, true)),
                HistoryEntry.missing(build(1), BuildResult.SUCCESS));
    }

    @Test
    public void showsTheKpisTheTrendAndEachReleaseWithALinkToItsReport() {
        Document page = Jsoup.parse(ReleaseHistoryHtml.renderFragment(history(mixed()), Locale.ROOT, JOB_URL));

        assertThat(page.select(".rp-kpi-success-rate dd").first().text()).isEqualTo("50%");
        assertThat(page.select(".rp-kpi-rollback-rate dd").first().text()).isEqualTo("50%");
        assertThat(page.select(".rp-kpi-change-failure-rate dd").first().text()).isEqualTo("50%");
        assertThat(page.select(".rp-kpi-drill-pass-rate dd").first().text()).isEqualTo("100%");
        assertThat(page.select(".rp-kpi-mttr dd").first().text()).isEqualTo("1 min 30 s");
        assertThat(page.select(".rp-history-skipped").text()).contains("1 without a report", "1 with an unreadable report");
        assertThat(page.select("svg.rp-trend rect.rp-trend-bar")).hasSize(3);
        assertThat(page.select("svg.rp-trend circle.rp-ttd")).hasSize(2);
        assertThat(page.select("svg.rp-trend rect.rp-trend-bar").first().hasClass("rp-v-drill-passed"))
                .as("oldest first").isTrue();
        List<String> links = page.select(".rp-history-releases a").eachAttr("href");
        assertThat(links).containsExactly(JOB_URL + "5/release-report/", JOB_URL + "4/release-report/",
                JOB_URL + "2/release-report/");
        assertThat(page.select(".rp-history-releases .rp-badge").eachText())
                .containsExactly("succeeded", "rolled back", "drill passed");
    }

    @Test
    public void emptyHistorySaysSoWithoutTrendOrTable() {
        Document page = Jsoup.parse(ReleaseHistoryHtml.renderFragment(history(List.of()), Locale.ROOT, JOB_URL));

        assertThat(page.select(".rp-history-none").text()).isEqualTo("No release among the last 0 builds.");
        assertThat(page.select("svg, table")).isEmpty();
        assertThat(page.select(".rp-kpi-success-rate dd").first().text()).isEqualTo("—");
    }

    @Test
    public void speaksChinese() {
        Document page = Jsoup.parse(ReleaseHistoryHtml.renderFragment(history(mixed()), Locale.SIMPLIFIED_CHINESE,
                JOB_URL));

        assertThat(page.select(".rp-history").attr("lang")).isEqualTo("zh-CN");
        assertThat(page.text()).contains("发布成功率", "变更失败率", "已回滚", "演练通过");
    }

    @Test
    public void hostileValuesStayTextAndOnlySafeJobUrlsLink() {
        String payload = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
        ReleaseReport hostile = ReleaseReport.empty().withHeader(new ReleaseHeader("svc" + payload, "1" + payload,
                Risk.HIGH, List.of(payload), List.of(payload), false, new BuildRef("j" + payload, 9, "javascript:x"),
                start(9))).withStage(HistoryReports.stage("r", StageKind.RELEASE, start(9), 0, 10, StageStatus.SUCCESS));
        for (String jobUrl : new String[] {JOB_URL, "https://ci.example.com/job/x/", "javascript:alert(1)//",
                "//evil.example/", "data:text/html,x", null}) {
            Document page = Jsoup.parse(ReleaseHistoryHtml.renderFragment(history(List.of(
                    HistoryEntry.of(build(9), BuildResult.SUCCESS, hostile))), Locale.ROOT, jobUrl));

            assertThat(page.select("script, img, iframe, object, embed, form, style, link")).isEmpty();
            assertThat(page.text()).contains("svc" + payload);
            for (Element element : page.getAllElements()) {
                for (Attribute attribute : element.attributes()) {
                    assertThat(attribute.getKey()).doesNotStartWith("on");
                    if (attribute.getKey().equals("href")) {
                        assertThat(attribute.getValue()).matches("(/jenkins|https://ci\\.example\\.com)/job/.*");
                    }
                }
            }
        }
        assertThat(ReleaseHistoryHtml.linkBase("/jenkins/job/x")).isEqualTo("/jenkins/job/x/");
        assertThat(ReleaseHistoryHtml.linkBase("https://user:pw@ci.example.com/job/x/"))
                .isEqualTo("https://ci.example.com/job/x/");
    }

    @Test
    public void stylesheetCoversTheClassesTheRendererUses() {
        String css = ReleaseHistoryHtml.stylesheet();
        Document page = Jsoup.parse(ReleaseHistoryHtml.renderFragment(history(mixed()), Locale.ROOT, JOB_URL));
        for (Element element : page.select("[class]")) {
            for (String cssClass : element.classNames()) {
                boolean hook = cssClass.startsWith("rp-section-") || cssClass.startsWith("rp-kpi-")
                        || cssClass.startsWith("rp-history") || element.is("table") && !cssClass.equals("rp-table");
                if (!hook) {
                    assertThat(css).as("style for ." + cssClass).contains("." + cssClass);
                }
            }
        }
    }

    @Test
    public void aThousandReleasesStayUnderTwoMegabytes() {
        List<HistoryEntry> entries = new ArrayList<>();
        for (int n = 1000; n >= 1; n--) {
            entries.add(n % 7 == 0 ? HistoryEntry.of(build(n), BuildResult.FAILURE, rolledBack(n, 60, 90, false))
                    : HistoryEntry.of(build(n), BuildResult.SUCCESS, success(n, 100 + n)));
        }
        String page = ReleaseHistoryHtml.renderFragment(ReleaseHistory.of(entries, 1000, clock), Locale.ROOT, JOB_URL);

        assertThat(page.getBytes(StandardCharsets.UTF_8).length).isLessThan(2 * 1024 * 1024);
        assertThat(Jsoup.parse(page).select(".rp-history-releases tbody tr")).hasSize(1000);
    }
}
