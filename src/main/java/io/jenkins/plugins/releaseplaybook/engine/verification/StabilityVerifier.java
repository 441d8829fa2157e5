package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a verification: captures each check's baseline, then samples every check once per interval for
 * the window's duration, all checks of a round concurrently, and stops early once a check has failed for
 * good. Time comes from the injected clock and sleeper, so tests run a ten-minute window in milliseconds;
 * an interrupt (a build abort) stops it promptly.
 */
public final class StabilityVerifier {
    private final QueryPort prometheus;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;

    /**
     * @param progress receives one line per sampling round (and one for the baselines), for the build log
     */
    public StabilityVerifier(QueryPort prometheus, Clock clock, Sleeper sleeper, Consumer<String> progress) {
        this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * @throws VerificationInterruptedException when interrupted (a build abort), with what was sampled so far
     */
    public VerificationResult verify(VerificationSpec spec) throws VerificationInterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(spec.concurrency(), spec.checks().size()), THREADS);
        Map<CheckSpec, Baseline> baselines = new LinkedHashMap<>();
        Map<CheckSpec, CheckJudge> judges = new LinkedHashMap<>();
        spec.checks().forEach(c -> judges.put(c, new CheckJudge(c, spec.errorPolicy())));
        Instant start = clock.instant();
        int round = 0;
        try {
            baselines.putAll(captureBaselines(spec, pool));
            start = clock.instant();
            int rounds = spec.rounds();
            boolean stoppedEarly = false;
            while (round < rounds) {
                Instant at = clock.instant();
                sampleRound(judges.values(), at, pool);
                round++;
                progress.accept("round " + round + "/" + rounds + " at " + CheckJudge.clock(at) + ": "
                        + String.join(", ", judges.values().stream().map(CheckJudge::status).toList()));
                if (judges.values().stream().anyMatch(CheckJudge::stopsVerification)) {
                    stoppedEarly = round < rounds;
                    break;
                }
                if (round < rounds) {
                    Duration wait = Duration.between(clock.instant(), start.plus(spec.interval().multipliedBy(round)));
                    if (!wait.isNegative() && !wait.isZero()) {
                        sleeper.sleep(wait);
                    }
                }
            }
            return result(spec, judges, baselines, start, round, stoppedEarly);
        } catch (InterruptedException e) {
            throw new VerificationInterruptedException(result(spec, judges, baselines, start, round, true));
        } finally {
            pool.shutdownNow();
        }
    }

    private VerificationResult result(VerificationSpec spec, Map<CheckSpec, CheckJudge> judges,
            Map<CheckSpec, Baseline> baselines, Instant start, int rounds, boolean stoppedEarly) {
        List<CheckResult> results = new ArrayList<>();
        judges.forEach((check, judge) -> results.add(judge.conclude(baselines.get(check))));
        return new VerificationResult(spec.name(), start, clock.instant(), VerificationResult.worst(results), results,
                rounds, stoppedEarly);
    }

    private Map<CheckSpec, Baseline> captureBaselines(VerificationSpec spec, ExecutorService pool) throws InterruptedException {
        Map<CheckSpec, Baseline> baselines = new LinkedHashMap<>();
        List<CheckSpec> relative = spec.checks().stream().filter(c -> c.maxChangePercent() != null).toList();
        if (relative.isEmpty()) {
            return baselines;
        }
        if (!spec.hasBaseline()) {
            Instant now = clock.instant();
            relative.forEach(c -> baselines.put(c, Baseline.missing(now, now, "no baseline window was configured")));
            return baselines;
        }
        Map<CheckSpec, Callable<Baseline>> tasks = new LinkedHashMap<>();
        for (CheckSpec check : relative) {
            tasks.put(check, () -> BaselineCapture.capture(prometheus, check, spec.releaseStart(), spec.baselineWindow(),
                    spec.interval()));
        }
        Map<CheckSpec, Baseline> captured = runAll(tasks, pool);
        progress.accept("baseline " + CheckJudge.clock(spec.releaseStart().minus(spec.baselineWindow())) + "-"
                + CheckJudge.clock(spec.releaseStart()) + ": " + String.join(", ", captured.entrySet().stream()
                        .map(e -> e.getKey().name() + " " + (e.getValue().hasData()
                                ? "median " + Numbers.withUnit(e.getValue().median(), e.getKey().unit()) + " ("
                                        + e.getValue().values().length + " points)"
                                : "no data"))
                        .toList()));
        return captured;
    }

    private void sampleRound(Iterable<CheckJudge> judges, Instant at, ExecutorService pool) throws InterruptedException {
        Map<CheckJudge, Callable<Sample>> tasks = new LinkedHashMap<>();
        for (CheckJudge judge : judges) {
            if (!judge.isDecided()) {
                tasks.put(judge, () -> sample(judge.check(), at));
            }
        }
        runAll(tasks, pool).forEach(CheckJudge::record);
    }

    /** One sample; a failure that may pass (unreachable, timeout, 5xx) is retried once at once. */
    private Sample sample(CheckSpec check, Instant at) throws InterruptedException {
        PrometheusException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return SampleClassifier.classify(check, at, prometheus.query(check.query(), at));
            } catch (PrometheusException e) {
                if (e.kind() == PrometheusException.Kind.INTERRUPTED) {
                    throw new InterruptedException(e.getMessage());
                }
                failure = e;
                if (!e.isRetryable()) {
                    break;
                }
            }
        }
        return SampleClassifier.classify(at, failure);
    }

    private static <K, V> Map<K, V> runAll(Map<K, Callable<V>> tasks, ExecutorService pool) throws InterruptedException {
        Map<K, Future<V>> futures = new LinkedHashMap<>();
        tasks.forEach((key, task) -> futures.put(key, pool.submit(task)));
        Map<K, V> results = new LinkedHashMap<>();
        try {
            for (Map.Entry<K, Future<V>> entry : futures.entrySet()) {
                results.put(entry.getKey(), entry.getValue().get());
            }
        } catch (InterruptedException e) {
            futures.values().forEach(f -> f.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            futures.values().forEach(f -> f.cancel(true));
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException("A check failed unexpectedly: " + e.getCause(), e.getCause());
        }
        return results;
    }

    private static final ThreadFactory THREADS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "release-playbook-verify-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    };
}
