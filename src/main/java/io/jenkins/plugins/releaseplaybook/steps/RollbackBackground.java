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
 * Where {@code autoRollback} does its work: off the CPS VM thread, and off {@code jenkins.util.Timer}, whose few shared
 * threads must not wait minutes for a restore, a command, a downstream build or a re-verification. Tasks run as SYSTEM
 * (they read the administrator's Prometheus credentials and write the build's report and description).
 *
 * <p>The threads are daemons and are interrupted when Jenkins shuts down; the step then saves nothing more, and the
 * restart goes on from the state saved last ({@code StepExecution.onResume}).
 */
public final class RollbackBackground {
    private static ExecutorService executor;

    private RollbackBackground() {}

    /** @throws RejectedExecutionException when Jenkins is shutting down */
    static Future<?> submit(Runnable task) {
        return executor().submit(task);
    }

    private static synchronized ExecutorService executor() {
        if (executor == null) {
            executor = new ImpersonatingExecutorService(Executors.newCachedThreadPool(
                    new NamingThreadFactory(new DaemonThreadFactory(), "Release Playbook autoRollback")), ACL.SYSTEM2);
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
