package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.Messages;
import java.util.Collection;
import java.util.Set;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.verb.GET;

/**
 * "Release Report" on a job's page: {@code <job URL>/release-report/} redirects to the report of the newest build
 * that has one (see {@link LatestReports}). Shown only when such a build exists. Not stored anywhere: a
 * {@link TransientActionFactory} adds it to every job.
 */
public final class LatestReleaseReportAction implements Action {
    private final Job<?, ?> job;
    private transient Run<?, ?> build;
    private transient boolean resolved;

    LatestReleaseReportAction(Job<?, ?> job) {
        this.job = job;
    }

    /** The newest build with a report, or {@code null}; looked up once per instance (one page view). */
    @CheckForNull
    public synchronized Run<?, ?> getBuild() {
        if (!resolved) {
            build = LatestReports.newest(job);
            resolved = true;
        }
        return build;
    }

    @CheckForNull
    @Override
    public String getIconFileName() {
        return getBuild() == null ? null : ReleaseReportAction.ICON;
    }

    @Override
    public String getDisplayName() {
        return Messages.ReleaseReportAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return ReleaseReportAction.URL_NAME;
    }

    /** Redirects to the report page of the newest build that has one; 404 when no build has one. */
    @GET
    public HttpResponse doIndex() {
        Run<?, ?> target = getBuild();
        if (target == null) {
            return HttpResponses.notFound();
        }
        return HttpResponses.redirectViaContextPath(target.getUrl() + ReleaseReportAction.URL_NAME + "/");
    }

    /** Adds the action to every job; cheap, because the lookup happens only when the link is rendered. */
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
            return LatestReleaseReportAction.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job<?, ?> target) {
            return Set.of(new LatestReleaseReportAction(target));
        }
    }
}
