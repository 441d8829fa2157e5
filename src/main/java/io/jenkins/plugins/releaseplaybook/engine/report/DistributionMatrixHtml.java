package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord.DistributionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distribution section: each {@code preDistribute} run (targets in place against the policy, bytes, time, failed
 * targets, host keys trusted on first use), then the host × artifact matrix. A fleet of more than
 * {@link #MATRIX_TARGETS} targets gets a summary per artifact instead, with only the targets that have an artifact not
 * in place expanded (at most {@link #FAILING_SHOWN}); the full matrix is in the JSON download. Cells are grouped by
 * target in one pass, so the section renders in time linear in the cells.
 */
final class DistributionMatrixHtml {
    /** Up to this many targets the page shows the whole matrix. */
    static final int MATRIX_TARGETS = 50;
    /** Targets with an artifact not in place shown in a large fleet; the rest are counted. */
    static final int FAILING_SHOWN = 100;
    /** Entries of a run's failed targets and trusted host keys shown; the rest are counted. */
    static final int LIST_SHOWN = 100;
    /** Lists of a run up to this long are shown open; longer ones are folded. */
    static final int OPEN_UP_TO = 10;
    /** A cell's message on the page (the JSON keeps it whole). */
    static final int MESSAGE_SHOWN = 1_000;

    private DistributionMatrixHtml() {}

    static String render(List<DistributionRunRecord> runs, List<DistributionRecord> cells, ReportLabels labels) {
        StringBuilder html = new StringBuilder();
        for (DistributionRunRecord run : runs) {
            run(html, run, labels);
        }
        if (!cells.isEmpty()) {
            Matrix matrix = Matrix.of(cells);
            if (matrix.rows.size() <= MATRIX_TARGETS) {
                html.append(matrix(matrix, matrix.rows.keySet(), labels));
            } else {
                largeFleet(html, matrix, labels);
            }
        }
        return html.toString();
    }

    private static void run(StringBuilder html, DistributionRunRecord run, ReportLabels labels) {
        html.append("<div class=\"rp-dist-run\"><p class=\"rp-dist-run-head\"><span class=\"rp-badge rp-")
                .append(run.ok() ? "success" : "failure").append("\">")
                .append(Html.esc(labels.get(run.ok() ? "dist.policyMet" : "dist.policyMissed"))).append("</span> ")
                .append(Html.esc(Html.time(run.at()))).append("</p><dl class=\"rp-facts\">");
        fact(html, labels.get("dist.fact.targets"), Html.esc(labels.get("dist.targetsValue",
                Integer.toString(run.succeeded()), Integer.toString(run.targets()),
                Integer.toString(run.requiredSuccesses()))));
        fact(html, labels.get("dist.fact.policy"), code(run.minSuccess()));
        fact(html, labels.get("dist.fact.transport"), code(run.transport()));
        fact(html, labels.get("dist.fact.directory"), code(run.remoteDirectory()));
        fact(html, labels.get("dist.fact.artifacts"), Html.esc(String.join(", ", run.artifacts())));
        fact(html, labels.get("dist.fact.sent"), Html.esc(Html.bytes(run.bytesSent())));
        fact(html, labels.get("dist.fact.time"), Html.esc(labels.duration(Duration.ofMillis(run.millis()))));
        html.append("</dl>");
        if (!run.failedTargets().isEmpty()) {
            html.append(collapsible("rp-dist-failed", run.failedTargets().size(), "<strong>"
                    + Html.esc(labels.get("dist.failedTargets", Integer.toString(run.failedTargets().size())))
                    + "</strong>", bounded(run.failedTargets(), labels, false)));
        }
        if (!run.trustedOnFirstUse().isEmpty()) {
            html.append("<div class=\"rp-tofu\"><p><span class=\"rp-badge rp-unstable\">")
                    .append(Html.esc(labels.get("dist.tofu"))).append("</span> ")
                    .append(Html.esc(labels.get("dist.tofuExplained"))).append("</p>")
                    .append(collapsible("rp-dist-keys", run.trustedOnFirstUse().size(), "<strong>"
                            + Html.esc(labels.get("dist.hostKeys", Integer.toString(run.trustedOnFirstUse().size())))
                            + "</strong>", bounded(run.trustedOnFirstUse(), labels, true)))
                    .append("</div>");
        }
        html.append("</div>");
    }

    /** A short list shown as it is; a longer one folded under its heading ({@code <details>}: no script needed). */
    private static String collapsible(String cssClass, int entries, String renderedHead, String renderedBody) {
        if (entries <= OPEN_UP_TO) {
            return "<div class=\"" + cssClass + "\">" + renderedHead + " " + renderedBody + "</div>";
        }
        return "<details class=\"" + cssClass + "\"><summary>" + renderedHead + "</summary>" + renderedBody
                + "</details>";
    }

    /** The first {@link #LIST_SHOWN} entries, then how many more. */
    private static String bounded(List<String> entries, ReportLabels labels, boolean asList) {
        int shown = Math.min(entries.size(), LIST_SHOWN);
        StringBuilder html = new StringBuilder(asList ? "<ul class=\"rp-list rp-fingerprints\">" : "");
        for (int i = 0; i < shown; i++) {
            if (asList) {
                html.append("<li><code>").append(Html.esc(entries.get(i))).append("</code></li>");
            } else {
                html.append(i == 0 ? "" : ", ").append("<code>").append(Html.esc(entries.get(i))).append("</code>");
            }
        }
        String more = entries.size() > shown
                ? Html.esc(labels.get("dist.andMore", Integer.toString(entries.size() - shown))) : "";
        if (asList) {
            return html.append(more.isEmpty() ? "" : "<li>" + more + "</li>").append("</ul>").toString();
        }
        return html.append(more.isEmpty() ? "" : " " + more).toString();
    }

    /** One row a target, one column an artifact: the given targets only. */
    private static String matrix(Matrix matrix, Iterable<String> targets, ReportLabels labels) {
        List<String> headings = new ArrayList<>(matrix.artifacts.size() + 1);
        headings.add(labels.get("col.target"));
        headings.addAll(matrix.artifacts);
        HtmlTable table = new HtmlTable("rp-matrix", headings);
        String[] row = new String[matrix.artifacts.size() + 1];
        for (String target : targets) {
            Map<String, DistributionRecord> cells = matrix.rows.get(target);
            row[0] = Html.esc(target);
            int column = 1;
            for (String artifact : matrix.artifacts) {
                DistributionRecord cell = cells.get(artifact);
                row[column++] = cell == null ? "<span class=\"rp-muted\">—</span>" : cell(cell, labels);
            }
            table.row(row);
        }
        return table.render();
    }

    private static String cell(DistributionRecord record, ReportLabels labels) {
        StringBuilder html = new StringBuilder(Html.badge(record.outcome(), labels));
        if (record.attempts() > 1) {
            html.append(" <span class=\"rp-muted\">").append(Html.esc(labels.get("attempts", record.attempts())))
                    .append("</span>");
        }
        if (record.millis() > 0) {
            html.append(record.attempts() > 1 ? " <span class=\"rp-muted\">· " : " <span class=\"rp-muted\">")
                    .append(Html.esc(labels.duration(Duration.ofMillis(record.millis())))).append("</span>");
        }
        if (record.verifiedBy() != null) {
            html.append("<br><span class=\"rp-verified\">")
                    .append(Html.esc(labels.get("dist.verifiedBy", record.verifiedBy()))).append("</span>");
        }
        if (record.message() != null) {
            html.append("<br>").append(Html.esc(Bounds.bounded(record.message(), MESSAGE_SHOWN)));
        }
        return html.toString();
    }

    /** A summary line per artifact, then the targets that need attention, then where the rest is. */
    private static void largeFleet(StringBuilder html, Matrix matrix, ReportLabels labels) {
        html.append("<p class=\"rp-note\">").append(Html.esc(labels.get("dist.large",
                Integer.toString(matrix.rows.size()), Integer.toString(matrix.artifacts.size())))).append("</p>");
        HtmlTable summary = new HtmlTable("rp-dist-summary", List.of(labels.get("dist.col.artifact"),
                labels.get("dist.col.uploaded"), labels.get("dist.col.skipped"), labels.get("dist.col.failed"),
                labels.get("dist.col.notAttempted"), labels.get("dist.col.bytes"), labels.get("dist.col.time"),
                labels.get("dist.col.slowest")));
        for (String artifact : matrix.artifacts) {
            Totals totals = matrix.totals.get(artifact);
            summary.row(Html.esc(artifact), count(totals, DistributionOutcome.UPLOADED),
                    count(totals, DistributionOutcome.SKIPPED_IDENTICAL), count(totals, DistributionOutcome.FAILED),
                    count(totals, DistributionOutcome.NOT_ATTEMPTED), Html.esc(Html.bytes(totals.uploadedBytes)),
                    Html.esc(labels.duration(Duration.ofMillis(totals.millis))),
                    Html.esc(labels.duration(Duration.ofMillis(totals.slowest))));
        }
        html.append(summary.render());
        List<String> failing = matrix.failing;
        if (failing.isEmpty()) {
            html.append("<p>").append(Html.esc(labels.get("dist.noneFailing"))).append("</p>");
        } else {
            html.append("<p class=\"rp-dist-failing\"><strong>")
                    .append(Html.esc(labels.get("dist.failing", Integer.toString(failing.size()))))
                    .append("</strong></p>");
            html.append(matrix(matrix, failing.subList(0, Math.min(failing.size(), FAILING_SHOWN)), labels));
            if (failing.size() > FAILING_SHOWN) {
                html.append("<p class=\"rp-note\">").append(Html.esc(labels.get("dist.moreFailing",
                        Integer.toString(failing.size() - FAILING_SHOWN)))).append("</p>");
            }
        }
        html.append("<p class=\"rp-note\">").append(Html.esc(labels.get("dist.fullMatrix"))).append("</p>");
    }

    private static String count(Totals totals, DistributionOutcome outcome) {
        int count = totals.counts.getOrDefault(outcome, 0);
        boolean notInPlace = outcome == DistributionOutcome.FAILED || outcome == DistributionOutcome.NOT_ATTEMPTED;
        return notInPlace && count > 0
                ? "<strong>" + count + "</strong>" : Integer.toString(count);
    }

    private static String code(String text) {
        return text == null ? "<span class=\"rp-muted\">—</span>" : "<code>" + Html.esc(text) + "</code>";
    }

    private static void fact(StringBuilder html, String name, String renderedValue) {
        html.append("<div><dt>").append(Html.esc(name)).append("</dt><dd>").append(renderedValue).append("</dd></div>");
    }

    /** Per artifact: how many cells had each outcome, bytes uploaded, time over all targets and the slowest. */
    private static final class Totals {
        final Map<DistributionOutcome, Integer> counts = new EnumMap<>(DistributionOutcome.class);
        long uploadedBytes;
        long millis;
        long slowest;

        void add(DistributionRecord cell) {
            if (cell.outcome() != null) {
                counts.merge(cell.outcome(), 1, Integer::sum);
            }
            if (cell.outcome() == DistributionOutcome.UPLOADED) {
                uploadedBytes = saturatedAdd(uploadedBytes, Math.max(0, cell.bytes()));
            }
            millis = saturatedAdd(millis, Math.max(0, cell.millis()));
            slowest = Math.max(slowest, cell.millis());
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return sum < a ? Long.MAX_VALUE : sum; // both are non-negative: an overflow wraps below a
        }
    }

    /** The cells grouped by target (rows in first-seen order) and by artifact (columns), in one pass. */
    private static final class Matrix {
        final Map<String, Map<String, DistributionRecord>> rows = new LinkedHashMap<>();
        final Set<String> artifacts = new LinkedHashSet<>();
        final Map<String, Totals> totals = new HashMap<>();
        final List<String> failing = new ArrayList<>();

        static Matrix of(List<DistributionRecord> cells) {
            Matrix matrix = new Matrix();
            Set<String> failing = new LinkedHashSet<>();
            for (DistributionRecord cell : cells) {
                matrix.rows.computeIfAbsent(cell.target(), t -> new HashMap<>(4)).put(cell.artifact(), cell);
                matrix.artifacts.add(cell.artifact());
            }
            // A second pass over what the rows kept: a cell replaced by a later one with the same key counts once.
            for (Map.Entry<String, Map<String, DistributionRecord>> row : matrix.rows.entrySet()) {
                for (DistributionRecord cell : row.getValue().values()) {
                    matrix.totals.computeIfAbsent(cell.artifact(), a -> new Totals()).add(cell);
                    if (!cell.inPlace()) {
                        failing.add(row.getKey());
                    }
                }
            }
            matrix.failing.addAll(failing);
            return matrix;
        }
    }
}
