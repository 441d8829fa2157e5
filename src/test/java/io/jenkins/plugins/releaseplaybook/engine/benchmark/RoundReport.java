package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown report of {@link VerificationRoundBenchmark}: the timings, Prometheus' own time, the ratios
 * against the 1.2 × target and the memory figures.
 *
 * @param timings per measured thing, in table order
 * @param serverTime per variant, Prometheus' own time per query; shown in the order of {@code serverLabels}
 */
record RoundReport(
        VerificationRoundBenchmark.Options options,
        int repetitions,
        Map<String, Timings> timings,
        Map<String, Timings> serverTime,
        Map<String, String> serverLabels,
        List<String> environment,
        int series,
        Duration scrape,
        int pointsBefore,
        int pointsAfter,
        VerificationFootprint.Measurement memory,
        Duration took) {

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Verification round: ").append(BenchmarkChecks.COUNT).append(" checks, engine vs curl\n\n");
        md.append("Run ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                .withNano(0))).append(" UTC, ").append(took.toSeconds()).append(" s in all (build excluded). ")
                .append(options.warmup()).append(" warm-up rounds of the in-JVM variants and one of each curl variant, ")
                .append("then ").append(repetitions).append(" measured repetitions").append(repetitions < options.iterations()
                        ? " (of " + options.iterations() + " asked: the " + options.maxSeconds() + " s budget ran out)" : "")
                .append(" in shuffled order: each curl")
                .append(" variant once per repetition, each in-JVM variant ").append(options.engineRepeats())
                .append(" times, (p) every third; n = samples.\n\n");
        environment.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("- data: ").append(series).append(" series (2 services) scraped every ").append(scrape.toSeconds())
                .append(" s; a `[2m]` range held ").append(pointsBefore).append(" points at the start, ")
                .append(pointsAfter).append(" at the end\n\n");
        md.append("| variant | contains | n | min | median | p90 | max | IQR |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|\n");
        for (Timings t : timings.values()) {
            md.append("| ").append(t.what()).append(" | ").append(t.contains()).append(" | ").append(t.count())
                    .append(" | ").append(Timings.ms(t.min()))
                    .append(" | **").append(Timings.ms(t.median())).append("** | ").append(Timings.ms(t.p90()))
                    .append(" | ").append(Timings.ms(t.max())).append(" | ").append(Timings.ms(t.iqr())).append(" |\n");
        }
        md.append("\nAll times in milliseconds.\n\n");
        md.append("Prometheus' own time per query while each variant ran: its metric ")
                .append("`prometheus_http_request_duration_seconds{handler=\"/api/v1/query\"}`, read before and after every ")
                .append("run (sum over count), in milliseconds:\n\n");
        md.append("| during | n | median | p90 | × 20 queries (median) |\n|---|--:|--:|--:|--:|\n");
        for (String key : serverLabels.keySet()) {
            Timings t = serverTime.get(key);
            if (t == null) {
                continue;
            }
            md.append("| ").append(t.what()).append(" | ").append(t.count()).append(" | ").append(Timings.ms(t.median()))
                    .append(" | ").append(Timings.ms(t.p90())).append(" | ").append(Timings.ms(t.median() * BenchmarkChecks.COUNT))
                    .append(" |\n");
        }
        md.append('\n');

        Timings round = timings.get("verify-8-round1");
        Timings warmRound = timings.get("verify-8-round2");
        Timings pb = timings.get("curl-conc");
        Timings xargs = timings.get("curl-xargs");
        Timings reference = xargs.median() < pb.median() ? xargs : pb;
        md.append("Target: engine round ≤ 1.2 × the concurrent raw queries. Reference: the faster concurrent curl, ")
                .append(reference == xargs ? "(b2)" : "(b)").append(".\n\n");
        md.append("| ratio | median | p90 |\n|---|--:|--:|\n");
        ratioRow(md, "(c) round 1 incl. pool start / reference", round, reference);
        ratioRow(md, "(c′) warm round / reference", warmRound, reference);
        ratioRow(md, "(c20) round 1, 20 threads / reference", timings.get("verify-20-round1"), reference);
        ratioRow(md, "(c) / (b3) one curl --parallel", round, timings.get("curl-parallel"));
        ratioRow(md, "(c) / (e) raw JDK HTTP floor", round, timings.get("jdk-conc"));
        ratioRow(md, "(c′) / (e) raw JDK HTTP floor", warmRound, timings.get("jdk-conc"));
        ratioRow(md, "(d) / (e′) engine client / raw JDK send(), sequential", timings.get("client-seq"), timings.get("jdk-seq"));
        ratioRow(md, "(d) / (e″) engine client / raw JDK sendAsync().get(), sequential", timings.get("client-seq"),
                timings.get("jdk-seq-async"));
        md.append("\nVerdict: ").append(round.median() <= 1.2 * reference.median() && round.p90() <= 1.2 * reference.p90()
                ? "**met**" : round.median() <= 1.2 * reference.median() ? "**met at the median, not at p90**" : "**not met**")
                .append(" (median ").append(String.format(Locale.ROOT, "%.2f", round.median() / reference.median()))
                .append("×).\n\n");

        md.append("## Memory: 20 checks over 1 hour at 10 s\n\n");
        md.append("| what | heap retained |\n|---|--:|\n");
        md.append("| `VerificationResult` (").append(memory.checks()).append(" checks × ").append(memory.rounds())
                .append(" rounds = ").append(memory.samples()).append(" samples, baselines, trails) | **")
                .append(mb(memory.retainedBytes())).append("** (").append(String.format(Locale.ROOT, "%.0f",
                        memory.bytesPerSample())).append(" B per sample) |\n");
        md.append("| the result and its report record (`VerificationRecord.from`) | ").append(mb(memory.withRecordBytes())).append(" |\n");
        md.append("| in flight: the verifier at its last round, before concluding (one run) | ")
                .append(mb(memory.inFlightBytes())).append(" |\n");
        md.append("| the result, Java-serialized (what crosses remoting) | ").append(mb(memory.serializedBytes()))
                .append(" (bytes, not heap) |\n");
        long worst = Math.max(memory.withRecordBytes(), memory.inFlightBytes());
        md.append("\nLimit 20 MB: ").append(worst < 20L * 1024 * 1024 ? "**met**" : "**not met**")
                .append(". Method: heap in use after full GCs (`System.gc()` until two readings agree, `MemoryMXBean`) ")
                .append("before and after building and holding ").append(memory.copies())
                .append(" results, divided by ").append(memory.copies()).append(".\n");
        return md.toString();
    }

    private static void ratioRow(StringBuilder md, String what, Timings engine, Timings reference) {
        md.append("| ").append(what).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f×", engine.median() / reference.median())).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f×", engine.p90() / reference.p90())).append(" |\n");
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1024.0 / 1024.0);
    }
}
