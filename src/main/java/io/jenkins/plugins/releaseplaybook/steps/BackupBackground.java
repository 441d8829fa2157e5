package io.jenkins.plugins.releaseplaybook.steps;

import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import jenkins.security.ImpersonatingExecutorService;

/**
 * Where {@code releaseBackup} and {@code releaseRestore} wait for their node: off the CPS VM thread, and off
 * {@code jenkins.util.Timer}, whose few shared threads must not wait minutes for an archive. One thread per running
 * step (a cached pool); tasks run as SYSTEM, since they read the global configuration and write the build's report.
 *
 * <p>The threads are daemons and are interrupted when Jenkins shuts down; the interrupted call is cancelled on the
 * node too, and the step then fails on resume (see {@code BackupStepExecution#onResume}).
 */
final class BackupBackground {
    private static ExecutorService executor;

    private BackupBackground() {}

    /** @throws RejectedExecutionException when Jenkins is shutting down */
    static Future<?> submit(Runnable task) {
        return executor().submit(task);
    }

    private static synchronized ExecutorService executor() {
        if (executor == null) {
            executor = new ImpersonatingExecutorService(Executors.newCachedThreadPool(
                    new NamingThreadFactory(new DaemonThreadFactory(), "Release Playbook backups")), ACL.SYSTEM2);
        }
        return executor;
    }

    /** Interrupts what still runs when Jenkins shuts down; a later task gets a new pool (tests restart Jenkins). */
    @Terminator
    public static synchronized void shutdown() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
