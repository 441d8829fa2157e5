package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckSpec;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.QueryPort;
import io.jenkins.plugins.releaseplaybook.engine.verification.QueryResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.RangeResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.RangeSeries;
import io.jenkins.plugins.releaseplaybook.engine.verification.Series;
import io.jenkins.plugins.releaseplaybook.engine.verification.StabilityVerifier;
import io.jenkins.plugins.releaseplaybook.engine.verification.TimedValue;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationException;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a long verification keeps on the heap: a real {@link StabilityVerifier} runs 20 checks over one hour
 * at a 10 s interval (361 rounds, 7,220 samples) against an in-memory Prometheus, on a {@link ManualClock}
 * whose sleeper lets the hour pass at once; the {@link VerificationResult} it returns is what the step keeps
 * for the report.
 *
 * <p>Method: the heap in use after repeated full collections ({@code System.gc()} until the figure settles,
 * read from {@link MemoryMXBean}) is taken before and after building {@code copies} independent results
 * and holding them; the difference divided by {@code copies} is the heap one result retains. Garbage made
 * on the way (query results, futures, threads) is collected before the second reading, so only what is
 * reachable from the results counts. Several copies average out the noise of a few kilobytes that the JVM
 * allocates on its own.
 */
public final class VerificationFootprint {
    public static final Duration WINDOW = Duration.ofHours(1);
    public static final Duration INTERVAL = Duration.ofSeconds(10);
    public static final Instant RELEASE_START = Instant.parse("2026-11-25T12:00:00Z");

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private VerificationFootprint() {}

    /** What was measured. */
    public record Measurement(int checks, int rounds, int samples, long retainedBytes, long withRecordBytes,
            long inFlightBytes, long serializedBytes, int copies) {
        public double bytesPerSample() {
            return (double) retainedBytes / samples;
        }
    }

    /** Runs one hour of 20 checks at 10 s on a manual clock; the baseline of the relative checks covers the hour before. */
    public static VerificationResult oneHour() {
        return oneHour(line -> { });
    }

    private static VerificationResult oneHour(Consumer<String> progress) {
        List<CheckSpec> checks = BenchmarkChecks.twenty("checkout");
        ManualClock clock = new ManualClock(RELEASE_START);
        VerificationSpec spec = VerificationSpec.builder("checkout").checks(checks).duration(WINDOW)
                .interval(INTERVAL).baseline(RELEASE_START, WINDOW).build();
        try {
            return new StabilityVerifier(new InMemoryPrometheus(checks), clock, clock.sleeper(), progress).verify(spec);
        } catch (VerificationException e) { // INTERRUPTED, the only kind verify() throws
            throw new IllegalStateException("Interrupted while running the in-memory verification", e);
        }
    }

    /**
     * The heap the verification holds at its last round, before it concludes: the judges' samples and baselines,
     * read from inside the progress callback of round 361. One run, so less precise than {@link #retainedPerCopy}.
     */
    public static long inFlightBytes() {
        int rounds = (int) (WINDOW.toMillis() / INTERVAL.toMillis()) + 1;
        long[] atLastRound = {-1};
        long before = settledHeapUsed();
        oneHour(line -> {
            if (line.startsWith("round " + rounds + "/")) {
                atLastRound[0] = settledHeapUsed();
            }
        });
        if (atLastRound[0] < 0) {
            throw new IllegalStateException("The verification did not reach round " + rounds);
        }
        return atLastRound[0] - before;
    }

    /** Measures the heap retained by {@link #oneHour()}'s result, averaged over {@code copies} results held at once. */
    public static Measurement measure(int copies) {
        Measurement shape = shape(oneHour()); // also warms up classes and caches before the heap is read
        long retained = retainedPerCopy(copies, VerificationFootprint::oneHour);
        long withRecord = retainedPerCopy(copies, () -> {
            VerificationResult result = oneHour();
            return new Object[] {result, VerificationRecord.from(result)};
        });
        long inFlight = inFlightBytes();
        return new Measurement(shape.checks(), shape.rounds(), shape.samples(), retained, withRecord, inFlight,
                shape.serializedBytes(), copies);
    }

    private static Measurement shape(VerificationResult result) {
        int samples = result.checks().stream().mapToInt(c -> c.samples().size()).sum();
        return new Measurement(result.checks().size(), result.rounds(), samples, 0, 0, 0, serializedSize(result), 0);
    }

    /** The heap retained by one object that {@code factory} makes, averaged over {@code copies} held at once. */
    public static long retainedPerCopy(int copies, Supplier<?> factory) {
        Object[] held = new Object[copies];
        long before = settledHeapUsed();
        for (int i = 0; i < copies; i++) {
            held[i] = factory.get();
        }
        long after = settledHeapUsed();
        Reference.reachabilityFence(held);
        return (after - before) / copies;
    }

    /** Heap in use after full collections, once two readings in a row agree within 64 KB (at most ten tries). */
    public static long settledHeapUsed() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) < 64 * 1024) {
                return Math.min(used, last);
            }
            last = used;
            try {
                Thread.sleep(20); // let finished pool threads exit between collections
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return last;
    }

    /** Bytes of the result in Java serialization: what crosses remoting when the verification runs on an agent. */
    public static long serializedSize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    /**
     * Answers like a healthy Prometheus: every check passes with values scattered by 10% around half its
     * limit (twice it, for lower-is-worse checks); queries that aggregate {@code by (pod)} return two
     * series with a {@code pod} label, so their samples name the worse series as real ones do. Range
     * queries return one point per step, for the baselines. Deterministic and thread-safe.
     */
    static final class InMemoryPrometheus implements QueryPort {
        private static final List<Map<String, String>> PODS = List.of(
                Map.of("pod", "checkout-7d9f8b6c4-x2x7k"), Map.of("pod", "checkout-7d9f8b6c4-qm4ln"));
        private final Map<String, CheckSpec> byQuery;

        InMemoryPrometheus(List<CheckSpec> checks) {
            Map<String, CheckSpec> map = new java.util.HashMap<>();
            checks.forEach(c -> map.put(c.query(), c));
            this.byQuery = map;
        }

        @Override
        public QueryResult query(String promql, Instant at) {
            List<Series> series = new ArrayList<>();
            int i = 0;
            for (Map<String, String> labels : labelsOf(promql)) {
                series.add(new Series(labels, value(promql, at, i++)));
            }
            return new QueryResult(promql, series, List.of());
        }

        @Override
        public RangeResult queryRange(String promql, Instant start, Instant end, Duration step) {
            List<RangeSeries> series = new ArrayList<>();
            int i = 0;
            for (Map<String, String> labels : labelsOf(promql)) {
                List<TimedValue> points = new ArrayList<>();
                for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
                    points.add(new TimedValue(t, value(promql, t, i)));
                }
                series.add(new RangeSeries(labels, points));
                i++;
            }
            return new RangeResult(promql, series, List.of());
        }

        private static List<Map<String, String>> labelsOf(String promql) {
            return promql.contains("by (pod)") || promql.contains("by (le, pod)") ? PODS : List.of(Map.of());
        }

        private double value(String promql, Instant at, int series) {
            CheckSpec check = byQuery.get(promql);
            double center = check == null || check.limit() == null ? 100
                    : check.direction() == Direction.HIGHER_IS_WORSE ? check.limit() / 2 : check.limit() * 2;
            SplittableRandom random = new SplittableRandom(promql.hashCode() * 31L + at.getEpochSecond() * 7 + series);
            return center * (0.9 + 0.2 * random.nextDouble());
        }
    }

    /** For the report: the checks' verdicts, to show the run was a healthy, full-length one. */
    static String verdicts(VerificationResult result) {
        return result.verdict() + " after " + result.rounds() + " rounds"
                + (result.stoppedEarly() ? " (stopped early)" : "") + "; "
                + result.checks().stream().map(CheckResult::verdict).distinct().toList();
    }
}
