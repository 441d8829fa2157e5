package io.jenkins.plugins.releaseplaybook.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The playbook timeline as an inline SVG Gantt chart: one bar a stage, coloured by status through CSS. */
final class TimelineSvg {
    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 200;
    private static final int ROW = 24;
    private static final int BAR = 16;
    private static final int AXIS = 22;
    private static final int LABEL_CHARS = 30;

    private TimelineSvg() {}

    static String render(List<StageRecord> stages, ReportLabels labels) {
        Instant first = stages.stream().map(StageRecord::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = stages.stream().map(s -> s.end() == null ? s.start() : s.end())
                .max(Comparator.naturalOrder()).orElseThrow();
        double spanSeconds = Math.max(1, seconds(first, last));
        int chartWidth = WIDTH - LABEL_WIDTH - 10;
        int height = stages.size() * ROW + AXIS;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"rp-timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\"><title>").append(Html.esc(labels.get("timeline.title")))
                .append("</title>");
        for (int i = 0; i < stages.size(); i++) {
            StageRecord stage = stages.get(i);
            int y = i * ROW;
            Instant end = stage.end() == null ? last : stage.end();
            double x = LABEL_WIDTH + chartWidth * seconds(first, stage.start()) / spanSeconds;
            double w = Math.max(3, chartWidth * seconds(stage.start(), end) / spanSeconds);
            svg.append("<text class=\"rp-timeline-label\" x=\"4\" y=\"").append(y + BAR - 3).append("\">")
                    .append(Html.esc(label(stage, labels))).append("</text>");
            svg.append("<rect class=\"rp-bar rp-").append(Html.cssName(stage.status())).append("\" x=\"")
                    .append(fmt(x)).append("\" y=\"").append(y + (ROW - BAR) / 2).append("\" width=\"").append(fmt(w))
                    .append("\" height=\"").append(BAR).append("\" rx=\"3\"><title>")
                    .append(Html.esc(tooltip(stage, labels))).append("</title></rect>");
        }
        int axisY = stages.size() * ROW + 15;
        svg.append("<text class=\"rp-axis\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(axisY).append("\">")
                .append(Html.esc(Html.clock(first))).append("</text>");
        svg.append("<text class=\"rp-axis rp-axis-end\" x=\"").append(WIDTH - 10).append("\" y=\"").append(axisY)
                .append("\">").append(Html.esc(Html.clock(last))).append("</text>");
        svg.append("</svg>");
        return svg.toString();
    }

    /** Seconds between two instants as a double: no overflow even from Instant.MIN to Instant.MAX. */
    private static double seconds(Instant from, Instant to) {
        Duration between = Duration.between(from, to);
        return between.getSeconds() + between.getNano() / 1e9;
    }

    /** The label, cut to {@link #LABEL_CHARS} code points (never inside a surrogate pair) with an ellipsis. */
    static String label(StageRecord stage, ReportLabels labels) {
        String text = labels.stage(stage.kind()) + (stage.name() == null ? "" : ": " + stage.name());
        if (text.codePointCount(0, text.length()) <= LABEL_CHARS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, LABEL_CHARS - 1)) + "…";
    }

    private static String tooltip(StageRecord stage, ReportLabels labels) {
        return labels.get("timeline.tooltip", labels.stage(stage.kind()), stage.name() == null ? "" : stage.name(),
                labels.word(stage.status()), Html.time(stage.start()),
                stage.end() == null ? labels.get("timeline.now") : Html.time(stage.end()))
                + (stage.message() == null ? "" : " — " + stage.message());
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
