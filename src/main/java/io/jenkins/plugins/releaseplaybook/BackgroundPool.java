package io.jenkins.plugins.releaseplaybook;

import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import jenkins.security.ImpersonatingExecutorService;

/**
 * Where the steps wait: off the CPS VM thread, which must never wait for the network or a node, and off
 * {@code jenkins.util.Timer}, whose few shared threads must not wait minutes. One thread per running task (a cached
 * pool of daemon threads); tasks run as SYSTEM, since they read the administrator's configuration and credentials and
 * write the build's report. When Jenkins shuts down, the threads are interrupted, and each step goes on from what it
 * saved when the build resumes ({@code StepExecution.onResume}).
 */
public final class BackgroundPool {
    /**
     * Creating and expiring silences (Alertmanager's retries and backoff). An expiry cut short by a shutdown leaves
     * its silences ACTIVE in the report, and the step finishes the work when the build resumes.
     */
    public static final BackgroundPool SILENCES = new BackgroundPool("Release Playbook silences");
    /**
     * {@code releaseBackup}, {@code releaseRestore} and {@code preDistribute} waiting for their node. The call
     * interrupted by a shutdown is cancelled on the node too, and the step then fails on resume.
     */
    public static final BackgroundPool BACKUPS = new BackgroundPool("Release Playbook backups");
    /**
     * {@code autoRollback}: a restore, a command, a downstream build or a re-verification. After a shutdown the step
     * saves nothing more, and the restart goes on from the state saved last.
     */
    public static final BackgroundPool ROLLBACKS = new BackgroundPool("Release Playbook autoRollback");

    private static final List<BackgroundPool> ALL = List.of(SILENCES, BACKUPS, ROLLBACKS);

    private final String threadName;
    private ExecutorService executor;

    private BackgroundPool(String threadName) {
        this.threadName = threadName;
    }

    /** @throws RejectedExecutionException when Jenkins is shutting down */
    public Future<?> submit(Runnable task) {
        return executor().submit(task);
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = new ImpersonatingExecutorService(Executors.newCachedThreadPool(
                    new NamingThreadFactory(new DaemonThreadFactory(), threadName)), ACL.SYSTEM2);
        }
        return executor;
    }

    private synchronized void shutdownNow() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Interrupts what still runs when Jenkins shuts down; a later task gets a new pool (tests restart Jenkins). */
    @Terminator
    public static void shutdown() {
        ALL.forEach(BackgroundPool::shutdownNow);
    }
}
