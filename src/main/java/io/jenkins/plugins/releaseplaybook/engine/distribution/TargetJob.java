package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * All artifacts to one target: connect, skip what is already there, upload-verify-rename the rest, retry the
 * target on transient failures (keeping what is done), and turn whatever happens into a {@link TargetResult}.
 */
final class TargetJob implements Callable<TargetResult> {
    /** Kinds that concern one artifact only: the target goes on with the next artifact. */
    private static final Set<Kind> ARTIFACT_LEVEL = Set.of(Kind.CHECKSUM_MISMATCH, Kind.PERMISSION_DENIED,
            Kind.PATH_REFUSED, Kind.IO);

    private final Target target;
    private final DistributionSpec spec;
    private final Transport transport;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ScheduledExecutorService watchdog;
    private final BiFunction<DistributionSpec, Integer, Duration> pauses;
    private final Supplier<String> tokens;
    private final Consumer<TargetResult> onFinished;
    private final DistributionProgress progress;
    private final Deadline deadline;
    private final List<Artifact> artifacts;
    private final State[] states;
    /** Temporary files that may exist on the target (written, not yet renamed or removed). */
    private final Set<String> leftovers = new LinkedHashSet<>();

    private final Object lock = new Object();
    private Thread thread;
    private boolean done;
    private volatile TargetConnection current;

    private String fingerprint;
    private boolean trustedOnFirstUse;

    private static final class State {
        Outcome outcome;
        long bytes;
        int attempts;
        long millis;
        String verifiedBy;
        Text reason;
        Kind kind;

        boolean finished() {
            return outcome != null;
        }
    }

    TargetJob(Target target, DistributionSpec spec, Transport transport, Clock clock, Sleeper sleeper,
            ScheduledExecutorService watchdog, BiFunction<DistributionSpec, Integer, Duration> pauses,
            Supplier<String> tokens, Consumer<TargetResult> onFinished, DistributionProgress progress) {
        this.target = target;
        this.spec = spec;
        this.transport = transport;
        this.clock = clock;
        this.sleeper = sleeper;
        this.watchdog = watchdog;
        this.pauses = pauses;
        this.tokens = tokens;
        this.onFinished = onFinished;
        this.progress = progress;
        this.artifacts = spec.artifacts().artifacts();
        this.states = new State[artifacts.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = new State();
        }
        this.deadline = Deadline.after(spec.targetTimeout());
    }

    /** Stops this target (a build abort): its thread cleans up and ends; a stuck connection is cut after a grace. */
    void abort() {
        stop(Deadline.Stop.ABORT);
    }

    private void stop(Deadline.Stop reason) {
        synchronized (lock) {
            if (done) {
                return;
            }
            deadline.stop(reason);
            if (thread != null) {
                thread.interrupt();
            }
        }
        try {
            watchdog.schedule(this::cut, Distributor.CLEANUP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            cut();
        }
    }

    private void cut() {
        TargetConnection connection = current;
        if (connection != null) {
            connection.abort();
        }
    }

    @Override
    public TargetResult call() throws InterruptedException {
        long start = clock.millis();
        synchronized (lock) {
            thread = Thread.currentThread();
        }
        ScheduledFuture<?> timer = watchdog.schedule(() -> stop(Deadline.Stop.TIMEOUT),
                spec.targetTimeout().toNanos(), TimeUnit.NANOSECONDS);
        int attempts = 0;
        DistributionException failure = null;
        try {
            while (true) {
                attempts++;
                try {
                    runOnce();
                    failure = null;
                    break;
                } catch (DistributionException e) {
                    failure = deadline.timedOut() ? timeout(e) : e;
                    if (!failure.kind().isTransient() || attempts > spec.retries() || deadline.stopped() != null) {
                        break;
                    }
                    Duration pause = pauses.apply(spec, attempts);
                    if (pause.compareTo(deadline.remaining()) >= 0) {
                        break;
                    }
                    progress.report(Text.of("distribution.progress.retry", target.toString(), failure.text(),
                            String.format(java.util.Locale.ROOT, "%.1f", pause.toMillis() / 1000.0),
                            String.valueOf(attempts + 1), String.valueOf(spec.retries() + 1)));
                    sleeper.sleep(pause);
                    deadline.check();
                } catch (RuntimeException e) {
                    failure = new DistributionException(Kind.IO, Text.of("distribution.io", target.toString(),
                            spec.remoteDirectory(), String.valueOf(e)), e);
                    break;
                }
            }
        } catch (InterruptedException e) {
            if (!deadline.timedOut()) {
                removeLeftovers();
                finish();
                throw e;
            }
            failure = timeout(null);
        } finally {
            timer.cancel(false);
        }
        if (deadline.timedOut()) {
            Thread.interrupted(); // the watchdog's interrupt is ours, not the pool's
        }
        Text leftover = removeLeftovers();
        TargetResult result = result(attempts, clock.millis() - start, failure, leftover);
        finish();
        onFinished.accept(result);
        return result;
    }

    private void finish() {
        synchronized (lock) {
            done = true;
            thread = null;
        }
    }

    private void runOnce() throws DistributionException, InterruptedException {
        deadline.check();
        try (TargetConnection connection = transport.connect(target, deadline)) {
            current = connection;
            if (connection.hostKeyFingerprint() != null) {
                fingerprint = connection.hostKeyFingerprint();
                trustedOnFirstUse = connection.trustedOnFirstUse();
            }
            for (String temp : new ArrayList<>(leftovers)) {
                connection.delete(temp);
                leftovers.remove(temp);
            }
            connection.prepareDirectory(spec.remoteDirectory(), spec.createDirectory());
            for (int i = 0; i < artifacts.size(); i++) {
                if (!states[i].finished()) {
                    process(connection, artifacts.get(i), states[i]);
                }
            }
        } finally {
            current = null;
        }
    }

    private void process(TargetConnection connection, Artifact artifact, State state)
            throws DistributionException, InterruptedException {
        long start = clock.millis();
        state.attempts++;
        try {
            String finalPath = RemotePaths.child(spec.remoteDirectory(), artifact.name());
            String recordPath = RemotePaths.record(spec.remoteDirectory(), artifact.name());
            RemoteFile there = connection.stat(finalPath);
            if (there != null && there.size() == artifact.size()) {
                if (FileRecord.parse(connection.readText(recordPath, FileRecord.MAX_BYTES)).matches(artifact, there)) {
                    state.outcome = Outcome.SKIPPED_IDENTICAL;
                    state.verifiedBy = RemoteHash.RECORDED;
                    return;
                }
                RemoteHash hash = connection.sha256(finalPath, artifact.size());
                if (hash.sha256().equals(artifact.sha256())) {
                    writeRecordQuietly(connection, recordPath, artifact, finalPath);
                    state.outcome = Outcome.SKIPPED_IDENTICAL;
                    state.verifiedBy = hash.method();
                    return;
                }
            }
            String temp = RemotePaths.temporary(spec.remoteDirectory(), artifact.name(), tokens.get());
            leftovers.add(temp);
            try {
                connection.upload(artifact, temp);
                RemoteHash written = connection.sha256(temp, artifact.size());
                state.verifiedBy = written.method();
                if (!written.sha256().equals(artifact.sha256())) {
                    throw new DistributionException(Kind.CHECKSUM_MISMATCH, Text.of("distribution.checksum.mismatch",
                            target.toString(), finalPath, artifact.sha256(), written.sha256(), written.method()));
                }
                connection.rename(temp, finalPath);
                leftovers.remove(temp);
                writeRecordQuietly(connection, recordPath, artifact, finalPath);
            } catch (DistributionException | InterruptedException | RuntimeException e) {
                deleteQuietly(connection, temp);
                throw e;
            }
            state.outcome = Outcome.UPLOADED;
            state.bytes = artifact.size();
        } catch (DistributionException e) {
            state.reason = e.text();
            state.kind = e.kind();
            if (ARTIFACT_LEVEL.contains(e.kind()) && !deadline.timedOut()) {
                state.outcome = Outcome.FAILED;
                return;
            }
            throw e;
        } finally {
            state.millis += clock.millis() - start;
        }
    }

    /** The record is a shortcut for the next run only: without it the next run hashes the file on the target. */
    private void writeRecordQuietly(TargetConnection connection, String recordPath, Artifact artifact, String finalPath)
            throws InterruptedException {
        try {
            RemoteFile written = connection.stat(finalPath);
            if (written != null) {
                connection.writeText(recordPath, FileRecord.of(artifact, written));
            }
        } catch (DistributionException e) {
            // e.g. a directory that takes the artifacts but no extra file: the next run hashes instead
        }
    }

    /** Removes a temporary file also while the work is being stopped; a failure leaves it in {@link #leftovers}. */
    private void deleteQuietly(TargetConnection connection, String temp) {
        boolean interrupted = Thread.interrupted();
        try {
            connection.delete(temp);
            leftovers.remove(temp);
        } catch (DistributionException | InterruptedException | RuntimeException e) {
            // the connection is gone: removeLeftovers() tries once more on a new one
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * After the connection broke mid-upload: one more short connection to remove the temporary files. Returns a
     * note for the result when some may remain, else {@code null}.
     */
    private Text removeLeftovers() {
        if (leftovers.isEmpty()) {
            return null;
        }
        boolean interrupted = Thread.interrupted();
        try {
            Deadline cleanup = Deadline.after(spec.connectTimeout().compareTo(Duration.ofSeconds(30)) < 0
                    ? spec.connectTimeout() : Duration.ofSeconds(30));
            try (TargetConnection connection = transport.connect(target, cleanup)) {
                current = connection;
                for (String temp : new ArrayList<>(leftovers)) {
                    connection.delete(temp);
                    leftovers.remove(temp);
                }
            }
        } catch (DistributionException | InterruptedException | RuntimeException e) {
            // reported below
        } finally {
            current = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return leftovers.isEmpty() ? null
                : Text.of("distribution.cleanup.leftover", target.toString(), String.join(", ", leftovers));
    }

    private DistributionException timeout(DistributionException cause) {
        return new DistributionException(Kind.TIMEOUT, Text.of("distribution.timeout.target", target.toString(),
                io.jenkins.plugins.releaseplaybook.engine.support.Durations.format(spec.targetTimeout())), cause);
    }

    private TargetResult result(int attempts, long millis, DistributionException failure, Text leftover) {
        List<ArtifactResult> results = new ArrayList<>();
        Kind kind = failure == null ? null : failure.kind();
        Text message = failure == null ? null : failure.text();
        for (int i = 0; i < states.length; i++) {
            State s = states[i];
            Outcome outcome = s.outcome;
            Text reason = s.reason;
            if (outcome == null) {
                // the target failed before this artifact was done: the target's reason is the artifact's
                outcome = s.attempts > 0 ? Outcome.FAILED : Outcome.NOT_ATTEMPTED;
                reason = message != null ? message : reason;
            } else if (outcome == Outcome.FAILED && kind == null) {
                kind = s.kind;
                message = reason;
            }
            results.add(new ArtifactResult(artifacts.get(i).name(), outcome, s.bytes, s.attempts, s.millis, s.verifiedBy,
                    reason));
        }
        boolean ok = leftover == null && results.stream().allMatch(r -> r.outcome().isInPlace());
        if (leftover != null) {
            message = message == null ? leftover : Text.list(List.of(message, leftover));
            kind = kind == null ? Kind.IO : kind;
        }
        return new TargetResult(target.toString(), ok, attempts, millis, fingerprint, trustedOnFirstUse,
                ok ? null : kind, ok ? null : message, results);
    }
}
