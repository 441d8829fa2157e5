package io.jenkins.plugins.releaseplaybook.rollback;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionResult;
import io.jenkins.plugins.releaseplaybook.engine.rollback.JobAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * A {@code job} action, as {@code build job:, wait: true} does it: the job looked up and checked for
 * {@link Item#BUILD} as the build's own authentication (relative names from the build's folder), the given values
 * turned into the job's parameter values ({@link JobParameters}), the build scheduled with an upstream cause and
 * waited for. An interrupt cancels the queued build or aborts the running one.
 */
final class JobTrigger {
    private final StepRollbackActions actions;

    JobTrigger(StepRollbackActions actions) {
        this.actions = actions;
    }

    ActionResult trigger(String name, Map<String, String> parameters) throws InterruptedException {
        Run<?, ?> run = actions.run();
        Authentication as = actions.authentication();
        Item item = visibleItem(name, run.getParent(), as);
        if (item == null) {
            return JobAction.notFound(name, run.getParent().getParent().getFullName());
        }
        if (!(item instanceof Job<?, ?> job) || !(item instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?>)) {
            return JobAction.notBuildable(item.getFullName());
        }
        if (!item.getACL().hasPermission2(as, Item.BUILD)) {
            return JobAction.noPermission(item.getFullName(), as.getName());
        }
        JobParameters.Converted converted = JobParameters.convert(job, parameters);
        Optional<ActionResult> refused = converted.refusal();
        if (refused.isPresent()) {
            return refused.get();
        }
        List<Action> queueActions = new ArrayList<>();
        queueActions.add(new CauseAction(new Cause.UpstreamCause(run)));
        List<ParameterValue> values = converted.values();
        if (!values.isEmpty()) {
            queueActions.add(new ParametersAction(values));
        }
        Queue.Item queued = ParameterizedJobMixIn.scheduleBuild2(job, 0, queueActions.toArray(new Action[0]));
        if (queued == null) {
            return JobAction.refused(job.getFullName());
        }
        actions.log(JobAction.scheduled(job.getFullName(), converted.shown()));
        QueueTaskFuture<Queue.Executable> future = queued.getFuture();
        try {
            Queue.Executable started = future.waitForStart();
            if (started instanceof Run<?, ?> build) {
                actions.log(JobAction.started(job.getFullName(), build.getNumber(), url(build)));
            }
            Queue.Executable ended = future.get();
            if (!(ended instanceof Run<?, ?> build)) {
                return JobAction.cancelled(job.getFullName());
            }
            Result result = build.getResult();
            ActionResult outcome = JobAction.finished(job.getFullName(), build.getNumber(), url(build),
                    result == null ? "unknown" : result.toString());
            actions.listener().getLogger().println(StepRollbackActions.LOG_PREFIX + outcome.message());
            return outcome;
        } catch (InterruptedException e) {
            cancel(queued, future); // the rollback is aborted: the build it started must not go on alone
            throw e;
        } catch (CancellationException | ExecutionException e) {
            return JobAction.cancelled(job.getFullName());
        }
    }

    /**
     * Still queued: only this item leaves the queue (looked up by id, because the queue replaces the item object as it
     * moves from waiting to blocked or buildable, and {@code future.cancel} on a queued item would cancel every queued
     * build of the job). Running: the future interrupts its executor, which aborts the build.
     */
    private static void cancel(Queue.Item queued, QueueTaskFuture<Queue.Executable> future) {
        Queue queue = Jenkins.get().getQueue();
        for (Queue.Item item : queue.getItems()) {
            if (item.getId() == queued.getId() && queue.cancel(item)) {
                return;
            }
        }
        future.cancel(true);
    }

    /**
     * The item as the build sees it, looked up as {@code build job:} does on the CPS thread: as the build's
     * authentication (the thread running the actions is no build's), relative names from the build's folder, an item
     * the build may not read not found.
     */
    @SuppressWarnings("try") // the context is not read: it is the point, the lookup runs as the build
    @CheckForNull
    private static Item visibleItem(String name, Job<?, ?> from, Authentication as) {
        try (ACLContext context = ACL.as2(as)) {
            return Jenkins.get().getItem(name, from, Item.class);
        } catch (AccessDeniedException e) { // may discover it, not read it: not found either
            return null;
        }
    }

    /** The build's absolute URL, or its URL relative to Jenkins' root when no root URL is configured. */
    private static String url(Run<?, ?> build) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? build.getUrl() : root + build.getUrl();
    }
}
