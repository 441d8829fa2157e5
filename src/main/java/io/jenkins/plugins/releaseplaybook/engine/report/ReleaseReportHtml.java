package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a report as HTML in the reader's language: a header, the timeline as inline SVG, and one section per kind
 * of record present. The page's words come from {@code report/Texts*.properties}, decision trails and thresholds from
 * their keys ({@link TrailLine}); what users typed stays as typed. Every value from the report is escaped; the output
 * contains no script, no event handler, no inline style and no link other than http(s), and {@code mailto:} and
 * {@code tel:} for the emergency plan's contacts ({@link EmergencyPlanHtml}). Styling is by class name only; the
 * stylesheet is {@link #stylesheet()}.
 */
public final class ReleaseReportHtml {
    private static final String STYLESHEET = "release-report.css";
    private static final int CHECK_COLUMNS = 7;
    private static final int BACKUP_COLUMNS = 10;

    private ReleaseReportHtml() {}

    /** The report in English. */
    public static String renderFragment(ReleaseReport report) {
        return renderFragment(report, Locale.ROOT);
    }

    /**
     * The report as a {@code <div class="rp-report">} to embed in a page that links the stylesheet.
     *
     * @param locale the reader's language; languages without texts read English
     */
    public static String renderFragment(ReleaseReport report, Locale locale) {
        ReportLabels labels = new ReportLabels(locale);
        StringBuilder html = new StringBuilder("<div class=\"rp-report\" lang=\"").append(labels.htmlLang()).append("\">");
        html.append(header(report, labels));
        html.append(kpis(report.kpis(), labels));
        if (!report.timeline().isEmpty()) {
            html.append(section("timeline", labels.get("section.timeline"),
                    TimelineSvg.render(report.timeline(), labels) + timelineTable(report, labels)));
        }
        if (!report.checklist().isEmpty() || !report.gates().isEmpty() || report.policy() != null) {
            html.append(section("checklist", labels.get("section.checklist"), ChecklistHtml.render(report, labels)));
        }
        if (!report.backups().isEmpty()) {
            html.append(section("backups", labels.get("section.backups"), backups(report.backups(), labels)));
        }
        if (!report.restores().isEmpty()) {
            html.append(section("restores", labels.get("section.restores"), restores(report.restores(), labels)));
        }
        if (!report.distributions().isEmpty() || !report.distributionRuns().isEmpty()) {
            html.append(section("distribution", labels.get("section.distribution"),
                    DistributionMatrixHtml.render(report.distributionRuns(), report.distributions(), labels)));
        }
        if (!report.silences().isEmpty()) {
            html.append(section("silences", labels.get("section.silences"), silences(report.silences(), labels)));
        }
        for (VerificationRecord verification : report.verifications()) {
            html.append(section("verification", labels.get("section.verification", verification.name()),
                    verification(verification, labels)));
        }
        if (!report.rollbacks().isEmpty()) {
            html.append(section("rollbacks", labels.get("section.rollback"), rollbacks(report.rollbacks(), labels)));
        }
        return html.append("</div>").toString();
    }

    /** The standalone document in English. */
    public static String renderStandalone(ReleaseReport report) {
        return renderStandalone(report, Locale.ROOT);
    }

    /** A complete HTML document with the stylesheet inlined, for files, mail and screenshots. */
    public static String renderStandalone(ReleaseReport report, Locale locale) {
        ReportLabels labels = new ReportLabels(locale);
        String title = report.hasHeader()
                ? labels.get("titleFor", report.header().service(), nullToEmpty(report.header().version()))
                : labels.get("title");
        return "<!DOCTYPE html><html lang=\"" + labels.htmlLang() + "\"><head><meta charset=\"utf-8\"><title>"
                + Html.esc(title) + "</title><style>" + stylesheet() + "</style></head><body class=\"rp-standalone\">"
                + renderFragment(report, locale) + "</body></html>";
    }

    /** The stylesheet the report's class names refer to. */
    public static String stylesheet() {
        try (InputStream in = ReleaseReportHtml.class.getResourceAsStream(STYLESHEET)) {
            if (in == null) {
                throw new IllegalStateException("The engine jar lacks its resource " + STYLESHEET);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ReleaseReport report, ReportLabels labels) {
        ReleaseHeader header = report.header();
        if (header == null) {
            return "<div class=\"rp-header\"><h2>" + Html.esc(labels.get("title")) + "</h2><p class=\"rp-muted\">"
                    + Html.esc(labels.get("noPlan")) + "</p></div>";
        }
        StringBuilder html = new StringBuilder("<div class=\"rp-header\"><h2><span class=\"rp-service\">")
                .append(Html.esc(header.service())).append("</span> <span class=\"rp-version\">")
                .append(Html.esc(nullToEmpty(header.version()))).append("</span> ")
                .append("<span class=\"rp-badge rp-risk-").append(Html.cssName(header.risk())).append("\">")
                .append(Html.esc(labels.get("risk", header.risk() == null ? labels.get("riskUnknown")
                        : labels.word(header.risk()))))
                .append("</span>");
        if (header.drill()) {
            html.append(" <span class=\"rp-badge rp-drill\">").append(Html.esc(labels.get("drill"))).append("</span>");
        }
        html.append(" ").append(Html.badge(overallStatus(report), labels)).append("</h2><dl class=\"rp-facts\">");
        fact(html, labels.get("fact.owners"), Html.esc(String.join(", ", header.owners())));
        fact(html, labels.get("fact.scope"), Html.esc(String.join(", ", header.scope())));
        if (header.build() != null) {
            fact(html, labels.get("fact.build"), Html.link(header.build().url(), header.build().displayName()));
        }
        fact(html, labels.get("fact.planned"), Html.esc(Html.time(header.plannedAt())));
        RollbackRecord.Acknowledgement ack = header.acknowledgement();
        if (ack != null) {
            fact(html, labels.get("fact.acknowledged"), Html.esc(labels.get("rollback.acknowledgement", ack.by(),
                    Html.time(ack.at()), labels.via(ack.via()))));
        }
        html.append("</dl>").append(EmergencyPlanHtml.render(header.emergency(), labels));
        return html.append("</div>").toString();
    }

    /** The worst finished status on the timeline, RUNNING while anything runs. */
    static StageStatus overallStatus(ReleaseReport report) {
        if (report.timeline().stream().anyMatch(StageRecord::isRunning)) {
            return StageStatus.RUNNING;
        }
        List<StageStatus> order = List.of(StageStatus.FAILURE, StageStatus.ABORTED, StageStatus.UNSTABLE);
        for (StageStatus status : order) {
            if (report.timeline().stream().anyMatch(s -> s.status() == status)) {
                return status;
            }
        }
        return StageStatus.SUCCESS;
    }

    private static String kpis(ReleaseKpis kpis, ReportLabels labels) {
        return "<dl class=\"rp-kpis\">"
                + kpi(labels.get("kpi.releaseDuration"), kpis.releaseDuration(), labels)
                + kpi(labels.get("kpi.timeToDetect"), kpis.timeToDetect(), labels)
                + kpi(labels.get("kpi.timeToRecover"), kpis.timeToRecover(), labels)
                + "</dl>";
    }

    private static String kpi(String name, Duration value, ReportLabels labels) {
        return "<div class=\"rp-kpi\"><dt>" + Html.esc(name) + "</dt><dd>" + Html.esc(labels.duration(value)) + "</dd></div>";
    }

    private static String timelineTable(ReleaseReport report, ReportLabels labels) {
        HtmlTable table = new HtmlTable("rp-stages", headings(labels, "stage", "name", "start", "end", "status", "message"));
        for (StageRecord stage : report.timeline()) {
            table.row(Html.esc(labels.stage(stage.kind())), Html.orDash(stage.name()),
                    Html.esc(Html.time(stage.start())),
                    Html.esc(stage.end() == null ? labels.get("running") : Html.time(stage.end())),
                    Html.badge(stage.status(), labels), Html.orDash(stage.message()));
        }
        return table.render();
    }

    private static String backups(List<BackupRecord> backups, ReportLabels labels) {
        HtmlTable table = new HtmlTable("rp-backups", headings(labels, "backup", "node", "archive", "files", "bytes",
                "sha256", "verified", "restoreTested", "created", "paths"));
        for (BackupRecord backup : backups) {
            table.row(Html.orDash(backup.name()) + "<br><code>" + Html.esc(backup.id()) + "</code>",
                    Html.orDash(backup.node()), "<code>" + Html.orDash(backup.archive()) + "</code>" + archiveFacts(backup, labels),
                    Long.toString(backup.files()), Html.esc(Html.bytes(backup.bytes())),
                    "<code class=\"rp-hash\">" + Html.orDash(backup.sha256()) + "</code>", emphasizedNo(backup.verified(), labels),
                    emphasizedNo(backup.restoreTested(), labels), Html.esc(Html.time(backup.createdAt())),
                    list(backup.paths()) + labelledList(labels.get("backup.excluded"), backup.excludes())
                            + labelledList(labels.get("backup.dumps"), backup.dumps()));
            table.fullWidthRow("rp-restore-row", BACKUP_COLUMNS, "<span class=\"rp-query-label\">"
                    + Html.esc(labels.get("backup.restoreCall")) + "</span><code class=\"rp-restore-call\">"
                    + Html.esc(backup.restoreCall()) + "</code>");
        }
        return table.render();
    }

    /** Compression and size under the archive path; nothing for reports from before they were recorded. */
    private static String archiveFacts(BackupRecord backup, ReportLabels labels) {
        if (backup.compression() == null) {
            return "";
        }
        return "<br><span class=\"rp-muted\">" + Html.esc(labels.get("backup.archiveFacts", backup.compression(),
                Html.bytes(backup.archiveSize()))) + "</span>";
    }

    private static String restores(List<RestoreRecord> restores, ReportLabels labels) {
        HtmlTable table = new HtmlTable("rp-restores", headings(labels, "backup", "node", "finished", "target",
                "restored", "replaced", "changes"));
        for (RestoreRecord restore : restores) {
            String target = (restore.target() == null ? Html.esc(labels.get("restore.originalPlaces"))
                    : "<code>" + Html.esc(restore.target()) + "</code>") + "<br><span class=\"rp-muted\">"
                    + Html.esc(restore.paths().isEmpty() ? labels.get("restore.allSources")
                            : labels.get("restore.only", String.join(", ", restore.paths()))) + "</span>";
            String changes = restore.dryRun()
                    ? "<span class=\"rp-badge rp-skipped\">" + Html.esc(labels.get("restore.dryRun")) + "</span>"
                            + list(restore.changes())
                    : "<span class=\"rp-muted\">—</span>";
            table.row("<code>" + Html.esc(restore.backupId()) + "</code>", Html.orDash(restore.node()),
                    Html.esc(Html.time(restore.at())), target, list(restore.restored()), list(restore.replaced()), changes);
        }
        return table.render();
    }

    private static String emphasizedNo(boolean value, ReportLabels labels) {
        return value ? Html.esc(labels.get("yes")) : "<strong>" + Html.esc(labels.get("no")) + "</strong>";
    }

    private static String labelledList(String label, List<String> items) {
        return items.isEmpty() ? "" : "<span class=\"rp-muted\">" + Html.esc(label) + "</span>" + list(items);
    }

    private static String silences(List<SilenceRecord> silences, ReportLabels labels) {
        HtmlTable table = new HtmlTable("rp-silences",
                headings(labels, "matchers", "window", "id", "createdBy", "comment", "state", "suppressed"));
        for (SilenceRecord silence : silences) {
            String ids = "<code>" + Html.esc(silence.id()) + "</code>" + (silence.previousIds().isEmpty() ? ""
                    : "<br><span class=\"rp-muted\">" + Html.esc(labels.get("was", String.join(", ", silence.previousIds())))
                            + "</span>");
            table.row(silence.matchers().stream().map(m -> "<code>" + Html.esc(Urls.withoutUserInfo(m)) + "</code>")
                            .collect(Collectors.joining("<br>")),
                    Html.esc(Html.time(silence.startsAt())) + " –<br>" + Html.esc(Html.time(silence.endsAt())),
                    ids, Html.orDash(silence.createdBy()), Html.orDash(silence.comment()), Html.badge(silence.state(), labels),
                    silence.suppressedAlerts().isEmpty()
                            ? "<span class=\"rp-muted\">" + Html.esc(labels.get("none")) + "</span>"
                            : list(silence.suppressedAlerts()));
        }
        return table.render();
    }

    /**
     * One row a check, and below it a row across the whole table with the query: PromQL gets the full width, in
     * monospace, breaking after brackets and commas, instead of a narrow column.
     */
    private static String verification(VerificationRecord verification, ReportLabels labels) {
        StringBuilder html = new StringBuilder("<p>").append(Html.badge(verification.verdict(), labels)).append(' ')
                .append(Html.esc(Html.time(verification.start()))).append(" – ")
                .append(Html.esc(Html.time(verification.end()))).append("</p>");
        HtmlTable table = new HtmlTable("rp-checks",
                headings(labels, "check", "threshold", "observed", "baseline", "verdict", "samples", "trail"));
        for (CheckRecord check : verification.checks()) {
            table.classedRow("rp-check-row", "<strong class=\"rp-check-name\">" + Html.esc(check.name()) + "</strong>",
                    Html.esc(labels.line(check.thresholdLine())), Html.esc(Html.number(check.observed())),
                    check.baseline() == null
                            ? "<span class=\"rp-muted\">" + Html.esc(labels.get("noBaseline")) + "</span>"
                            : Html.esc(Html.number(check.baseline())),
                    Html.badge(check.verdict(), labels), SparklineSvg.render(check, labels),
                    list(check.trailLines().stream().map(labels::line).toList()));
            table.fullWidthRow("rp-query-row", CHECK_COLUMNS, "<span class=\"rp-query-label\">"
                    + Html.esc(labels.get("col.query")) + "</span><code class=\"rp-query\">" + Html.query(check.query())
                    + "</code>");
        }
        return html.append(table.render()).toString();
    }

    private static String rollbacks(List<RollbackRecord> rollbacks, ReportLabels labels) {
        StringBuilder html = new StringBuilder();
        for (RollbackRecord rollback : rollbacks) {
            html.append("<div class=\"rp-rollback\"><p>").append(Html.badge(rollback.outcome(), labels));
            if (rollback.drill()) {
                html.append(" <span class=\"rp-badge rp-drill\">").append(Html.esc(labels.get("drill"))).append("</span>");
            }
            html.append(" <strong>").append(Html.esc(labels.get("trigger"))).append("</strong> ")
                    .append(Html.orDash(rollback.trigger())).append(" <span class=\"rp-muted\">")
                    .append(Html.esc(Html.time(rollback.start()))).append(" – ").append(Html.esc(Html.time(rollback.end())))
                    .append("</span></p>");
            html.append(rollbackFacts(rollback, labels));
            HtmlTable table = new HtmlTable("rp-actions",
                    headings(labels, "action", "kind", "status", "duration", "message"));
            for (RollbackRecord.Action action : rollback.actions()) {
                table.row(Html.orDash(action.name()),
                        action.kind() == null ? Html.orDash(null) : "<code>" + Html.esc(action.kind()) + "</code>",
                        Html.badge(action.status(), labels),
                        action.duration() == null ? Html.orDash(null) : Html.esc(labels.duration(action.duration())),
                        Html.orDash(action.message()));
            }
            html.append(table.render()).append("</div>");
        }
        return html.toString();
    }

    /** The accounting of a rollback; a record from before the rollback engine has none and shows none. */
    private static String rollbackFacts(RollbackRecord rollback, ReportLabels labels) {
        StringBuilder facts = new StringBuilder();
        if (rollback.timeToDetect() != null) {
            fact(facts, labels.get("rollback.timeToDetect"), Html.esc(labels.duration(rollback.timeToDetect())));
        }
        if (rollback.detectedAt() != null) {
            fact(facts, labels.get("rollback.timeToRecover"), rollback.timeToRecover() == null
                    ? "<span class=\"rp-badge rp-failure\">" + Html.esc(labels.get("rollback.notRecovered")) + "</span>"
                    : Html.esc(labels.duration(rollback.timeToRecover())));
        }
        if (rollback.reverification() != null || rollback.recoveryConfirmed()) {
            String confirmed = rollback.recoveryConfirmed()
                    ? "<span class=\"rp-badge rp-pass\">" + Html.esc(labels.get("rollback.confirmed")) + "</span>"
                    : "<span class=\"rp-badge rp-fail\">" + Html.esc(labels.get("rollback.notConfirmed")) + "</span>";
            fact(facts, labels.get("rollback.reverification"), confirmed
                    + (rollback.reverification() == null ? "" : " " + Html.esc(rollback.reverification())));
        }
        RollbackRecord.Acknowledgement ack = rollback.acknowledgement();
        if (ack != null) {
            fact(facts, labels.get("rollback.acknowledged"), Html.esc(labels.get("rollback.acknowledgement", ack.by(),
                    Html.time(ack.at()), labels.via(ack.via()))));
        }
        return facts.isEmpty() ? "" : "<dl class=\"rp-facts rp-rollback-facts\">" + facts + "</dl>";
    }

    private static List<String> headings(ReportLabels labels, String... columns) {
        List<String> headings = new ArrayList<>();
        for (String column : columns) {
            headings.add(labels.get("col." + column));
        }
        return headings;
    }

    private static String section(String id, String title, String body) {
        return "<section class=\"rp-section rp-section-" + id + "\"><h3>" + Html.esc(title) + "</h3>" + body + "</section>";
    }

    private static void fact(StringBuilder html, String name, String renderedValue) {
        html.append("<div><dt>").append(Html.esc(name)).append("</dt><dd>").append(renderedValue).append("</dd></div>");
    }

    private static String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        return items.stream().map(i -> "<li>" + Html.esc(i) + "</li>")
                .collect(Collectors.joining("", "<ul class=\"rp-list\">", "</ul>"));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
