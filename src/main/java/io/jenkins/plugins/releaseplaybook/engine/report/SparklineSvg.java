package io.jenkins.plugins.releaseplaybook.engine.report;

import io.jenkins.plugins.releaseplaybook.engine.verification.SampleOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * A check's samples as a small inline SVG: the value line, the threshold as a dashed line and the
 * baseline as a band, so a reader sees at a glance how close the release came to the limit.
 */
final class SparklineSvg {
    private static final int WIDTH = 240;
    private static final int HEIGHT = 48;
    private static final int PAD = 4;

    private SparklineSvg() {}

    static String render(CheckRecord check, ReportLabels labels) {
        List<double[]> points = new ArrayList<>();
        List<SamplePoint> samples = check.samples();
        for (int i = 0; i < samples.size(); i++) {
            Double value = samples.get(i).value();
            if (value != null && Double.isFinite(value)) {
                points.add(new double[] {i, value, samples.get(i).outcome() == SampleOutcome.FAIL ? 1 : 0});
            }
        }
        if (points.isEmpty()) {
            return "<span class=\"rp-muted\">" + Html.esc(labels.get("noData")) + "</span>";
        }
        double min = points.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        double max = points.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        for (Double extra : new Double[] {check.limit(), check.baselineLow(), check.baselineHigh()}) {
            if (extra != null && Double.isFinite(extra)) {
                min = Math.min(min, extra);
                max = Math.max(max, extra);
            }
        }
        if (max - min < 1e-12) {
            max = min + Math.max(1e-9, Math.abs(min) * 0.1 + 1e-9);
        }
        Scale scale = new Scale(Math.max(1, samples.size() - 1), min, max);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"rp-sparkline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\"><title>").append(Html.esc(check.name())).append("</title>");
        if (check.baselineLow() != null && check.baselineHigh() != null) {
            double top = scale.y(check.baselineHigh());
            double bottom = scale.y(check.baselineLow());
            svg.append("<rect class=\"rp-band\" x=\"").append(PAD).append("\" y=\"").append(TimelineSvg.fmt(top))
                    .append("\" width=\"").append(WIDTH - 2 * PAD).append("\" height=\"")
                    .append(TimelineSvg.fmt(Math.max(1, bottom - top))).append("\"/>");
        }
        if (check.limit() != null && Double.isFinite(check.limit())) {
            String y = TimelineSvg.fmt(scale.y(check.limit()));
            svg.append("<line class=\"rp-limit\" x1=\"").append(PAD).append("\" x2=\"").append(WIDTH - PAD)
                    .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>");
        }
        svg.append("<polyline class=\"rp-line\" points=\"");
        for (double[] p : points) {
            svg.append(TimelineSvg.fmt(scale.x(p[0]))).append(',').append(TimelineSvg.fmt(scale.y(p[1]))).append(' ');
        }
        svg.append("\"/>");
        for (double[] p : points) {
            if (p[2] > 0) {
                svg.append("<circle class=\"rp-fail-point\" r=\"2.5\" cx=\"").append(TimelineSvg.fmt(scale.x(p[0])))
                        .append("\" cy=\"").append(TimelineSvg.fmt(scale.y(p[1]))).append("\"/>");
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private record Scale(double maxIndex, double min, double max) {
        double x(double index) {
            return PAD + (WIDTH - 2.0 * PAD) * index / maxIndex;
        }

        double y(double value) {
            return HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (value - min) / (max - min);
        }
    }
}
