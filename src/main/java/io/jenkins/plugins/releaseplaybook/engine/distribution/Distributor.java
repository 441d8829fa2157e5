package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Distributes an artifact set to a fleet of targets through a {@link Transport}: at most
 * {@link DistributionSpec#parallelism()} targets at once, each within its own timeout, retried with exponential
 * backoff and jitter on transient failures only, and judged by the spec's success policy.
 *
 * <p>Entry points: {@link #overSftp} and {@link #toLocalDirectories}; {@link #over(Transport)} for another transport
 * or to inject the clock, the sleeper and the jitter (tests). An interrupt of the calling thread (a build abort)
 * stops every target, removes the temporary files of uploads in flight, and then throws
 * {@link InterruptedException}.
 */
public final class Distributor {
    /** How long an aborted or timed-out target gets to remove its temporary file before its connection is cut. */
    static final Duration CLEANUP_GRACE = Duration.ofSeconds(5);
    private static final Duration ABORT_WAIT = Duration.ofSeconds(60);

    private final Transport transport;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final Supplier<String> tokens;

    private Distributor(Builder builder) {
        this.transport = builder.transport;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.jitter = builder.jitter;
        this.tokens = builder.tokens;
    }

    /** Distributes over SFTP with the spec's credentials and host-key policy. */
    public static DistributionResult overSftp(DistributionSpec spec, DistributionProgress progress)
            throws DistributionException, InterruptedException {
        try (SftpTransport sftp = SftpTransport.open(spec)) {
            return over(sftp).build().distribute(spec, progress);
        }
    }

    /** Distributes into {@code root/<host>/<remoteDirectory>}, see {@link LocalDirectoryTransport}. */
    public static DistributionResult toLocalDirectories(Path root, DistributionSpec spec, DistributionProgress progress)
            throws InterruptedException {
        try (LocalDirectoryTransport local = new LocalDirectoryTransport(root)) {
            return over(local).build().distribute(spec, progress);
        }
    }

    /** A distributor over any transport; the caller closes the transport. */
    public static Builder over(Transport transport) {
        return new Builder(transport);
    }

    /**
     * Runs the distribution and returns one result per target; a failed target is a result, not an exception
     * (see {@link DistributionResult#ok()}).
     *
     * @throws InterruptedException when the calling thread was interrupted (after in-flight uploads were cleaned up)
     */
    public DistributionResult distribute(DistributionSpec spec, DistributionProgress progress) throws InterruptedException {
        Objects.requireNonNull(spec, "spec");
        DistributionProgress relay = relay(progress == null ? DistributionProgress.NONE : progress);
        long start = clock.millis();
        List<Target> targets = spec.targets();
        int threads = Math.min(spec.parallelism(), targets.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("release-playbook-distribute-"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("release-playbook-distribute-timer-"));
        AtomicInteger finished = new AtomicInteger();
        List<TargetJob> jobs = new ArrayList<>();
        List<Future<TargetResult>> futures = new ArrayList<>();
        try {
            for (Target target : targets) {
                TargetJob job = new TargetJob(target, spec, transport, clock, sleeper, watchdog, this::pause, tokens,
                        result -> relay.targetFinished(result, finished.incrementAndGet(), targets.size()), relay);
                jobs.add(job);
                futures.add(pool.submit(job));
            }
            List<TargetResult> results = new ArrayList<>();
            for (Future<TargetResult> future : futures) {
                results.add(future.get());
            }
            return new DistributionResult(results, spec.artifacts().artifacts(), spec.requiredSuccesses(),
                    spec.minSuccessPercent(), clock.millis() - start);
        } catch (InterruptedException e) {
            for (TargetJob job : jobs) {
                job.abort();
            }
            // No second interrupt: it would hit the jobs while they remove their temporary files. Jobs not started
            // yet find their deadline stopped and end at once.
            pool.shutdown();
            awaitQuietly(pool);
            throw e;
        } catch (ExecutionException e) {
            // TargetJob turns every failure into a result; this is a bug.
            throw new IllegalStateException("distribution job failed", e.getCause());
        } finally {
            pool.shutdownNow();
            watchdog.shutdownNow();
        }
    }

    /** The pause before retry {@code attempt} (1 = the first retry): doubling from the first delay, equal jitter. */
    Duration pause(DistributionSpec spec, int attempt) {
        long first = spec.retryDelay().toMillis();
        long max = spec.maxRetryDelay().toMillis();
        long delay = first;
        for (int i = 1; i < attempt && delay < max; i++) {
            delay = Math.min(max, delay * 2);
        }
        delay = Math.min(max, delay);
        return Duration.ofMillis(delay / 2 + Math.round(jitter.getAsDouble() * (delay - delay / 2)));
    }

    private static DistributionProgress relay(DistributionProgress progress) {
        return new DistributionProgress() {
            @Override
            public synchronized void targetFinished(TargetResult result, int done, int total) {
                progress.targetFinished(result, done, total);
            }

            @Override
            public synchronized void report(io.jenkins.plugins.releaseplaybook.engine.support.Text line) {
                progress.report(line);
            }
        };
    }

    /** Waits for aborted jobs to remove their temporary files, even if interrupted again. */
    private static void awaitQuietly(ExecutorService pool) {
        long end = System.nanoTime() + ABORT_WAIT.toNanos();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)
                        || System.nanoTime() >= end) {
                    break;
                }
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Options for tests and other transports. */
    public static final class Builder {
        private final Transport transport;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private Supplier<String> tokens = () -> Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                .substring(0, 12);

        private Builder(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
        }

        /** Measures durations (results); a {@code ManualClock} in tests. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** Waits between retries; a {@code ManualClock#sleeper()} in tests. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value);
            return this;
        }

        /** Values in [0, 1) that spread retry pauses; fixed in tests. */
        public Builder jitter(DoubleSupplier value) {
            this.jitter = Objects.requireNonNull(value);
            return this;
        }

        /** The random part of temporary names; fixed in tests. */
        public Builder temporaryTokens(Supplier<String> value) {
            this.tokens = Objects.requireNonNull(value);
            return this;
        }

        public Distributor build() {
            return new Distributor(this);
        }
    }
}
