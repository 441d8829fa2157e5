package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Renders a job's {@link ReleaseHistory} as HTML in the reader's language: the KPIs, a trend as inline SVG
 * ({@link HistoryTrendSvg}) and the releases with their verdicts and links to their Release Reports. As the report
 * page: every value escaped, no script, no event handler, no inline style; class names only, the stylesheet is
 * {@link #stylesheet()}.
 */
public final class ReleaseHistoryHtml {
    private static final String STYLESHEET = "release-history.css";

    private ReleaseHistoryHtml() {}

    /**
     * The history as a {@code <div class="rp-report rp-history">} to embed in a page that links the stylesheet.
     *
     * @param jobUrl where the job's builds are, ending in {@code /}: an absolute http(s) URL or a path from the
     *     server's root ({@code /jenkins/job/checkout/}); a build's report is {@code <jobUrl><number>/release-report/}.
     *     Anything else (or {@code null}) links nothing.
     */
    public static String renderFragment(ReleaseHistory history, Locale locale, String jobUrl) {
        ReportLabels labels = new ReportLabels(locale);
        HistoryKpis kpis = history.kpis();
        StringBuilder html = new StringBuilder("<div class=\"rp-report rp-history\" lang=\"").append(labels.htmlLang())
                .append("\">");
        html.append("<p class=\"rp-note rp-history-basis\">").append(Html.esc(labels.get("history.basis", history.looked(),
                history.limit(), kpis.releases(), kpis.drills()))).append("</p>");
        if (history.missing() + history.corrupt() + history.notReleases() + history.running() > 0) {
            html.append("<p class=\"rp-note rp-history-skipped\">").append(Html.esc(labels.get("history.skipped",
                    history.missing(), history.corrupt(), history.notReleases(), history.running()))).append("</p>");
        }
        html.append(kpis(kpis, labels));
        if (history.releases().isEmpty()) {
            html.append("<p class=\"rp-muted rp-history-none\">").append(Html.esc(labels.get("history.none",
                    history.looked()))).append("</p>");
            return html.append("</div>").toString();
        }
        html.append(section("trend", labels.get("history.section.trend"), HistoryTrendSvg.render(history.releases(),
                labels)));
        html.append(section("releases", labels.get("history.section.releases"), releases(history, labels, jobUrl)));
        return html.append("</div>").toString();
    }

    /** The report's stylesheet and the history's own rules after it. */
    public static String stylesheet() {
        try (InputStream in = ReleaseHistoryHtml.class.getResourceAsStream(STYLESHEET)) {
            if (in == null) {
                throw new IllegalStateException("The engine jar lacks its resource " + STYLESHEET);
            }
            return ReleaseReportHtml.stylesheet() + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String kpis(HistoryKpis kpis, ReportLabels labels) {
        StringBuilder html = new StringBuilder("<dl class=\"rp-kpis rp-history-kpis\">");
        kpi(html, "success-rate", labels.get("history.kpi.successRate"), percent(kpis.successRate()),
                count(kpis.succeeded(), kpis.releases(), labels));
        kpi(html, "rollback-rate", labels.get("history.kpi.rollbackRate"), percent(kpis.rollbackRate()),
                count(kpis.rolledBack(), kpis.releases(), labels));
        kpi(html, "change-failure-rate", labels.get("history.kpi.changeFailureRate"), percent(kpis.changeFailureRate()),
                count(kpis.changeFailures(), kpis.deployed(), labels));
        kpi(html, "median-duration", labels.get("history.kpi.medianDuration"), labels.duration(kpis.medianDuration()),
                measured(kpis.durations(), labels));
        kpi(html, "p90-duration", labels.get("history.kpi.p90Duration"), labels.duration(kpis.p90Duration()),
                measured(kpis.durations(), labels));
        kpi(html, "mttd", labels.get("history.kpi.mttd"), labels.duration(kpis.meanTimeToDetect()),
                measured(kpis.detections(), labels));
        kpi(html, "mttr", labels.get("history.kpi.mttr"), labels.duration(kpis.meanTimeToRecover()),
                measured(kpis.recoveries(), labels));
        kpi(html, "drill-pass-rate", labels.get("history.kpi.drillPassRate"), percent(kpis.drillPassRate()),
                count(kpis.drillsPassed(), kpis.drills(), labels));
        kpi(html, "days-since-drill", labels.get("history.kpi.daysSinceLastDrill"),
                kpis.daysSinceLastDrill() == null ? "—" : Long.toString(kpis.daysSinceLastDrill()),
                kpis.lastDrillAt() == null ? labels.get("history.noDrill")
                        : labels.get(Boolean.TRUE.equals(kpis.lastDrillPassed()) ? "history.lastDrillPassed"
                                : "history.lastDrillFailed", Html.time(kpis.lastDrillAt())));
        return html.append("</dl>").toString();
    }

    private static void kpi(StringBuilder html, String id, String name, String value, String detail) {
        html.append("<div class=\"rp-kpi rp-kpi-").append(id).append("\"><dt>").append(Html.esc(name)).append("</dt><dd>")
                .append(Html.esc(value)).append("</dd><dd class=\"rp-kpi-detail\">").append(Html.esc(detail))
                .append("</dd></div>");
    }

    private static String count(int part, int whole, ReportLabels labels) {
        return labels.get("history.of", part, whole);
    }

    private static String measured(int releases, ReportLabels labels) {
        return labels.get("history.measured", releases);
    }

    /** {@code 87%}, {@code 33.3%}: one decimal, left out when it is 0. */
    static String percent(Double rate) {
        if (rate == null || rate.isNaN() || rate.isInfinite()) {
            return "—";
        }
        double percent = rate * 100;
        double rounded = Math.round(percent * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.format(Locale.ROOT, "%.0f%%", rounded)
                : String.format(Locale.ROOT, "%.1f%%", rounded);
    }

    private static String releases(ReleaseHistory history, ReportLabels labels, String jobUrl) {
        String base = linkBase(jobUrl);
        HtmlTable table = new HtmlTable("rp-history-releases", List.of(labels.get("history.col.build"),
                labels.get("history.col.started"), labels.get("history.col.release"), labels.get("history.col.verdict"),
                labels.get("history.col.duration"), labels.get("history.col.ttd"), labels.get("history.col.ttr")));
        for (ReleaseHistory.Release release : history.releases()) {
            ReleaseSummary summary = release.summary();
            String number = "#" + release.build().number();
            String build = base == null ? Html.esc(number)
                    : "<a href=\"" + Html.esc(base + release.build().number() + "/release-report/") + "\">"
                            + Html.esc(number) + "</a>";
            String what = "<span class=\"rp-service\">" + Html.esc(summary.service()) + "</span> <span class=\"rp-version\">"
                    + Html.esc(summary.version() == null ? "" : summary.version()) + "</span>";
            table.row(build, Html.esc(Html.time(summary.startedAt())), what,
                    "<span class=\"rp-badge rp-v-" + Html.cssName(release.verdict()) + "\">"
                            + Html.esc(labels.word(release.verdict())) + "</span>",
                    duration(summary.releaseDuration(), labels), duration(summary.timeToDetect(), labels),
                    duration(summary.timeToRecover(), labels));
        }
        return table.render();
    }

    private static String duration(Duration duration, ReportLabels labels) {
        return duration == null ? Html.orDash(null) : Html.esc(labels.duration(duration));
    }

    /**
     * The job URL if it is safe to link: absolute http(s), or a path from the server root (not {@code //host}, which
     * a browser reads as another host); always ending in {@code /}.
     */
    static String linkBase(String jobUrl) {
        if (jobUrl == null || jobUrl.isBlank()) {
            return null;
        }
        String url = jobUrl.trim();
        boolean rootPath = url.startsWith("/") && !url.startsWith("//") && !url.contains("\\")
                && url.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
        if (!rootPath && !Html.isWebUrl(url)) {
            return null;
        }
        String safe = rootPath ? url : Urls.withoutUserInfo(url);
        return safe.endsWith("/") ? safe : safe + "/";
    }

    private static String section(String id, String title, String body) {
        return "<section class=\"rp-section rp-section-history-" + id + "\"><h3>" + Html.esc(title) + "</h3>" + body
                + "</section>";
    }
}
