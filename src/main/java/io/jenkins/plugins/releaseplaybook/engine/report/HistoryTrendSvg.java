package io.jenkins.plugins.releaseplaybook.engine.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * The history's trend as one inline SVG, oldest release on the left: a bar a release, as high as its duration and
 * coloured by its verdict through CSS (a release without a duration is a stub on the axis); below, each release's time
 * to detect (circle) and time to recover (square) on a shared scale. Every bar and point has a title for its values.
 */
final class HistoryTrendSvg {
    private static final int WIDTH = 760;
    private static final int LEFT = 8;
    private static final int RIGHT = 8;
    private static final int TOP = 18;
    private static final int DURATION_HEIGHT = 110;
    private static final int GAP = 34;
    private static final int TIMES_HEIGHT = 70;
    private static final int AXIS = 18;
    private static final int STUB = 2;

    private HistoryTrendSvg() {}

    static String render(List<ReleaseHistory.Release> newestFirst, ReportLabels labels) {
        List<ReleaseHistory.Release> releases = new ArrayList<>(newestFirst);
        Collections.reverse(releases);
        int n = releases.size();
        double slot = (WIDTH - LEFT - RIGHT) / (double) n;
        double barWidth = Math.max(1, slot * 0.75);
        double maxDuration = Math.max(1, releases.stream().map(r -> r.summary().releaseDuration())
                .mapToDouble(HistoryTrendSvg::seconds).max().orElse(1));
        double maxTime = Math.max(1, releases.stream().flatMap(r -> Stream.of(r.summary().timeToDetect(),
                r.summary().timeToRecover())).mapToDouble(HistoryTrendSvg::seconds).max().orElse(1));
        int timesTop = TOP + DURATION_HEIGHT + GAP;
        int height = timesTop + TIMES_HEIGHT + AXIS;
        int durationBase = TOP + DURATION_HEIGHT;
        int timesBase = timesTop + TIMES_HEIGHT;

        StringBuilder svg = new StringBuilder(256 + n * 420);
        svg.append("<svg class=\"rp-trend\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\"><title>").append(Html.esc(labels.get("history.trend.title"))).append("</title>");
        caption(svg, TOP - 6, labels.get("history.trend.durations", labels.duration(duration(maxDuration))));
        axis(svg, durationBase);
        caption(svg, timesTop - 6, labels.get("history.trend.times", labels.duration(duration(maxTime))));
        axis(svg, timesBase);
        for (int i = 0; i < n; i++) {
            ReleaseHistory.Release release = releases.get(i);
            ReleaseSummary summary = release.summary();
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double centre = LEFT + i * slot + slot / 2;
            Duration duration = summary.releaseDuration();
            double h = duration == null ? STUB : Math.max(STUB, DURATION_HEIGHT * seconds(duration) / maxDuration);
            svg.append("<rect class=\"rp-trend-bar rp-v-").append(Html.cssName(release.verdict())).append("\" x=\"")
                    .append(TimelineSvg.fmt(x)).append("\" y=\"").append(TimelineSvg.fmt(durationBase - h))
                    .append("\" width=\"").append(TimelineSvg.fmt(barWidth)).append("\" height=\"")
                    .append(TimelineSvg.fmt(h)).append("\"><title>")
                    .append(Html.esc(labels.get("history.trend.tooltip", release.build().number(),
                            labels.word(release.verdict()), duration == null ? labels.get("history.trend.noDuration")
                                    : labels.duration(duration))))
                    .append("</title></rect>");
            point(svg, "rp-ttd", centre, timesBase, summary.timeToDetect(), maxTime, release, "history.trend.ttd", labels);
            point(svg, "rp-ttr", centre, timesBase, summary.timeToRecover(), maxTime, release, "history.trend.ttr", labels);
        }
        int axisY = height - 4;
        svg.append("<text class=\"rp-axis\" x=\"").append(LEFT).append("\" y=\"").append(axisY).append("\">#")
                .append(releases.get(0).build().number()).append("</text>");
        svg.append("<text class=\"rp-axis rp-axis-end\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(axisY)
                .append("\">#").append(releases.get(n - 1).build().number()).append("</text>");
        return svg.append("</svg>").toString();
    }

    private static void point(StringBuilder svg, String cssClass, double x, int base, Duration value, double max,
            ReleaseHistory.Release release, String key, ReportLabels labels) {
        if (value == null) {
            return;
        }
        double y = base - TIMES_HEIGHT * seconds(value) / max;
        String title = Html.esc(labels.get(key, release.build().number(), labels.duration(value)));
        if (cssClass.equals("rp-ttd")) {
            svg.append("<circle class=\"").append(cssClass).append("\" r=\"3\" cx=\"").append(TimelineSvg.fmt(x))
                    .append("\" cy=\"").append(TimelineSvg.fmt(y)).append("\"><title>").append(title)
                    .append("</title></circle>");
        } else {
            svg.append("<rect class=\"").append(cssClass).append("\" width=\"6\" height=\"6\" x=\"")
                    .append(TimelineSvg.fmt(x - 3)).append("\" y=\"").append(TimelineSvg.fmt(y - 3)).append("\"><title>")
                    .append(title).append("</title></rect>");
        }
    }

    private static void caption(StringBuilder svg, int y, String text) {
        svg.append("<text class=\"rp-axis\" x=\"").append(LEFT).append("\" y=\"").append(y).append("\">")
                .append(Html.esc(text)).append("</text>");
    }

    private static void axis(StringBuilder svg, int y) {
        svg.append("<line class=\"rp-trend-axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>");
    }

    private static double seconds(Duration duration) {
        return duration == null ? 0 : duration.getSeconds() + duration.getNano() / 1e9;
    }

    private static Duration duration(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
