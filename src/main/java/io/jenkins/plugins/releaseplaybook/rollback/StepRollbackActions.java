package io.jenkins.plugins.releaseplaybook.rollback;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionResult;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackActions;
import io.jenkins.plugins.releaseplaybook.engine.rollback.RollbackException;
import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Map;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * The rollback actions of {@code autoRollback} for one build: {@code command} through the node's {@link Launcher},
 * {@code restoreBackup} through the backup callable on the node, {@code job} through the queue. What each needs is
 * read from the step's context once, by {@link #forContext}; an instance is not saved with the step (it holds the
 * build, its listener and its workspace): after a controller restart the step makes a fresh one.
 *
 * <p>Each method blocks until its action is over and must be called off the CPS VM thread. An interrupt (an abort of
 * the build) stops the running action (kills the process tree, cancels or aborts the triggered build) and is
 * rethrown; every other failure is answered as a failed {@link ActionResult} with a message saying what to do.
 */
public final class StepRollbackActions implements RollbackActions {
    /** The log prefix of every line the actions write. */
    static final String LOG_PREFIX = "[autoRollback] ";

    private final Run<?, ?> run;
    private final TaskListener listener;
    @CheckForNull
    private final FilePath workspace;
    @CheckForNull
    private final Launcher launcher;
    @CheckForNull
    private final Node node;
    private final EnvVars environment;
    private final Authentication authentication;

    private StepRollbackActions(Run<?, ?> run, TaskListener listener, @CheckForNull FilePath workspace,
            @CheckForNull Launcher launcher, @CheckForNull Node node, EnvVars environment,
            Authentication authentication) {
        this.run = run;
        this.listener = listener;
        this.workspace = workspace;
        this.launcher = launcher;
        this.node = node;
        this.environment = environment;
        this.authentication = authentication;
    }

    /**
     * Reads the build, its listener, and (inside {@code node}) the workspace, the launcher and the node from the
     * step's context, plus the build's environment and the authentication the build runs as.
     */
    @NonNull
    public static StepRollbackActions forContext(@NonNull StepContext context)
            throws IOException, InterruptedException {
        Run<?, ?> run = Objects.requireNonNull(context.get(Run.class), "no build in the step context");
        TaskListener listener = Objects.requireNonNull(context.get(TaskListener.class), "no listener");
        EnvVars environment = context.get(EnvVars.class);
        FlowExecution execution = context.get(FlowExecution.class);
        // the identity the Pipeline's own steps run as (the queue item's authentication); the thread calling the
        // actions later is a background thread running as SYSTEM, so it must not decide (nor be the fallback)
        Authentication authentication = execution != null ? execution.getAuthentication2() : Jenkins.ANONYMOUS2;
        return new StepRollbackActions(run, listener, context.get(FilePath.class), context.get(Launcher.class),
                context.get(Node.class), environment != null ? environment : new EnvVars(), authentication);
    }

    @Override
    public ActionResult command(String command) throws InterruptedException {
        return new CommandRunner(this).run(command);
    }

    @Override
    public ActionResult restoreBackup(String reference) throws InterruptedException, RollbackException {
        return new BackupRestore(this).restore(reference);
    }

    @Override
    public ActionResult job(String fullName, Map<String, String> parameters) throws InterruptedException {
        return new JobTrigger(this).trigger(fullName, parameters);
    }

    Run<?, ?> run() {
        return run;
    }

    TaskListener listener() {
        return listener;
    }

    @CheckForNull
    FilePath workspace() {
        return workspace;
    }

    @CheckForNull
    Launcher launcher() {
        return launcher;
    }

    @CheckForNull
    Node node() {
        return node;
    }

    EnvVars environment() {
        return environment;
    }

    Authentication authentication() {
        return authentication;
    }

    /** The node's name as the report names it: {@code built-in} for the controller, whose node name is empty. */
    static String nodeName(Node node) {
        String name = node.getNodeName();
        return name.isEmpty() ? "built-in" : name;
    }

    /**
     * Rethrows an I/O failure that an abort caused (an interrupted channel or file operation) as the
     * {@link InterruptedException} the rollback stops on; any other failure is left to the caller.
     */
    static void rethrowIfAborted(IOException e) throws InterruptedException {
        if (Thread.interrupted() || e instanceof InterruptedIOException || e instanceof ClosedByInterruptException) {
            InterruptedException abort = new InterruptedException(e.toString());
            abort.initCause(e);
            throw abort;
        }
    }

    /** One line of the build log, in the reader's language. */
    void log(Localizable line) {
        listener.getLogger().println(LOG_PREFIX + EngineMessages.text(line));
    }
}
