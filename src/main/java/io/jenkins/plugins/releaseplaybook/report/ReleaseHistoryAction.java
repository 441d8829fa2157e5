package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHistory;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHistoryHtml;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.rollback.LoopGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;
import org.kohsuke.stapler.verb.POST;

/**
 * "Release History" on a job's page ({@code <job URL>/release-history/}): the release KPIs over the job's last
 * {@link ReleaseHistory#DEFAULT_LIMIT} builds, their trend and the releases with links to their reports (the engine's
 * {@link ReleaseHistoryHtml}), the same figures in the REST API, and the rollback-loop guard's acknowledgement form
 * when the guard would refuse the next release. Shown only for jobs with a report; not stored anywhere (a
 * {@link TransientActionFactory} adds it to every job). Reports are read lazily through {@link ReleaseHistories}'
 * cache, once per instance, which is one page view.
 */
public final class ReleaseHistoryAction implements Action {
    static final String URL_NAME = "release-history";
    static final String ICON = "symbol-analytics";
    /** How the page records an acknowledgement ({@link RollbackRecord.Acknowledgement#via()}). */
    static final String VIA_PAGE = "page";
    private static final Logger LOGGER = Logger.getLogger(ReleaseHistoryAction.class.getName());

    private final Job<?, ?> job;
    private transient View view;

    ReleaseHistoryAction(Job<?, ?> job) {
        this.job = job;
    }

    /** What one page view shows: the history and the guard's decision, from the same rows. */
    private record View(ReleaseHistory history, LoopGuard.Decision guard) {}

    private synchronized View view() {
        if (view == null) {
            view = compute(job);
        }
        return view;
    }

    private static View compute(Job<?, ?> job) {
        List<ReleaseHistories.Row> rows = ReleaseHistories.rows(job, ReleaseHistory.DEFAULT_LIMIT, null);
        List<LoopGuard.Entry> entries = rows.stream().map(ReleaseHistories.Row::guardEntry).toList();
        return new View(ReleaseHistories.history(rows, ReleaseHistory.DEFAULT_LIMIT),
                LoopGuard.decide(job.getFullName(), entries, maxConsecutiveRollbacks(), false));
    }

    /** The administrator's {@code maxConsecutiveRollbacks} (Manage Jenkins, rollback-loop guard; 0 = off). */
    static int maxConsecutiveRollbacks() {
        return ReleasePlaybookConfiguration.get().getRollback().getMaxConsecutiveRollbacks();
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @CheckForNull
    @Override
    public String getIconFileName() {
        return LatestReports.newest(job) == null ? null : ICON;
    }

    @Override
    public String getDisplayName() {
        return Messages.ReleaseHistoryAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** The history of the job's last builds. */
    public ReleaseHistory getHistory() {
        return view().history();
    }

    /** The history as escaped HTML for {@code index.jelly}, in the reader's language, linking each build's report. */
    public String getHistoryHtml() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        String jobUrl = request == null ? null : request.getContextPath() + "/" + job.getUrl();
        return ReleaseHistoryHtml.renderFragment(getHistory(), EngineMessages.locale(), jobUrl);
    }

    /** How many releases in a row rolled back and count for the loop guard now. */
    public int getConsecutiveRollbacks() {
        return view().guard().consecutive();
    }

    public int getMaxConsecutiveRollbacks() {
        return view().guard().max();
    }

    /** Whether the guard would refuse the next release: then the page offers the acknowledgement. */
    public boolean isAcknowledgementNeeded() {
        return !view().guard().allowed();
    }

    /** The guard's refusal in the reader's language (names the builds and the limit); empty when it allows. */
    public String getGuardMessage() {
        return EngineMessages.text(view().guard().message());
    }

    /** Whether the current user may acknowledge (Configure on the job). */
    public boolean isCanAcknowledge() {
        return job.hasPermission(Item.CONFIGURE);
    }

    /** The REST API at {@code .../release-history/api/json}: the same figures as the page. */
    public Api getApi() {
        View current = view();
        return new Api(new ReleaseHistoryApi(current.history(), current.guard()));
    }

    /**
     * Acknowledges the rolled-back releases the loop guard counts, so that the next release may run: records who and
     * when on the report of the newest of them ({@link io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport#withRollbackAcknowledged},
     * written through the build's {@link ReleaseReportAction} like every other change), then shows the page again.
     * Needs Configure on the job; POST only (Jenkins checks the crumb).
     */
    @POST
    public HttpResponse doAcknowledge() throws IOException {
        job.checkPermission(Item.CONFIGURE);
        View fresh = compute(job); // what the guard counts now, not what the page showed
        List<BuildRef> counted = fresh.guard().rolledBack();
        if (counted.isEmpty()) {
            return HttpResponses.redirectToDot();
        }
        BuildRef newest = counted.get(0);
        Run<?, ?> run = job.getBuildByNumber(newest.number());
        ReleaseReportAction report = run == null ? null : run.getAction(ReleaseReportAction.class);
        if (report == null) {
            // Deleted (or its report with it) between the count and now: the next view counts without it.
            return HttpResponses.redirectToDot();
        }
        String user = Jenkins.getAuthentication2().getName();
        RollbackRecord.Acknowledgement ack = new RollbackRecord.Acknowledgement(user, Instant.now(), VIA_PAGE);
        report.update(r -> r.withRollbackAcknowledged(ack));
        LOGGER.log(Level.INFO, "{0} acknowledged {1} consecutive rolled-back releases of {2} (recorded on #{3})",
                new Object[] {user, counted.size(), job.getFullName(), newest.number()});
        synchronized (this) {
            view = null;
        }
        return HttpResponses.redirectToDot();
    }

    /** Serves the history's stylesheet (the report's and its own), so that the page needs no inline style. */
    @GET
    public void doStyle(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        job.checkPermission(Item.READ);
        byte[] css = ReleaseHistoryHtml.stylesheet().getBytes(StandardCharsets.UTF_8);
        Responses.send(rsp, "text/css;charset=UTF-8", css);
    }

    /** Adds the action to every job; cheap until the link or the page is rendered. */
    @Extension
    public static final class Factory extends TransientActionFactory<Job<?, ?>> {
        @Override
        @SuppressWarnings("unchecked") // Job.class cannot carry the wildcards
        public Class<Job<?, ?>> type() {
            return (Class<Job<?, ?>>) (Class<?>) Job.class;
        }

        @NonNull
        @Override
        public Class<? extends Action> actionType() {
            return ReleaseHistoryAction.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job<?, ?> target) {
            return Set.of(new ReleaseHistoryAction(target));
        }
    }
}
