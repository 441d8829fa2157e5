package io.jenkins.plugins.releaseplaybook.engine.distribution;

/**
 * How files get to a target: the port the {@link Distributor} drives. Implementations: {@link SftpTransport} (SSH),
 * {@link LocalDirectoryTransport} (a directory per target, for tests and mounted shares). One transport serves a
 * whole distribution, from several threads at once; {@link #close()} releases what it holds.
 */
public interface Transport extends AutoCloseable {

    /**
     * Connects and logs in to one target, within {@code deadline}.
     *
     * @throws DistributionException with a {@link DistributionException.Kind} that says whether a retry may help
     * @throws InterruptedException when the deadline was stopped or the thread interrupted
     */
    TargetConnection connect(Target target, Deadline deadline) throws DistributionException, InterruptedException;

    @Override
    default void close() {}
}
