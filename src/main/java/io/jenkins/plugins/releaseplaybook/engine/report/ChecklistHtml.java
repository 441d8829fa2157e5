package io.jenkins.plugins.releaseplaybook.engine.report;

import java.util.List;

/**
 * The checklist section of the report page: the last gate's verdict and the job's confirmations (its claims), one row
 * per item with its status, evidence and what to do, and the policy that was in force. Every value is escaped; item
 * names, evidence and remedies are keyed texts shown in the reader's language.
 */
final class ChecklistHtml {
    private ChecklistHtml() {}

    static String render(ReleaseReport report, ReportLabels labels) {
        StringBuilder html = new StringBuilder();
        GateRecord gate = report.gates().isEmpty() ? null : report.gates().get(report.gates().size() - 1);
        if (gate != null) {
            html.append(gate(gate, report.gates().size(), labels));
        }
        if (!report.checklist().isEmpty()) {
            html.append(items(report.checklist(), labels));
        }
        PolicyRecord policy = gate != null && gate.policy() != null ? gate.policy() : report.policy();
        if (policy != null) {
            Risk applied = gate != null ? gate.risk() : report.hasHeader() ? report.header().risk() : null;
            html.append(policy(policy, applied, labels));
        }
        return html.toString();
    }

    private static String gate(GateRecord gate, int gates, ReportLabels labels) {
        StringBuilder html = new StringBuilder("<p class=\"rp-gate\"><span class=\"rp-badge rp-")
                .append(gate.ok() ? "pass" : "fail").append("\">")
                .append(Html.esc(labels.get(gate.ok() ? "gate.passed" : "gate.failed"))).append("</span> ")
                .append(Html.esc(labels.get("gate.at", gate.risk() == null ? labels.get("riskUnknown")
                        : labels.word(gate.risk()), Html.time(gate.at()))));
        if (gates > 1) {
            html.append(" <span class=\"rp-muted\">").append(Html.esc(labels.get("gate.count", String.valueOf(gates))))
                    .append("</span>");
        }
        html.append("</p>");
        if (!gate.confirmations().isEmpty()) {
            html.append("<p class=\"rp-claims\"><strong>").append(Html.esc(labels.get("gate.claims")))
                    .append("</strong></p>").append(list(gate.confirmations()));
        }
        return html.toString();
    }

    private static String items(List<ChecklistItem> items, ReportLabels labels) {
        HtmlTable table = new HtmlTable("rp-checklist",
                List.of(labels.get("col.item"), labels.get("col.status"), labels.get("col.evidence"),
                        labels.get("col.remedy")));
        for (ChecklistItem item : items) {
            String name = Html.esc(item.name() == null ? nullToDash(item.item()) : labels.line(item.name()));
            if (item.claim()) {
                name += " <span class=\"rp-muted\">" + Html.esc(labels.get("gate.claim")) + "</span>";
            }
            String evidence = item.evidence() == null ? Html.orDash(item.detail()) : Html.esc(labels.line(item.evidence()));
            String remedy = item.remedy() == null ? "<span class=\"rp-muted\">—</span>"
                    : Html.esc(labels.line(item.remedy()));
            table.row(name, Html.badge(item.status(), labels), evidence, remedy);
        }
        return table.render();
    }

    private static String policy(PolicyRecord policy, Risk risk, ReportLabels labels) {
        StringBuilder html = new StringBuilder("<h4>").append(Html.esc(labels.get("policy.title", Html.time(policy.at()))))
                .append("</h4>");
        HtmlTable table = new HtmlTable("rp-policy",
                List.of(labels.get("col.risk"), labels.get("col.requiredItems"), labels.get("col.customItems")));
        for (PolicyRecord.Level level : policy.levels()) {
            String riskCell = "<span class=\"rp-badge rp-risk-" + Html.cssName(level.risk()) + "\">"
                    + Html.esc(labels.word(level.risk())) + "</span>";
            if (level.risk() == risk) {
                riskCell = "<strong>" + riskCell + " " + Html.esc(labels.get("policy.applied")) + "</strong>";
            }
            List<String> names = level.required().stream()
                    .map(id -> labels.itemName(id, String.valueOf(policy.drillMaxAgeDays()))).toList();
            table.row(riskCell, names.isEmpty() ? "<span class=\"rp-muted\">—</span>" : list(names),
                    level.customItems().isEmpty() ? "<span class=\"rp-muted\">—</span>" : list(level.customItems()));
        }
        html.append(table.render()).append("<dl class=\"rp-facts rp-policy-facts\">");
        fact(html, labels.get("policy.drillMaxAge"), Html.esc(String.valueOf(policy.drillMaxAgeDays())));
        fact(html, labels.get("policy.zone"), Html.orDash(policy.zone()));
        fact(html, labels.get("policy.windows"), policy.windows().isEmpty()
                ? Html.esc(labels.get("policy.noWindows")) : list(policy.windows()));
        fact(html, labels.get("policy.freezes"), policy.freezes().isEmpty()
                ? Html.esc(labels.get("none")) : list(policy.freezes()));
        return html.append("</dl>").toString();
    }

    private static void fact(StringBuilder html, String name, String renderedValue) {
        html.append("<div><dt>").append(Html.esc(name)).append("</dt><dd>").append(renderedValue).append("</dd></div>");
    }

    private static String list(List<String> items) {
        StringBuilder html = new StringBuilder("<ul class=\"rp-list\">");
        for (String item : items) {
            html.append("<li>").append(Html.esc(item)).append("</li>");
        }
        return html.append("</ul>").toString();
    }

    private static String nullToDash(String text) {
        return text == null ? "—" : text;
    }
}
