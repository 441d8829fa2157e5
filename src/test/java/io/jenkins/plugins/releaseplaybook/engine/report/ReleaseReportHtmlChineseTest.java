package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Test;

/** The page as a reader with Accept-Language: zh-CN sees it: the page's own words all Chinese, user input as typed. */
public class ReleaseReportHtmlChineseTest {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    /** Two English words in a row: a sentence or a heading left untranslated. */
    private static final Pattern ENGLISH = Pattern.compile("[A-Za-z]{2,}[ -][A-Za-z]{2,}");

    private final Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease(), ZH));

    @Test
    public void headingsColumnsAndFactsAreChinese() {
        assertThat(page.select(".rp-report").attr("lang")).isEqualTo("zh-CN");
        assertThat(page.select("section h3").eachText()).containsExactly("时间线", "检查清单", "备份", "分发", "告警静默",
                "验证：checkout", "回滚");
        assertThat(page.select(".rp-checks thead th").eachText())
                .containsExactly("检查", "阈值", "观测值", "基线", "结论", "样本", "决策记录");
        assertThat(page.select(".rp-kpi dt").eachText()).containsExactly("发布耗时", "发现用时", "恢复用时");
        assertThat(page.select(".rp-kpi dd").eachText()).containsExactly("13 分钟 20 秒", "7 分钟", "1 分钟 30 秒");
        assertThat(page.select(".rp-header .rp-facts dt").eachText()).containsExactly("负责人", "范围", "构建", "计划时间",
                "已确认连续回滚");
        assertThat(page.select(".rp-header .rp-emergency h4").eachText())
                .containsExactly("联系人", "启动条件", "回滚方案", "通知对象");
        for (Element heading : page.select("h2, h3, th, dt, .rp-badge, .rp-muted, .rp-query-label, svg.rp-timeline > title")) {
            String own = heading.is("th") && heading.closest(".rp-matrix") != null && heading.elementSiblingIndex() > 0
                    ? "" // artifact names head the matrix columns: user input
                    : heading.ownText();
            assertThat(ENGLISH.matcher(own.replace("checkout", "")).find())
                    .as("English in <%s class=%s>: %s", heading.tagName(), heading.className(), own).isFalse();
        }
    }

    @Test
    public void verdictsStatusesThresholdsAndTrailsAreChinese() {
        assertThat(page.select(".rp-checks .rp-badge").eachText()).containsExactly("未通过", "通过");
        assertThat(page.select(".rp-matrix .rp-badge").eachText()).contains("相同，已跳过", "失败");
        assertThat(page.select(".rp-stages tbody tr td:first-child").eachText()).contains("计划", "验证", "回滚");
        List<String> latency = page.select(".rp-check-row").get(0).select("td").eachText();
        assertThat(latency.get(1)).isEqualTo("<= 0.50 s；连续 2 个样本未通过即失败");
        assertThat(page.select(".rp-check-row").get(0).select(".rp-list li").eachText())
                .containsExactly("p99 latency 0.82 s, 0.91 s > 0.50 s，连续 2 个样本（12:05:10, 12:05:40）");
        assertThat(page.select(".rp-check-row").get(1).select(".rp-list li").eachText()).containsExactly(
                "error ratio 0.0025 <= 0.01 (median of 7 samples)", // from a report of schema 1: no key, shown as written
                "error ratio：没有基线数据（基线窗口中没有数据），因此未评估相对阈值（相对基线最多高于 20%）");
        assertThat(page.text()).contains("没有基线数据").doesNotContain("no baseline data", "Decision trail", "Threshold");
    }

    @Test
    public void theQueryHasItsOwnFullWidthRowBelowItsCheck() {
        Element queryRow = page.select(".rp-checks tbody tr").get(1);
        assertThat(queryRow.hasClass("rp-query-row")).isTrue();
        assertThat(queryRow.select("td").attr("colspan")).isEqualTo("7");
        assertThat(queryRow.select("code.rp-query").text())
                .isEqualTo("histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket"
                        + "{service=\"checkout\"}[1m])))");
        assertThat(queryRow.select("code.rp-query wbr")).as("break opportunities after brackets and commas").hasSizeGreaterThan(4);
        assertThat(page.select(".rp-checks tbody tr.rp-check-row")).hasSize(2);
    }

    @Test
    public void englishIsTheDefaultAndLanguagesWithoutTextsReadEnglish() {
        Document german = Jsoup.parse(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease(), Locale.GERMAN));
        assertThat(german.select("section h3").first().text()).isEqualTo("Timeline");
        assertThat(german.select(".rp-report").attr("lang")).isEqualTo("en");
        Document standalone = Jsoup.parse(ReleaseReportHtml.renderStandalone(SampleReports.rolledBackRelease(), ZH));
        assertThat(standalone.title()).isEqualTo("发布报告：checkout 1.4.2");
        assertThat(standalone.select("html").attr("lang")).isEqualTo("zh-CN");
        Document empty = Jsoup.parse(ReleaseReportHtml.renderFragment(ReleaseReport.empty(), ZH));
        assertThat(empty.text()).contains("本次构建没有声明发布计划");
    }
}
