package io.jenkins.plugins.releaseplaybook.remote;

import hudson.FilePath;
import hudson.model.Computer;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Artifact;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Deadline;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.distribution.RemoteFile;
import io.jenkins.plugins.releaseplaybook.engine.distribution.RemoteHash;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Target;
import io.jenkins.plugins.releaseplaybook.engine.distribution.TargetConnection;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Transport;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's {@link Transport} over Jenkins remoting, for {@code preDistribute(agents: ...)}: target {@code host}
 * is an agent's name, its "directory" a path on that agent (relative ones under the agent's root directory). Files
 * are copied from the workspace's node to the agent ({@code FilePath.copyTo}, through the controller), then hashed
 * and renamed on the agent ({@link AgentFileOp}). The engine keeps its whole protocol: temporary name, SHA-256 on the
 * target, rename, the record file for quick re-runs, retries, timeouts, and cleanup on abort.
 *
 * <p>Runs on the controller. An abort or a timeout interrupts the thread waiting for the agent, which remoting turns
 * into an interrupt of the operation on the agent.
 */
public final class AgentTransport implements Transport {
    /** How the SHA-256 on the target was computed, in results and the report. */
    public static final String VERIFIED_ON_AGENT = "sha256 on agent";

    private final Map<String, FilePath> roots;
    private final FilePath workspace;

    /**
     * @param roots each target agent's root directory by agent name
     * @param workspace where the artifacts are (their {@link Artifact#localPath()} is on its node)
     */
    public AgentTransport(Map<String, FilePath> roots, FilePath workspace) {
        this.roots = Map.copyOf(roots);
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    @Override
    public TargetConnection connect(Target target, Deadline deadline) throws DistributionException, InterruptedException {
        deadline.check();
        FilePath root = roots.get(target.host());
        Computer computer = root == null ? null : root.toComputer();
        if (computer == null || !computer.isOnline()) {
            throw new DistributionException(Kind.CONNECT_FAILED,
                    Text.literal(Messages.PreDistributeStep_AgentOffline(target.host())));
        }
        return new Connection(target.host(), root, deadline);
    }

    private final class Connection implements TargetConnection {
        private final String agent;
        private final FilePath root;
        private final Deadline deadline;
        private volatile Thread busy;
        private volatile boolean aborted;

        Connection(String agent, FilePath root, Deadline deadline) {
            this.agent = agent;
            this.root = root;
            this.deadline = deadline;
        }

        @Override
        public void prepareDirectory(String directory, boolean create) throws DistributionException, InterruptedException {
            run(directory, AgentFileOp.Op.PREPARE, create ? "create" : null, 0);
        }

        @Override
        public RemoteFile stat(String path) throws DistributionException, InterruptedException {
            String answer = run(path, AgentFileOp.Op.STAT, null, 0);
            if (answer == null) {
                return null;
            }
            String[] fields = answer.split(" ");
            return new RemoteFile(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        }

        @Override
        public String readText(String path, int maxBytes) throws DistributionException, InterruptedException {
            return run(path, AgentFileOp.Op.READ, null, maxBytes);
        }

        @Override
        public void writeText(String path, String text) throws DistributionException, InterruptedException {
            run(path, AgentFileOp.Op.WRITE, text, 0);
        }

        @Override
        public RemoteHash sha256(String path, long expectedSize) throws DistributionException, InterruptedException {
            return new RemoteHash(run(path, AgentFileOp.Op.SHA256, null, 0), VERIFIED_ON_AGENT);
        }

        @Override
        public void upload(Artifact artifact, String path) throws DistributionException, InterruptedException {
            begin(false);
            try {
                workspace.child(artifact.localPath()).copyTo(root.child(path));
            } catch (IOException e) {
                throw failure(e, path);
            } finally {
                busy = null;
            }
        }

        @Override
        public void rename(String from, String to) throws DistributionException, InterruptedException {
            run(from, AgentFileOp.Op.RENAME, root.child(to).getRemote(), 0);
        }

        @Override
        public void delete(String path) throws DistributionException, InterruptedException {
            run(path, AgentFileOp.Op.DELETE, null, 0);
        }

        /** Cuts a call stuck on the agent: the waiting thread is interrupted, and every later call refused. */
        @Override
        public void abort() {
            aborted = true;
            Thread thread = busy;
            if (thread != null) {
                thread.interrupt();
            }
        }

        @Override
        public void close() {
            // nothing held: every operation is one call over the agent's channel
        }

        private String run(String path, AgentFileOp.Op op, String argument, int maxBytes)
                throws DistributionException, InterruptedException {
            begin(op == AgentFileOp.Op.DELETE);
            try {
                return root.child(path).act(new AgentFileOp(op, agent, path, argument, maxBytes));
            } catch (IOException e) {
                throw failure(e, path);
            } finally {
                busy = null;
            }
        }

        private void begin(boolean removal) throws InterruptedException {
            if (aborted) {
                throw new InterruptedException("connection cut");
            }
            // After a stop the engine clears the interrupt and removes its temporary file: a stopped deadline
            // refuses every operation but that removal.
            if (!removal) {
                deadline.check();
            }
            busy = Thread.currentThread();
        }

        /**
         * The engine's kind for a failure: the agent's own classification, else a lost channel (worth a retry) when
         * the agent went offline, else a full disk seen anywhere in the chain, else an I/O failure with its message.
         */
        private DistributionException failure(IOException e, String path) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RemoteDistributionException remote) {
                    return remote.toEngine();
                }
            }
            Computer computer = root.toComputer();
            if (computer == null || !computer.isOnline()) {
                return new DistributionException(Kind.CONNECTION_LOST,
                        Text.of("distribution.io", agent, path, String.valueOf(e.getMessage())));
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("no space left")) {
                    return new DistributionException(Kind.DISK_FULL,
                            Text.of("distribution.diskFull", agent, path, String.valueOf(t.getMessage())));
                }
            }
            return new DistributionException(Kind.IO, Text.of("distribution.io", agent, path, String.valueOf(e.getMessage())));
        }
    }
}
