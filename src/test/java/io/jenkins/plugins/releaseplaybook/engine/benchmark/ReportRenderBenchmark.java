package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import io.jenkins.plugins.releaseplaybook.engine.distribution.Artifact;
import io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactResult;
import io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactSet;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionProgress;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionResult;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionSpec;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Distributor;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Target;
import io.jenkins.plugins.releaseplaybook.engine.distribution.TargetResult;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRecord.DistributionOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.DistributionRunRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportHtml;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Release Report of a large pre-distribution: a real {@link Distributor#toLocalDirectories} run to
 * {@code --targets} local-directory targets (one in a hundred has no directory, so it fails before any artifact) x 3
 * artifacts, turned into report records, then timed after a warm-up: recording the run in a report, writing the JSON,
 * reading it back, and rendering the page (fragment, as Jenkins serves it, and standalone). Budget (issue 11): JSON +
 * HTML render within 200 ms and a page within 2 MB at 10,000 targets.
 *
 * <pre>bench/report-render-bench.sh [--targets N] [--warmup N] [--repeats N] [--markdown FILE]</pre>
 */
public final class ReportRenderBenchmark {
    private static final double BUDGET_MS = 200;
    private static final long PAGE_BUDGET = 2L * 1024 * 1024;

    private int targets = 10_000;
    private int warmup = 15;
    private int repeats = 25;
    private Path markdown;

    public static void main(String[] args) throws Exception {
        ReportRenderBenchmark bench = new ReportRenderBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--targets" -> bench.targets = Integer.parseInt(args[++i]);
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
        Path work = Files.createTempDirectory("release-playbook-report-bench-");
        DistributionResult result;
        long distributeNanos;
        try {
            Path workspace = Files.createDirectories(work.resolve("workspace"));
            List<String> names = List.of("checkout-service-1.4.2.jar", "checkout-service.conf", "checkout-cli-1.4.2.jar");
            for (int i = 0; i < names.size(); i++) {
                Files.write(workspace.resolve(names.get(i)), new byte[1024 * (i + 1)]);
            }
            Path root = Files.createDirectories(work.resolve("hosts"));
            List<Target> fleet = new ArrayList<>();
            for (int t = 0; t < targets; t++) {
                String host = String.format(Locale.ROOT, "web-%05d.eu-west.example.com", t);
                fleet.add(Target.parse("deploy@" + host));
                if (t % 100 != 7) {
                    Files.createDirectories(root.resolve(host));
                }
            }
            DistributionSpec spec = DistributionSpec.builder()
                    .artifacts(ArtifactSet.collect(workspace, names))
                    .targets(fleet).remoteDirectory("/srv/checkout/releases").createDirectory(true).retries(0)
                    .minSuccess("90%").build();
            long start = System.nanoTime();
            result = Distributor.toLocalDirectories(root, spec, DistributionProgress.NONE);
            distributeNanos = System.nanoTime() - start;
        } finally {
            deleteTree(work);
        }
        DistributionRunRecord run = runRecord(result, "90%");
        List<DistributionRecord> cells = cells(result);

        Timings record = new Timings("record", "`withDistributionRun` (upsert 30,000 cells into an empty report)", "");
        Timings write = new Timings("write", "JSON write (`ReleaseReportJson.toBytes`)", "");
        Timings read = new Timings("read", "JSON read (`ReleaseReportJson.read`)", "");
        Timings fragment = new Timings("fragment", "HTML render, fragment (what the Jenkins page embeds)", "");
        Timings standalone = new Timings("standalone", "HTML render, standalone document (stylesheet inlined)", "");
        Timings writeAndRender = new Timings("step", "step: record + JSON write + HTML render", "");
        Timings readAndRender = new Timings("view", "page view: JSON read + HTML render", "");
        int jsonBytes = 0;
        int pageBytes = 0;
        for (int i = 0; i < warmup + repeats; i++) {
            boolean measured = i >= warmup;
            long t0 = System.nanoTime();
            ReleaseReport report = ReleaseReport.empty().withDistributionRun(run, cells);
            long t1 = System.nanoTime();
            byte[] json = ReleaseReportJson.toBytes(report);
            long t2 = System.nanoTime();
            String page = ReleaseReportHtml.renderFragment(report);
            long t3 = System.nanoTime();
            ReleaseReport again = ReleaseReportJson.read(new ByteArrayInputStream(json), "bench.json");
            long t4 = System.nanoTime();
            String pageAgain = ReleaseReportHtml.renderFragment(again);
            long t5 = System.nanoTime();
            String document = ReleaseReportHtml.renderStandalone(again);
            long t6 = System.nanoTime();
            if (!page.equals(pageAgain)) {
                throw new IllegalStateException("the page read back differs from the page written");
            }
            if (measured) {
                record.add(t1 - t0);
                write.add(t2 - t1);
                fragment.add(t3 - t2);
                read.add(t4 - t3);
                standalone.add(t6 - t5);
                writeAndRender.add(t3 - t0);
                readAndRender.add(t5 - t3);
            }
            jsonBytes = json.length;
            pageBytes = document.getBytes(StandardCharsets.UTF_8).length;
        }

        List<String> out = new ArrayList<>();
        out.add("### Results (" + targets + " targets x " + result.artifacts().size() + " artifacts, " + warmup
                + " warm-up rounds, " + repeats + " measured)");
        out.add("");
        for (String line : MachineInfo.describe()) {
            if (!line.startsWith("prometheus") && !line.startsWith("curl")) {
                out.add("- " + line);
            }
        }
        out.add("- load average before: " + MachineInfo.loadAverage());
        out.add(String.format(Locale.ROOT, "- the distribution itself (local directories, parallelism %d): %.1f s; "
                        + "%d of %d targets ok, %d cells, %d failed targets",
                DistributionSpec.DEFAULT_PARALLELISM, distributeNanos / 1e9, result.succeeded(), result.targets().size(),
                cells.size(), result.failedTargets().size()));
        out.add(String.format(Locale.ROOT, "- JSON %.1f MB; standalone page %.0f KB (budget %d KB)", jsonBytes / 1e6,
                pageBytes / 1024.0, PAGE_BUDGET / 1024));
        out.add("");
        out.add("| what | median ms | p90 ms | min ms | max ms |");
        out.add("|---|---:|---:|---:|---:|");
        for (Timings timings : List.of(record, write, read, fragment, standalone, writeAndRender, readAndRender)) {
            out.add("| " + timings.what() + " | " + Timings.ms(timings.median()) + " | " + Timings.ms(timings.p90())
                    + " | " + Timings.ms(timings.min()) + " | " + Timings.ms(timings.max()) + " |");
        }
        boolean ok = writeAndRender.median() <= BUDGET_MS && readAndRender.median() <= BUDGET_MS
                && pageBytes <= PAGE_BUDGET;
        out.add("");
        out.add(String.format(Locale.ROOT, "Budget %s: step %s ms and page view %s ms (medians) against %.0f ms, "
                        + "page %d KB against %d KB.", ok ? "met" : "MISSED", Timings.ms(writeAndRender.median()),
                Timings.ms(readAndRender.median()), BUDGET_MS, pageBytes / 1024, PAGE_BUDGET / 1024));
        String text = String.join("\n", out) + "\n";
        System.out.print(text);
        if (markdown != null) {
            Files.createDirectories(markdown.toAbsolutePath().getParent());
            Files.writeString(markdown, text);
        }
        return ok;
    }

    /** What {@code preDistribute} records for a result: the run as a whole. */
    static DistributionRunRecord runRecord(DistributionResult result, String minSuccess) {
        return new DistributionRunRecord(Instant.now(), "local", "/srv/checkout/releases",
                result.artifacts().stream().map(Artifact::name).toList(), result.targets().size(), result.succeeded(),
                result.requiredSuccesses(), minSuccess, result.bytesSent(), result.millis(), result.ok(),
                result.failedTargets(), result.trustedOnFirstUse());
    }

    /** One cell per target and artifact. */
    static List<DistributionRecord> cells(DistributionResult result) {
        Map<String, String> hashes = new HashMap<>();
        result.artifacts().forEach(a -> hashes.put(a.name(), a.sha256()));
        List<DistributionRecord> cells = new ArrayList<>();
        for (TargetResult target : result.targets()) {
            for (ArtifactResult artifact : target.artifacts()) {
                cells.add(new DistributionRecord(target.target(), artifact.artifact(), hashes.get(artifact.artifact()),
                        artifact.bytes(), DistributionOutcome.valueOf(artifact.outcome().name()), artifact.attempts(),
                        artifact.reason() == null ? null : artifact.reason().english(), artifact.millis(),
                        artifact.verifiedBy()));
            }
        }
        return cells;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
