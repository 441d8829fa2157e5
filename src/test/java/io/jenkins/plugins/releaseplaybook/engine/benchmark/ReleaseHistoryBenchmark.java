package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildResult;
import io.jenkins.plugins.releaseplaybook.engine.report.CheckRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.HistoryEntry;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHistory;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHistoryHtml;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseSummary;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseSummaryJson;
import io.jenkins.plugins.releaseplaybook.engine.report.ReportException;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.SamplePoint;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import io.jenkins.plugins.releaseplaybook.engine.verification.SampleOutcome;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The job's Release History over {@code --builds} stored reports (default 1,000): realistic reports (plan, backup,
 * silence, a verification of three checks with 20 samples each, the change, one in seven rolled back, one in twenty a
 * drill, one in fifty without a report and one in a hundred damaged) written as JSON files in build directories, then
 * timed after a warm-up: reading and parsing every file (the parts the history needs, with {@link ReleaseSummaryJson};
 * the whole report with {@link ReleaseReportJson#read} for comparison), summarizing, computing the KPIs ({@code view}:
 * what a page view costs with a cold cache), the KPIs from cached summaries, and rendering the page. Budget (issue 13): KPIs of
 * 1,000 stored reports, JSON parse included, within 200 ms; the page within 2 MB.
 *
 * <pre>bench/release-history-bench.sh [--builds N] [--warmup N] [--repeats N] [--markdown FILE]</pre>
 */
public final class ReleaseHistoryBenchmark {
    private static final double BUDGET_MS = 200;
    private static final long PAGE_BUDGET = 2L * 1024 * 1024;
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private int builds = 1_000;
    private int warmup = 10;
    private int repeats = 20;
    private Path markdown;

    public static void main(String[] args) throws Exception {
        ReleaseHistoryBenchmark bench = new ReleaseHistoryBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--builds" -> bench.builds = Integer.parseInt(args[++i]);
                case "--warmup" -> bench.warmup = Integer.parseInt(args[++i]);
                case "--repeats" -> bench.repeats = Integer.parseInt(args[++i]);
                case "--markdown" -> bench.markdown = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        boolean ok = bench.run();
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        String loadBefore = MachineInfo.loadAverage();
        Path jobDir = Files.createTempDirectory("release-playbook-history-bench-");
        Clock clock = Clock.fixed(T0.plus(Duration.ofDays(builds)), ZoneOffset.UTC);
        try {
            long totalBytes = writeBuilds(jobDir);
            Timings view = new Timings("view", "KPIs from the files: read + parse + summarize every report, compute", "");
            Timings parse = new Timings("parse", "of which: read + parse + summarize", "");
            Timings full = new Timings("full", "for comparison: read + parse every whole report (ReleaseReportJson.read)"
                    + " + summarize", "");
            Timings viewCpu = new Timings("viewCpu", "the same, CPU time of the thread (what it costs without waiting for"
                    + " a core)", "");
            Timings cached = new Timings("cached", "KPIs from cached summaries (a warm page view)", "");
            Timings render = new Timings("render", "HTML render of the page (every release listed)", "");
            int pageBytes = 0;
            ReleaseHistory history = null;
            for (int i = 0; i < warmup + repeats; i++) {
                boolean measured = i >= warmup;
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                List<HistoryEntry> entries = readBuilds(jobDir, false);
                long t1 = System.nanoTime();
                history = ReleaseHistory.of(entries, builds, clock);
                long t2 = System.nanoTime();
                long c2 = THREADS.getCurrentThreadCpuTime();
                ReleaseHistory again = ReleaseHistory.of(entries, builds, clock);
                long t3 = System.nanoTime();
                String page = ReleaseHistoryHtml.renderFragment(again, Locale.ROOT, "/jenkins/job/shop/job/checkout/");
                long t4 = System.nanoTime();
                if (measured) {
                    long f0 = System.nanoTime();
                    readBuilds(jobDir, true);
                    full.add(System.nanoTime() - f0);
                    parse.add(t1 - t0);
                    view.add(t2 - t0);
                    viewCpu.add(c2 - c0);
                    cached.add(t3 - t2);
                    render.add(t4 - t3);
                }
                pageBytes = page.getBytes(StandardCharsets.UTF_8).length;
            }
            List<String> out = new ArrayList<>();
            out.add("### Results (" + builds + " builds, " + warmup + " warm-up rounds, " + repeats + " measured)");
            out.add("");
            for (String line : MachineInfo.describe()) {
                if (!line.startsWith("prometheus") && !line.startsWith("curl")) {
                    out.add("- " + line);
                }
            }
            out.add("- load average before: " + loadBefore + "; after: " + MachineInfo.loadAverage());
            out.add(String.format(Locale.ROOT, "- %d report files, %.1f MB in all (%.1f KB each on average); %d "
                            + "releases, %d without a report, %d damaged", builds - history.missing(), totalBytes / 1e6,
                    totalBytes / 1024.0 / Math.max(1, builds - history.missing()), history.releases().size(),
                    history.missing(), history.corrupt()));
            out.add(String.format(Locale.ROOT, "- page %.0f KB (budget %d KB)", pageBytes / 1024.0, PAGE_BUDGET / 1024));
            out.add("");
            out.add("| what | median ms | p90 ms | min ms | max ms |");
            out.add("|---|---:|---:|---:|---:|");
            for (Timings timings : List.of(view, viewCpu, parse, full, cached, render)) {
                out.add("| " + timings.what() + " | " + Timings.ms(timings.median()) + " | " + Timings.ms(timings.p90())
                        + " | " + Timings.ms(timings.min()) + " | " + Timings.ms(timings.max()) + " |");
            }
            boolean ok = view.median() <= BUDGET_MS && pageBytes <= PAGE_BUDGET;
            out.add("");
            out.add(String.format(Locale.ROOT, "Budget %s: KPIs from %d stored reports in %s ms (median) against %.0f ms,"
                            + " page %d KB against %d KB.", ok ? "met" : "MISSED", builds, Timings.ms(view.median()),
                    BUDGET_MS, pageBytes / 1024, PAGE_BUDGET / 1024));
            String text = String.join("\n", out) + "\n";
            System.out.print(text);
            if (markdown != null) {
                Files.createDirectories(markdown.toAbsolutePath().getParent());
                Files.writeString(markdown, text);
            }
            return ok;
        } finally {
            deleteTree(jobDir);
        }
    }

    /** Build directories {@code <n>/release-report.json} as Jenkins keeps them; returns the bytes written. */
    private long writeBuilds(Path jobDir) throws IOException {
        long bytes = 0;
        for (int n = 1; n <= builds; n++) {
            Path dir = Files.createDirectories(jobDir.resolve(Integer.toString(n)));
            if (n % 50 == 17) {
                continue; // a build without a report
            }
            Path file = dir.resolve("release-report.json");
            if (n % 100 == 33) {
                Files.writeString(file, "{\"schemaVersion\": 4, \"header\": {\"service\": ");
            } else {
                try (OutputStream out = Files.newOutputStream(file)) {
                    ReleaseReportJson.write(report(n), out);
                }
            }
            bytes += Files.size(file);
        }
        return bytes;
    }

    /**
     * What the plugin does for a page view with an empty cache: every build, newest first, read with
     * {@link ReleaseSummaryJson} (or, {@code full}, with the whole report bound, for comparison).
     */
    private List<HistoryEntry> readBuilds(Path jobDir, boolean full) {
        List<HistoryEntry> entries = new ArrayList<>(builds);
        for (int n = builds; n >= 1; n--) {
            BuildRef build = new BuildRef("shop/checkout", n, null);
            BuildResult result = n % 7 == 0 ? BuildResult.FAILURE : BuildResult.SUCCESS;
            Path file = jobDir.resolve(Integer.toString(n)).resolve("release-report.json");
            if (!Files.isRegularFile(file)) {
                entries.add(HistoryEntry.missing(build, result));
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                entries.add(HistoryEntry.of(build, result, full ? ReleaseSummary.of(ReleaseReportJson.read(in,
                        "release-report.json")) : ReleaseSummaryJson.read(in, "release-report.json")));
            } catch (ReportException e) {
                entries.add(HistoryEntry.corrupt(build, result, e.getMessage()));
            } catch (IOException e) {
                entries.add(HistoryEntry.corrupt(build, result, e.toString()));
            }
        }
        return entries;
    }

    /** A realistic release report of build {@code n}. */
    static ReleaseReport report(int n) {
        Instant s = T0.plus(Duration.ofHours(24L * n));
        boolean rolledBack = n % 7 == 0;
        boolean drill = n % 20 == 5;
        long changeEnd = 300 + n % 240;
        ReleaseReport report = ReleaseReport.empty().withHeader(new ReleaseHeader("checkout", "1.4." + n, Risk.HIGH,
                List.of("oncall-checkout@example.com"), List.of("checkout-api", "checkout-worker"), drill,
                new BuildRef("shop/checkout", n, "https://ci.example.com/job/shop/job/checkout/" + n + "/"), s));
        report = report.withStage(stage("plan", StageKind.PLAN, s, 0, 1, StageStatus.SUCCESS))
                .withStage(stage("backup", StageKind.BACKUP, s, 1, 40, StageStatus.SUCCESS))
                .withStage(stage("silence", StageKind.SILENCE, s, 40, changeEnd + 120, StageStatus.SUCCESS))
                .withBackup(new BackupRecord("b-" + n, "checkout", "web-agent-1", "/var/backups/checkout/b-" + n
                        + ".tar.zst", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 1204,
                        73_400_320, true, s.plusSeconds(40), List.of("/opt/checkout/current", "/etc/checkout")))
                .withSilence(new SilenceRecord("5c7e0a4e-" + n, List.of(), List.of("service=\"checkout\"",
                        "alertname=~\"HighLatency|HighErrorRate\""), s.plusSeconds(40), s.plusSeconds(2700),
                        "jenkins: shop/checkout #" + n, "checkout release", "http://alertmanager:9093",
                        SilenceRecord.SilenceState.EXPIRED, List.of()));
        boolean failed = rolledBack || drill;
        report = report.withStage(stage("release", StageKind.RELEASE, s, 60, changeEnd,
                        failed ? StageStatus.FAILURE : StageStatus.SUCCESS))
                .withStage(stage("verify", StageKind.VERIFY, s, 120, changeEnd,
                        failed ? StageStatus.FAILURE : StageStatus.SUCCESS))
                .withVerification(new VerificationRecord("checkout", s.plusSeconds(120), s.plusSeconds(changeEnd),
                        failed ? Verdict.FAIL : Verdict.PASS, List.of(check("p99 latency", s, 0.2, failed),
                                check("error ratio", s, 0.002, false), check("request rate", s, 120, false))));
        if (failed) {
            long end = changeEnd + 90;
            report = report.withStage(stage("rollback", StageKind.ROLLBACK, s, changeEnd, end, StageStatus.SUCCESS))
                    .withRollback(new RollbackRecord("verifyStability failed: p99 latency", s.plusSeconds(changeEnd),
                            s.plusSeconds(end), List.of(new RollbackRecord.Action("./deploy.sh --previous",
                                    StageStatus.SUCCESS, null, "command", Duration.ofSeconds(90))),
                            StageStatus.SUCCESS, s.plusSeconds(60), s.plusSeconds(changeEnd), s.plusSeconds(end),
                            Duration.ofSeconds(changeEnd - 60), Duration.ofSeconds(90), false, null, drill, null));
        }
        return report;
    }

    private static CheckRecord check(String name, Instant s, double level, boolean failing) {
        List<SamplePoint> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double value = level * (1 + 0.05 * (i % 4)) * (failing && i > 15 ? 3 : 1);
            samples.add(new SamplePoint(s.plusSeconds(120 + 10L * i), value,
                    failing && i > 15 ? SampleOutcome.FAIL : SampleOutcome.PASS));
        }
        return new CheckRecord(name, "sum(rate(http_requests_total{service=\"checkout\"}[1m]))", "<= " + level * 2,
                level * 2, level, level, level * 0.9, level * 1.1, failing ? Verdict.FAIL : Verdict.PASS, samples,
                List.of(name + " " + level + " <= " + level * 2 + " (median of 20 samples)"));
    }

    private static StageRecord stage(String id, StageKind kind, Instant base, long from, long to, StageStatus status) {
        return new StageRecord(id, kind, id, base.plusSeconds(from), base.plusSeconds(to), status, null);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
