package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a report as HTML: a header, the timeline as inline SVG, and one section per kind of record
 * present. Every value from the report is escaped; the output contains no script, no event handler and
 * no link other than http(s). Styling is by class name only; the stylesheet is {@link #stylesheet()}.
 */
public final class ReleaseReportHtml {
    private static final String STYLESHEET = "release-report.css";

    private ReleaseReportHtml() {}

    /** The report as a {@code <div class="rp-report">} to embed in a page that links the stylesheet. */
    public static String renderFragment(ReleaseReport report) {
        StringBuilder html = new StringBuilder("<div class=\"rp-report\">");
        html.append(header(report));
        html.append(kpis(report.kpis()));
        if (!report.timeline().isEmpty()) {
            html.append(section("timeline", "Timeline", TimelineSvg.render(report.timeline()) + timelineTable(report)));
        }
        if (!report.checklist().isEmpty()) {
            html.append(section("checklist", "Checklist", checklist(report.checklist())));
        }
        if (!report.backups().isEmpty()) {
            html.append(section("backups", "Backups", backups(report.backups())));
        }
        if (!report.distributions().isEmpty()) {
            html.append(section("distribution", "Distribution", distribution(report.distributions())));
        }
        if (!report.silences().isEmpty()) {
            html.append(section("silences", "Silences", silences(report.silences())));
        }
        for (VerificationRecord verification : report.verifications()) {
            html.append(section("verification", "Verification: " + verification.name(), verification(verification)));
        }
        if (!report.rollbacks().isEmpty()) {
            html.append(section("rollbacks", "Rollback", rollbacks(report.rollbacks())));
        }
        return html.append("</div>").toString();
    }

    /** A complete HTML document with the stylesheet inlined, for files, mail and screenshots. */
    public static String renderStandalone(ReleaseReport report) {
        String title = report.hasHeader()
                ? "Release report: " + report.header().service() + " " + nullToEmpty(report.header().version())
                : "Release report";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.esc(title)
                + "</title><style>" + stylesheet() + "</style></head><body class=\"rp-standalone\">"
                + renderFragment(report) + "</body></html>";
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

    private static String header(ReleaseReport report) {
        ReleaseHeader header = report.header();
        if (header == null) {
            return "<div class=\"rp-header\"><h2>Release report</h2><p class=\"rp-muted\">No release plan was declared "
                    + "in this build (call releasePlan first).</p></div>";
        }
        StringBuilder html = new StringBuilder("<div class=\"rp-header\"><h2><span class=\"rp-service\">")
                .append(Html.esc(header.service())).append("</span> <span class=\"rp-version\">")
                .append(Html.esc(nullToEmpty(header.version()))).append("</span> ")
                .append("<span class=\"rp-badge rp-risk-").append(Html.cssName(header.risk())).append("\">risk ")
                .append(Html.esc(header.risk() == null ? "unknown" : header.risk().label())).append("</span>");
        if (header.drill()) {
            html.append(" <span class=\"rp-badge rp-drill\">DRILL</span>");
        }
        html.append(" ").append(Html.badge(overallStatus(report))).append("</h2><dl class=\"rp-facts\">");
        fact(html, "Owners", Html.esc(String.join(", ", header.owners())));
        fact(html, "Scope", Html.esc(String.join(", ", header.scope())));
        if (header.build() != null) {
            fact(html, "Build", Html.link(header.build().url(), header.build().displayName()));
        }
        fact(html, "Planned", Html.esc(Html.time(header.plannedAt())));
        return html.append("</dl></div>").toString();
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

    private static String kpis(ReleaseKpis kpis) {
        return "<dl class=\"rp-kpis\">"
                + kpi("Release duration", kpis.releaseDuration())
                + kpi("Time to detect", kpis.timeToDetect())
                + kpi("Time to recover", kpis.timeToRecover())
                + "</dl>";
    }

    private static String kpi(String name, Duration value) {
        return "<div class=\"rp-kpi\"><dt>" + Html.esc(name) + "</dt><dd>" + Html.esc(Html.duration(value)) + "</dd></div>";
    }

    private static String timelineTable(ReleaseReport report) {
        HtmlTable table = new HtmlTable("rp-stages", List.of("Stage", "Name", "Start", "End", "Status", "Message"));
        for (StageRecord stage : report.timeline()) {
            table.row(Html.esc(stage.kind().name().toLowerCase(Locale.ROOT)), Html.esc(stage.name()),
                    Html.esc(Html.time(stage.start())), Html.esc(stage.end() == null ? "running" : Html.time(stage.end())),
                    Html.badge(stage.status()), Html.esc(stage.message()));
        }
        return table.render();
    }

    private static String checklist(List<ChecklistItem> items) {
        HtmlTable table = new HtmlTable("rp-checklist", List.of("Item", "Required", "Satisfied", "Detail"));
        for (ChecklistItem item : items) {
            table.row(Html.esc(item.item()), item.required() ? "yes" : "no",
                    "<span class=\"rp-badge rp-" + (item.satisfied() ? "success" : "failure") + "\">"
                            + (item.satisfied() ? "yes" : "no") + "</span>",
                    Html.esc(item.detail()));
        }
        return table.render();
    }

    private static String backups(List<BackupRecord> backups) {
        HtmlTable table = new HtmlTable("rp-backups",
                List.of("Backup", "Node", "Archive", "Files", "Bytes", "SHA-256", "Verified", "Created", "Paths"));
        for (BackupRecord backup : backups) {
            table.row(Html.esc(backup.name()) + "<br><code>" + Html.esc(backup.id()) + "</code>", Html.esc(backup.node()),
                    "<code>" + Html.esc(backup.archive()) + "</code>", Long.toString(backup.files()),
                    Html.esc(Html.bytes(backup.bytes())), "<code class=\"rp-hash\">" + Html.esc(backup.sha256()) + "</code>",
                    backup.verified() ? "yes" : "<strong>no</strong>", Html.esc(Html.time(backup.createdAt())),
                    list(backup.paths()));
        }
        return table.render();
    }

    /** The host × artifact matrix: one row a target, one column an artifact, the outcome in each cell. */
    private static String distribution(List<DistributionRecord> records) {
        Set<String> targets = new LinkedHashSet<>();
        Set<String> artifacts = new LinkedHashSet<>();
        records.forEach(r -> {
            targets.add(r.target());
            artifacts.add(r.artifact());
        });
        List<String> headings = new ArrayList<>();
        headings.add("Target");
        headings.addAll(artifacts);
        HtmlTable table = new HtmlTable("rp-matrix", headings);
        for (String target : targets) {
            List<String> cells = new ArrayList<>();
            cells.add(Html.esc(target));
            for (String artifact : artifacts) {
                cells.add(records.stream()
                        .filter(r -> r.target().equals(target) && r.artifact().equals(artifact))
                        .findFirst()
                        .map(ReleaseReportHtml::distributionCell)
                        .orElse("<span class=\"rp-muted\">—</span>"));
            }
            table.row(cells.toArray(String[]::new));
        }
        return table.render();
    }

    private static String distributionCell(DistributionRecord record) {
        return Html.badge(record.outcome()) + (record.attempts() > 1 ? " <span class=\"rp-muted\">" + record.attempts()
                + " attempts</span>" : "") + (record.message() == null ? "" : "<br>" + Html.esc(record.message()));
    }

    private static String silences(List<SilenceRecord> silences) {
        HtmlTable table = new HtmlTable("rp-silences",
                List.of("Matchers", "Window", "ID", "Created by", "Comment", "State", "Alerts suppressed"));
        for (SilenceRecord silence : silences) {
            String ids = "<code>" + Html.esc(silence.id()) + "</code>" + (silence.previousIds().isEmpty() ? ""
                    : "<br><span class=\"rp-muted\">was " + Html.esc(String.join(", ", silence.previousIds())) + "</span>");
            table.row(silence.matchers().stream().map(m -> "<code>" + Html.esc(m) + "</code>")
                            .collect(Collectors.joining("<br>")),
                    Html.esc(Html.time(silence.startsAt())) + " –<br>" + Html.esc(Html.time(silence.endsAt())),
                    ids, Html.esc(silence.createdBy()), Html.esc(silence.comment()), Html.badge(silence.state()),
                    silence.suppressedAlerts().isEmpty() ? "<span class=\"rp-muted\">none</span>"
                            : list(silence.suppressedAlerts()));
        }
        return table.render();
    }

    private static String verification(VerificationRecord verification) {
        StringBuilder html = new StringBuilder("<p>").append(Html.badge(verification.verdict())).append(' ')
                .append(Html.esc(Html.time(verification.start()))).append(" – ")
                .append(Html.esc(Html.time(verification.end()))).append("</p>");
        HtmlTable table = new HtmlTable("rp-checks",
                List.of("Check", "Threshold", "Observed", "Baseline", "Verdict", "Samples", "Decision trail"));
        for (CheckRecord check : verification.checks()) {
            table.row(Html.esc(check.name()) + "<br><code class=\"rp-query\">" + Html.esc(check.query()) + "</code>",
                    Html.esc(check.threshold()), Html.esc(Html.number(check.observed())),
                    check.baseline() == null ? "<span class=\"rp-muted\">no baseline data</span>"
                            : Html.esc(Html.number(check.baseline())),
                    Html.badge(check.verdict()), SparklineSvg.render(check), list(check.trail()));
        }
        return html.append(table.render()).toString();
    }

    private static String rollbacks(List<RollbackRecord> rollbacks) {
        StringBuilder html = new StringBuilder();
        for (RollbackRecord rollback : rollbacks) {
            html.append("<p>").append(Html.badge(rollback.outcome())).append(" <strong>Trigger:</strong> ")
                    .append(Html.esc(rollback.trigger())).append(" <span class=\"rp-muted\">")
                    .append(Html.esc(Html.time(rollback.start()))).append(" – ").append(Html.esc(Html.time(rollback.end())))
                    .append("</span></p>");
            HtmlTable table = new HtmlTable("rp-actions", List.of("Action", "Status", "Message"));
            for (RollbackRecord.Action action : rollback.actions()) {
                table.row(Html.esc(action.name()), Html.badge(action.status()), Html.esc(action.message()));
            }
            html.append(table.render());
        }
        return html.toString();
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
