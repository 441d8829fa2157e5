package io.jenkins.plugins.releaseplaybook.silences;

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
 * Where silences are created and expired: off the CPS VM thread, which must never wait for the network, and off
 * {@code jenkins.util.Timer}, whose few shared threads must not wait for Alertmanager's retries and backoff either.
 * Tasks run as SYSTEM (they read the administrator's credentials and write the build's report).
 *
 * <p>The threads are daemons and are interrupted when Jenkins shuts down: an expiry cut short that way leaves its
 * silences ACTIVE in the report, and the step finishes the work when the build resumes
 * ({@code StepExecution.onResume}).
 */
public final class SilenceBackground {
    private static ExecutorService executor;

    private SilenceBackground() {}

    /**
     * Runs the task in the background.
     *
     * @throws RejectedExecutionException when Jenkins is shutting down
     */
    public static Future<?> submit(Runnable task) {
        return executor().submit(task);
    }

    private static synchronized ExecutorService executor() {
        if (executor == null) {
            executor = new ImpersonatingExecutorService(Executors.newCachedThreadPool(
                    new NamingThreadFactory(new DaemonThreadFactory(), "Release Playbook silences")), ACL.SYSTEM2);
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
