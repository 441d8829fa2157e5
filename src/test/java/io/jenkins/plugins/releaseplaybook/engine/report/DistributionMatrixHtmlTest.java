package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord.DistributionOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.Test;

/** The distribution section: runs, the matrix of a small fleet, the summary of a large one, and its cost at scale. */
public class DistributionMatrixHtmlTest {
    private static final List<String> ARTIFACTS = List.of("app.jar", "app.conf", "cli.jar");
    private static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "'><svg onload=alert(3)>",
            "<a href=\"javascript:alert(4)\">x</a>",
            "</code></td></table><iframe src=\"https://evil.example\"></iframe>",
            "\u0000\u0007<scr\u0000ipt>alert(8)</script>");

    @Test
    public void aSmallFleetShowsTheRunAndTheWholeMatrix() {
        Element section = section(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease()));

        Element run = section.selectFirst(".rp-dist-run");
        assertThat(run.select(".rp-dist-run-head .rp-badge.rp-failure").text()).isEqualTo("policy not met");
        assertThat(run.select(".rp-facts dt").eachText()).containsExactly("Targets with every artifact", "Success policy",
                "Transport", "Remote directory", "Artifacts", "Sent", "Time");
        assertThat(run.select(".rp-facts dd").eachText()).containsExactly("1 of 2 (required: 2)", "all", "sftp",
                "/opt/checkout/releases", "checkout-1.4.2.jar, checkout-cli.jar", "9.5 MiB", "55 s");
        assertThat(run.select("div.rp-dist-failed").text()).as("a short list is open")
                .isEqualTo("Failed targets (1): deploy@web2:2222");
        Element tofu = run.selectFirst(".rp-tofu");
        assertThat(tofu.select(".rp-badge").text()).isEqualTo("trust on first use");
        assertThat(tofu.text()).contains("accepted without a known-hosts entry");
        assertThat(tofu.select("code").eachText())
                .containsExactly("web1:22 SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");

        Elements rows = section.select("table.rp-matrix tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).select("td").eachText()).containsExactly("deploy@web2:2222",
                "UPLOADED 3 attempts · 31 s verified: read back over SFTP 2 retries after connection reset",
                "FAILED 3 attempts · 2.5 s checksum mismatch on target");
        assertThat(section.select(".rp-dist-summary")).as("no summary for a small fleet").isEmpty();
        assertThat(section.text()).doesNotContain("JSON download");
    }

    @Test
    public void everyUserSuppliedFieldIsEscapedInTheRunTheMatrixAndTheSummary() {
        for (String payload : HOSTILE) {
            for (int targets : new int[] {3, DistributionMatrixHtml.MATRIX_TARGETS + 10}) {
                ReleaseReport report = fleet(targets, 2, s -> s + payload, true);
                Document page = Jsoup.parse(ReleaseReportHtml.renderStandalone(report));

                assertNothingActive(page, payload);
                String visible = payload.replace("\u0000", "").replace("\u0007", "");
                Element section = page.selectFirst(".rp-section-distribution");
                assertThat(section.select(".rp-dist-failed code").first().text()).as(payload).isEqualTo("host-0" + visible);
                assertThat(section.select(".rp-tofu code").first().text()).as(payload)
                        .isEqualTo("host-0:22 SHA256:abc" + visible);
                assertThat(section.select(".rp-facts dd code").eachText()).as(payload).contains("90%" + visible,
                        "/srv/app" + visible);
                assertThat(section.select("table.rp-matrix thead th").get(1).text()).isEqualTo("app.jar" + visible);
                assertThat(section.select("table.rp-matrix tbody td").text()).contains("host-0" + visible,
                        "refused" + visible, "sha256sum on target" + visible);
            }
        }
    }

    @Test
    public void aLargeFleetIsSummarizedPerArtifactWithOnlyTheFailingTargetsExpanded() {
        int targets = DistributionMatrixHtml.MATRIX_TARGETS + 1;
        ReleaseReport report = fleet(targets, 2, UnaryOperator.identity(), false);

        Element section = section(ReleaseReportHtml.renderFragment(report));

        assertThat(section.select(".rp-note").first().text())
                .isEqualTo("51 targets × 3 artifacts: each artifact is summarized, and only the targets with an artifact "
                        + "not in place are shown.");
        assertThat(section.select(".rp-dist-summary thead th").eachText()).containsExactly("Artifact", "Uploaded",
                "Skipped (identical)", "Failed", "Not attempted", "Bytes uploaded", "Time (all targets)", "Slowest");
        List<String> first = section.select(".rp-dist-summary tbody tr").get(0).select("td").eachText();
        // host-0 and host-1 fail: host-0 is refused before any artifact, host-1 fails on app.jar alone.
        // Time: 50 cells of 70 ms and host-5's 1.5 s.
        assertThat(first).containsExactly("app.jar", "49", "0", "1", "1", "49.0 KiB", "5 s", "1.5 s");
        assertThat(section.select(".rp-dist-summary tbody tr").get(1).select("td").eachText())
                .containsExactly("app.conf", "0", "50", "0", "1", "0 B", "5 s", "1.5 s");
        assertThat(section.select(".rp-dist-failing").text()).isEqualTo("Targets with an artifact not in place: 2");
        Elements failing = section.select("table.rp-matrix tbody tr");
        assertThat(failing.eachText()).hasSize(2);
        assertThat(failing.get(0).select("td").eachText()).containsExactly("host-0", "NOT ATTEMPTED 70 ms refused",
                "NOT ATTEMPTED 70 ms refused", "NOT ATTEMPTED 70 ms refused");
        assertThat(failing.get(1).select("td").first().text()).isEqualTo("host-1");
        assertThat(section.select(".rp-note").last().text()).contains("full matrix", "JSON download");
    }

    @Test
    public void manyFailingTargetsAreCutAndCounted() {
        ReleaseReport report = fleet(2_000, 350, UnaryOperator.identity(), false);

        Element section = section(ReleaseReportHtml.renderFragment(report));

        assertThat(section.select("table.rp-matrix tbody tr")).hasSize(DistributionMatrixHtml.FAILING_SHOWN);
        assertThat(section.select(".rp-dist-failing").text()).endsWith(": 350");
        assertThat(section.select(".rp-note").eachText()).contains(
                "… and 250 more targets with an artifact not in place: see the JSON download.");
        assertThat(section.select(".rp-dist-failed code")).hasSize(DistributionMatrixHtml.LIST_SHOWN);
        assertThat(section.select(".rp-dist-failed").text()).startsWith("Failed targets (350):host-0, host-1")
                .endsWith("host-99 … and 250 more");
        assertThat(section.select("details.rp-dist-failed > summary").text()).as("long lists are folded")
                .isEqualTo("Failed targets (350):");
        assertThat(section.select("details.rp-dist-keys > summary").text())
                .isEqualTo("Host keys trusted on first use (2000):");
        assertThat(section.select(".rp-tofu li")).hasSize(DistributionMatrixHtml.LIST_SHOWN + 1);
        assertThat(section.select(".rp-tofu li").last().text()).isEqualTo("… and 1900 more");
    }

    @Test
    public void aLargeFleetWithNothingFailingSaysSo() {
        ReleaseReport report = fleet(500, 0, UnaryOperator.identity(), false);

        Element section = section(ReleaseReportHtml.renderFragment(report));

        assertThat(section.select(".rp-dist-run-head .rp-badge.rp-success").text()).isEqualTo("policy met");
        assertThat(section.select("table.rp-matrix")).isEmpty();
        assertThat(section.text()).contains("Every artifact is in place on every target.");
        assertThat(section.select(".rp-dist-failed")).isEmpty();
    }

    @Test
    public void theLargeFleetPageIsChinese() {
        Pattern english = Pattern.compile("[A-Za-z]{2,}[ -][A-Za-z]{2,}");
        Document page = Jsoup.parse(ReleaseReportHtml.renderFragment(fleet(80, 3, UnaryOperator.identity(), false),
                Locale.SIMPLIFIED_CHINESE));

        Element section = page.selectFirst(".rp-section-distribution");
        assertThat(section.select(".rp-dist-summary thead th").eachText()).containsExactly("制品", "已上传", "相同，已跳过",
                "失败", "未尝试", "已上传字节", "用时（所有目标合计）", "最慢");
        assertThat(section.select(".rp-tofu .rp-badge").text()).isEqualTo("首次使用即信任");
        assertThat(section.select("table.rp-matrix .rp-badge").eachText()).contains("未尝试", "失败");
        for (Element own : section.select("th, dt, p, .rp-badge, .rp-muted, .rp-note")) {
            assertThat(english.matcher(own.ownText()).find())
                    .as("English in <%s class=%s>: %s", own.tagName(), own.className(), own.ownText()).isFalse();
        }
    }

    @Test
    public void tenThousandTargetsTimesThreeArtifactsMakeAPageUnderTwoMegabytesEvenWhenAllFailWithLongMessages() {
        List<DistributionRecord> cells = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int t = 0; t < 10_000; t++) {
            for (String artifact : ARTIFACTS) {
                cells.add(new DistributionRecord("deploy@host-" + t + ".example.com:2222", artifact, "ab".repeat(32), 1,
                        DistributionOutcome.FAILED, 4, "disk full: " + "x".repeat(20_000), 1_000, null));
            }
            failed.add("deploy@host-" + t + ".example.com:2222");
        }
        DistributionRunRecord run = new DistributionRunRecord(SampleReports.T0, "sftp", "/srv/app", ARTIFACTS, 10_000,
                0, 10_000, "all", 0, 1, false, failed, failed);
        ReleaseReport report = ReleaseReport.empty().withDistributionRun(run, cells);

        byte[] page = ReleaseReportHtml.renderStandalone(report).getBytes(StandardCharsets.UTF_8);

        assertThat(page.length).isLessThan(2 * 1024 * 1024);
        assertThat(ReleaseReportJson.toBytes(report).length).as("the JSON keeps every cell")
                .isGreaterThan(30_000 * Bounds.TEXT);
    }

    @Test
    public void recordingAndRenderingAFleetGrowsLinearlyNotQuadratically() {
        // Relative timing only (no absolute bound, which a shared machine would make flaky): 10x the targets must
        // cost well under the 100x of the old matrix, which scanned every cell for each cell (checked: such a scan
        // brought back gives about 20x already for 4x the targets). The JSON (Jackson's, linear) is left out here as
        // it mostly measures the garbage collector; docs/benchmarks.md times it all.
        ReleaseReport small = fleet(1_000, 10, UnaryOperator.identity(), false);
        ReleaseReport large = fleet(10_000, 100, UnaryOperator.identity(), false);
        for (int round = 0; round < 5; round++) {
            recordAndRender(small);
            recordAndRender(large);
        }
        long smallNanos = Long.MAX_VALUE;
        long largeNanos = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            smallNanos = Math.min(smallNanos, recordAndRender(small));
            largeNanos = Math.min(largeNanos, recordAndRender(large));
        }
        assertThat((double) largeNanos / smallNanos)
                .as("10,000 targets vs 1,000: %d vs %d µs", largeNanos / 1000, smallNanos / 1000).isLessThan(35);
    }

    /** Nanoseconds to record the fleet's run in an empty report and render the page. */
    private static long recordAndRender(ReleaseReport fleet) {
        DistributionRunRecord run = fleet.distributionRuns().get(0);
        List<DistributionRecord> cells = fleet.distributions();
        System.gc(); // a collection left over from the previous round is not this round's cost
        long start = System.nanoTime();
        ReleaseReport report = ReleaseReport.empty().withDistributionRun(run, cells);
        int size = ReleaseReportHtml.renderFragment(report).length();
        long took = System.nanoTime() - start;
        assertThat(size).isPositive();
        return took;
    }

    /**
     * A run over {@code targets} targets and three artifacts (the second of them skipped identical on every target):
     * {@code failing} targets fail, the first refused before any artifact, the others on app.jar alone. Every user
     * text goes through {@code text}; {@code verify} adds how each upload was verified.
     */
    static ReleaseReport fleet(int targets, int failing, UnaryOperator<String> text, boolean verify) {
        List<DistributionRecord> cells = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> tofu = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            String target = text.apply("host-" + t);
            for (int a = 0; a < ARTIFACTS.size(); a++) {
                String artifact = text.apply(ARTIFACTS.get(a));
                DistributionOutcome outcome = t == 0 && failing > 0 ? DistributionOutcome.NOT_ATTEMPTED
                        : t < failing && a == 0 ? DistributionOutcome.FAILED
                        : a == 1 ? DistributionOutcome.SKIPPED_IDENTICAL : DistributionOutcome.UPLOADED;
                boolean inPlace = outcome == DistributionOutcome.UPLOADED || outcome == DistributionOutcome.SKIPPED_IDENTICAL;
                cells.add(new DistributionRecord(target, artifact, "ab".repeat(32), 1_024, outcome,
                        outcome == DistributionOutcome.FAILED ? 4 : 1, inPlace ? null : text.apply("refused"),
                        t == 5 ? 1_500 : 70, verify && outcome == DistributionOutcome.UPLOADED
                                ? text.apply("sha256sum on target") : null));
            }
            if (t < failing) {
                failed.add(target);
            }
            tofu.add(text.apply("host-" + t + ":22 SHA256:abc"));
        }
        DistributionRunRecord run = new DistributionRunRecord(SampleReports.T0, text.apply("sftp"), text.apply("/srv/app"),
                ARTIFACTS.stream().map(text).toList(), targets, targets - failing, (int) Math.ceil(targets * 0.9),
                text.apply("90%"), 1_024L * targets, 41_000, failing <= targets / 10, failed, tofu);
        return ReleaseReport.empty().withDistributionRun(run, cells);
    }

    private static Element section(String html) {
        return Jsoup.parse(html).selectFirst(".rp-section-distribution");
    }

    private static void assertNothingActive(Document page, String payload) {
        Set<String> allowed = Set.of("html", "head", "meta", "title", "style", "body", "div", "section", "h2", "h3",
                "p", "span", "strong", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "br",
                "code", "details", "summary", "svg", "g", "rect", "line", "text", "circle", "polyline", "path", "wbr", "a", "#root");
        for (Element element : page.getAllElements()) {
            assertThat(allowed).as("%s: element <%s>", payload, element.tagName()).contains(element.tagName());
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey()).as(payload).doesNotStartWith("on");
                assertThat(attribute.getKey()).as(payload).isNotEqualTo("style");
            }
        }
        assertThat(page.select("script, iframe, img, a[href^=javascript]")).as(payload).isEmpty();
    }
}
