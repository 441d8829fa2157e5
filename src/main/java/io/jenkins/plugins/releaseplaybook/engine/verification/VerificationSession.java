package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A verification one step at a time, so that its caller decides when rounds run and can persist the
 * {@link SamplingState} in between: capture the baselines, take rounds, {@link #resume} after a controller restart,
 * conclude. Nothing here waits for the next round; {@link StabilityVerifier} and the Pipeline step schedule them.
 *
 * <p>A restart leaves a gap: planned rounds that passed while nobody sampled are recorded as missed, never replaced
 * by invented samples, and a window of which at least half was missed cannot PASS (its checks become INCONCLUSIVE),
 * as a check with at least half of its samples without data cannot. Once captured, the baselines are kept: the
 * window before the release does not move because the controller restarted.
 *
 * <p>Not thread-safe: one caller at a time. Queries of a round run concurrently on the session's own threads, which
 * end after a short idle time, so a session that is dropped without {@link #close} leaks nothing for long.
 */
public final class VerificationSession implements AutoCloseable {
    private static final long IDLE_SECONDS = 30;

    private final QueryPort prometheus;
    private final Clock clock;
    private final Consumer<String> progress;
    private ThreadPoolExecutor pool;
    /** The state this session produced last, and its judges: any other state is judged by replaying its samples. */
    private SamplingState judged;
    private List<CheckJudge> judges;

    /**
     * @param progress receives one line per round, one for the baselines and one on resuming, for the build log
     */
    public VerificationSession(QueryPort prometheus, Clock clock, Consumer<String> progress) {
        this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * A session that queries nothing: enough to {@link #resume} and conclude a verification whose window is over, or
     * to conclude one that was stopped, without a Prometheus connection.
     */
    public static VerificationSession withoutQueries(Clock clock, Consumer<String> progress) {
        return new VerificationSession(new QueryPort() {
            @Override
            public QueryResult query(String promql, Instant at) {
                throw new IllegalStateException("This session takes no samples");
            }

            @Override
            public RangeResult queryRange(String promql, Instant start, Instant end, Duration step) {
                throw new IllegalStateException("This session takes no samples");
            }
        }, clock, progress);
    }

    /**
     * Captures each relative check's baseline (one range query each, concurrently), and starts the window now.
     * A state whose baselines were captured is returned as it is.
     */
    public SamplingState captureBaselines(SamplingState state) throws InterruptedException {
        if (state.baselinesCaptured()) {
            return state;
        }
        VerificationSpec spec = state.spec();
        List<CheckSpec> checks = spec.checks();
        List<Baseline> baselines = new ArrayList<>();
        Map<Integer, Callable<Baseline>> tasks = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            CheckSpec check = checks.get(i);
            baselines.add(null);
            if (check.maxChangePercent() == null) {
                continue;
            }
            if (!spec.hasBaseline()) {
                Instant now = clock.instant();
                baselines.set(i, Baseline.missing(now, now, "no baseline window was configured"));
            } else {
                tasks.put(i, () -> BaselineCapture.capture(prometheus, check, spec.releaseStart(), spec.baselineWindow(),
                        spec.interval()));
            }
        }
        if (!tasks.isEmpty()) {
            Map<Integer, Baseline> captured = runAll(tasks, spec);
            captured.forEach(baselines::set);
            progress.accept("baseline " + CheckJudge.clock(spec.releaseStart().minus(spec.baselineWindow())) + "-"
                    + CheckJudge.clock(spec.releaseStart()) + ": " + String.join(", ", captured.entrySet().stream()
                            .map(e -> describe(checks.get(e.getKey()), e.getValue()))
                            .toList()));
        }
        return state.withBaselines(baselines, clock.instant());
    }

    /**
     * Samples every check that is not decided yet, all at the clock's current time, and moves on to the next
     * planned round. An interrupt (an abort, a shutdown) throws and leaves {@code state} as it was.
     *
     * @throws IllegalStateException before the baselines were captured
     */
    public SamplingState round(SamplingState state) throws InterruptedException {
        if (!state.baselinesCaptured()) {
            throw new IllegalStateException("Capture the baselines before the first round");
        }
        if (state.isOver()) {
            return state;
        }
        List<CheckJudge> current = judgesFor(state);
        Instant at = clock.instant();
        Map<Integer, Callable<Sample>> tasks = new LinkedHashMap<>();
        for (int i = 0; i < current.size(); i++) {
            CheckJudge judge = current.get(i);
            if (!judge.isDecided()) {
                tasks.put(i, () -> sample(judge.check(), at));
            }
        }
        Map<Integer, Sample> taken = runAll(tasks, state.spec());
        List<List<Sample>> samples = new ArrayList<>(state.samples());
        taken.forEach((i, sample) -> {
            List<Sample> list = new ArrayList<>(samples.get(i));
            list.add(sample);
            samples.set(i, list);
            current.get(i).record(sample);
        });
        boolean failed = current.stream().anyMatch(CheckJudge::stopsVerification);
        SamplingState next = state.withRound(samples, at, failed);
        judged = next;
        judges = current;
        progress.accept("round " + next.nextRound() + "/" + state.spec().rounds() + " at " + CheckJudge.clock(at) + ": "
                + String.join(", ", current.stream().map(CheckJudge::status).toList()));
        return next;
    }

    /**
     * After a controller restart: the planned rounds whose time slot (due time plus one interval) has passed are
     * recorded as one gap, from the last sample to now (to the window's end when it is over), and sampling goes on
     * with the round that is due next. A state whose next round is still within its slot has nothing to record.
     */
    public SamplingState resume(SamplingState state) {
        if (!state.baselinesCaptured() || state.isOver()) {
            return state; // capture again, or conclude: nothing was planned that could be missed
        }
        VerificationSpec spec = state.spec();
        Instant now = clock.instant();
        int next = state.nextRound();
        while (next < spec.rounds() && !state.start().plus(spec.interval().multipliedBy(next + 1L)).isAfter(now)) {
            next++;
        }
        int missed = next - state.nextRound();
        if (missed == 0) {
            progress.accept("resumed after a controller restart; no planned round was missed");
            return state;
        }
        boolean over = next >= spec.rounds();
        Instant from = state.lastRoundAt() != null ? state.lastRoundAt() : state.start();
        Instant to = over && state.deadline().isBefore(now) ? state.deadline() : now;
        Gap gap = new Gap(from, to, missed, Gap.Cause.CONTROLLER_RESTART);
        progress.accept("resumed after a controller restart: " + describe(gap)
                + (over ? "; the window is over, so the verification concludes with the samples taken" : ""));
        return state.withGap(gap, next);
    }

    /** The verdict over the samples taken. */
    public VerificationResult conclude(SamplingState state) {
        return result(state, state.stoppedEarly() && state.nextRound() < state.spec().rounds());
    }

    /** The verdict over the samples taken when the verification was stopped (an abort) before its end. */
    public VerificationResult concludeStopped(SamplingState state) {
        return result(state, true);
    }

    /**
     * A gap in words, for the log and the decision trails, e.g.
     * {@code no samples from 12:05:40 to 12:07:10: controller restart (2 planned rounds missed)}.
     */
    public static String describe(Gap gap) {
        return gapText(gap).english();
    }

    /** The trail line of a gap, kept as a key and arguments so that the report shows it in the reader's language. */
    static Text gapText(Gap gap) {
        return Text.of("verification.trail.gapRestart", CheckJudge.clock(gap.from()), CheckJudge.clock(gap.to()),
                gap.missedRounds());
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private VerificationResult result(SamplingState state, boolean stoppedEarly) {
        List<CheckJudge> current = judgesFor(state);
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            results.add(withGaps(current.get(i).conclude(state.baselines().get(i)), state));
        }
        VerificationSpec spec = state.spec();
        return new VerificationResult(spec.name(), state.start(), clock.instant(), VerificationResult.worst(results),
                results, state.roundsTaken(), stoppedEarly, state.gaps());
    }

    /** Notes each gap in the trail; a check that would pass on a window mostly missed is INCONCLUSIVE instead. */
    private static CheckResult withGaps(CheckResult result, SamplingState state) {
        if (state.gaps().isEmpty()) {
            return result;
        }
        List<Text> trail = new ArrayList<>(result.decisions());
        state.gaps().forEach(gap -> trail.add(gapText(gap)));
        Verdict verdict = result.verdict();
        int missed = state.missedRounds();
        int planned = state.spec().rounds();
        Text reason = result.reason();
        if (verdict == Verdict.PASS && missed * 2 >= planned) {
            reason = Text.of("verification.trail.gapTooLarge", missed, planned);
            trail.add(reason);
            verdict = Verdict.INCONCLUSIVE;
        }
        return new CheckResult(result.check(), verdict, result.observed(), result.baseline(), result.samples(), trail,
                reason);
    }

    /** Judges fed with the state's samples: the session's own when the state is the one it produced last. */
    private List<CheckJudge> judgesFor(SamplingState state) {
        if (state == judged && judges != null) {
            return judges;
        }
        List<CheckJudge> replayed = new ArrayList<>();
        List<CheckSpec> checks = state.spec().checks();
        for (int i = 0; i < checks.size(); i++) {
            CheckJudge judge = new CheckJudge(checks.get(i), state.spec().errorPolicy());
            state.samples().get(i).forEach(judge::record);
            replayed.add(judge);
        }
        judged = state;
        judges = replayed;
        return replayed;
    }

    private static String describe(CheckSpec check, Baseline baseline) {
        return check.name() + " " + (baseline.hasData()
                ? "median " + Numbers.withUnit(baseline.median(), check.unit()) + " (" + baseline.values().length
                        + " points)"
                : "no data");
    }

    /**
     * One sample; a failure that may pass (unreachable, timeout, 5xx) is retried once at once. A check with a presence
     * query asks it first: raw series that are gone make the sample NODATA, whatever the main query's range still
     * remembers. A ratio check with a traffic guard also counts the requests behind the ratio: too few make the sample
     * NODATA, not a verdict. A deployed-version check compares each instance's version with the release's.
     */
    private Sample sample(CheckSpec check, Instant at) throws InterruptedException {
        try {
            if (check.presenceQuery() != null && SampleClassifier.absent(ask(prometheus, check.presenceQuery(), at))) {
                return Sample.noData(at, SampleClassifier.SERIES_ABSENT);
            }
            QueryResult answer = ask(prometheus, check.query(), at);
            if (check.isVersionCheck()) {
                return SampleClassifier.classifyVersions(check, at, answer);
            }
            Sample sample = SampleClassifier.classify(check, at, answer);
            if (sample.hasValue() && check.volumeQuery() != null) {
                sample = SampleClassifier.guardVolume(check, sample, ask(prometheus, check.volumeQuery(), at));
            }
            return sample;
        } catch (VerificationException e) {
            return SampleClassifier.classify(at, e);
        }
    }

    /** An instant query, asked again at once when the failure may pass. */
    static QueryResult ask(QueryPort prometheus, String promql, Instant at) throws InterruptedException, VerificationException {
        return retried(() -> prometheus.query(promql, at));
    }

    interface Query<T> {
        T run() throws VerificationException;
    }

    /** Runs a query; a failure that may pass (unreachable, timeout, 5xx) is retried once at once. */
    static <T> T retried(Query<T> query) throws InterruptedException, VerificationException {
        VerificationException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return query.run();
            } catch (VerificationException e) {
                if (e.kind() == VerificationException.Kind.INTERRUPTED) {
                    throw new InterruptedException(e.getMessage());
                }
                failure = e;
                if (!e.isRetryable()) {
                    break;
                }
            }
        }
        throw failure;
    }

    private <K, V> Map<K, V> runAll(Map<K, Callable<V>> tasks, VerificationSpec spec) throws InterruptedException {
        ThreadPoolExecutor threads = pool(spec);
        Map<K, Future<V>> futures = new LinkedHashMap<>();
        tasks.forEach((key, task) -> futures.put(key, threads.submit(task)));
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

    private ThreadPoolExecutor pool(VerificationSpec spec) {
        if (pool == null) {
            int size = Math.max(1, Math.min(spec.concurrency(), spec.checks().size()));
            pool = new ThreadPoolExecutor(size, size, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), THREADS);
            pool.allowCoreThreadTimeOut(true);
        }
        return pool;
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
