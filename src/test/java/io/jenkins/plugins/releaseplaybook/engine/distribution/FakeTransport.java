package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Targets in memory: each holds path → SHA-256 and size (no bytes), with faults to inject per target. Records what
 * happened so tests can check the protocol (upload to a temporary name, verify, rename, delete on failure).
 */
final class FakeTransport implements Transport {
    record File(long size, String sha256) {}

    /** A fault injected on one call of one target. */
    @FunctionalInterface
    interface Fault {
        /** Called before the operation; throw to fail it. */
        void before(String operation, String path, int connection, Deadline deadline)
                throws DistributionException, InterruptedException;
    }

    final Map<String, Map<String, File>> disks = new ConcurrentHashMap<>();
    /** Small text files (the records beside verified files), per target. */
    final Map<String, Map<String, String>> texts = new ConcurrentHashMap<>();
    final Map<String, Fault> faults = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    /** When set, the hash the target reports after an upload differs (a damaged upload). */
    final Map<String, Boolean> corrupt = new ConcurrentHashMap<>();

    Map<String, File> disk(String target) {
        return disks.computeIfAbsent(target, t -> new ConcurrentHashMap<>());
    }

    @Override
    public TargetConnection connect(Target target, Deadline deadline) throws DistributionException, InterruptedException {
        String name = target.toString();
        int number = connections.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        fault(name, "connect", "", number, deadline);
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        return new Connection(name, number, deadline);
    }

    private void fault(String target, String operation, String path, int connection, Deadline deadline)
            throws DistributionException, InterruptedException {
        Fault fault = faults.get(target);
        if (fault != null) {
            fault.before(operation, path, connection, deadline);
        }
    }

    static DistributionException failure(Kind kind) {
        return new DistributionException(kind, Text.literal("injected " + kind));
    }

    private final class Connection implements TargetConnection {
        private final String target;
        private final int number;
        private final Deadline deadline;
        private boolean closed;

        Connection(String target, int number, Deadline deadline) {
            this.target = target;
            this.number = number;
            this.deadline = deadline;
        }

        private void step(String operation, String path) throws DistributionException, InterruptedException {
            deadline.check();
            log.add(target + " " + operation + " " + path);
            fault(target, operation, path, number, deadline);
        }

        @Override
        public String hostKeyFingerprint() {
            return "ssh-ed25519 SHA256:fake";
        }

        @Override
        public void prepareDirectory(String directory, boolean create) throws DistributionException, InterruptedException {
            step("mkdir", directory);
        }

        @Override
        public RemoteFile stat(String path) throws DistributionException, InterruptedException {
            step("stat", path);
            File file = disk(target).get(path);
            return file == null ? null : new RemoteFile(file.size(), 1_700_000_000L);
        }

        @Override
        public String readText(String path, int maxBytes) throws DistributionException, InterruptedException {
            step("read", path);
            return texts.computeIfAbsent(target, t -> new ConcurrentHashMap<>()).get(path);
        }

        @Override
        public void writeText(String path, String text) throws DistributionException, InterruptedException {
            step("write", path);
            texts.computeIfAbsent(target, t -> new ConcurrentHashMap<>()).put(path, text);
        }

        @Override
        public RemoteHash sha256(String path, long expectedSize) throws DistributionException, InterruptedException {
            step("sha256", path);
            File file = disk(target).get(path);
            if (file == null) {
                throw failure(Kind.IO);
            }
            boolean damaged = path.endsWith(RemotePaths.TEMPORARY_SUFFIX) && corrupt.getOrDefault(target, false);
            return new RemoteHash(damaged ? "f".repeat(64) : file.sha256(), RemoteHash.SHA256SUM);
        }

        @Override
        public void upload(Artifact artifact, String path) throws DistributionException, InterruptedException {
            step("upload", path);
            disk(target).put(path, new File(artifact.size(), artifact.sha256()));
            fault(target, "uploaded", path, number, deadline);
        }

        @Override
        public void rename(String from, String to) throws DistributionException, InterruptedException {
            step("rename", to);
            disk(target).put(to, disk(target).remove(from));
        }

        @Override
        public void delete(String path) throws DistributionException, InterruptedException {
            log.add(target + " delete " + path);
            if (closed) {
                throw failure(Kind.CONNECTION_LOST);
            }
            fault(target, "delete", path, number, deadline);
            disk(target).remove(path);
        }

        @Override
        public void abort() {
            closed = true;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
            }
            open.decrementAndGet();
        }
    }
}
