package io.jenkins.plugins.releaseplaybook.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportFile;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportHtml;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.report.ReportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;

/**
 * The Release Report of one build. The report itself lives as versioned JSON in the build directory,
 * not in {@code build.xml}: this action only remembers the file name and reads the file lazily.
 *
 * <p>All writes go through {@link #update}, which delegates to the engine's {@link ReleaseReportFile}. That
 * class serializes concurrent updates (parallel branches) under its own lock, which only works while
 * exactly one instance owns the file; {@link #getOrCreate} guarantees one action, and the action holds
 * one file instance.
 *
 * <p>A report file that cannot be read (damaged, unreadable) is logged once, with its path, for the Jenkins
 * administrator; the page shows a short message without paths, and the JSON download and the REST API answer
 * HTTP 500 with that message as plain text.
 */
public final class ReleaseReportAction implements RunAction2 {
    static final String FILE_NAME = "release-report.json";
    static final String URL_NAME = "release-report";
    static final String ICON = "symbol-document-text";
    private static final Logger LOGGER = Logger.getLogger(ReleaseReportAction.class.getName());

    /**
     * Guards the check-then-add in {@link #getOrCreate}. Deliberately not the {@link Run} itself:
     * WorkflowRun requires its metadata lock to be taken before the run's monitor, and {@link Run#save()}
     * takes both, so holding the run's monitor here could deadlock with a concurrent save.
     */
    private static final Object ATTACH_LOCK = new Object();

    /** The only persisted state (in build.xml): where the report lives, relative to the build directory. */
    private final String fileName;

    private transient Run<?, ?> run;
    private transient ReleaseReportFile file;
    /** Whether the current failure to read the file was logged already; reset when the file reads again. */
    private transient boolean loadFailureLogged;

    private ReleaseReportAction(Run<?, ?> run) {
        this.fileName = FILE_NAME;
        // Set before the action is published: another thread may find it in the run's action list before
        // Run.addAction has called onAttached.
        this.run = run;
    }

    /**
     * The report action of the build, attached (and the build saved) on first use. Safe to call from
     * several threads at once: all of them get the same action.
     */
    @NonNull
    public static ReleaseReportAction getOrCreate(@NonNull Run<?, ?> run) throws IOException {
        ReleaseReportAction existing = run.getAction(ReleaseReportAction.class);
        if (existing != null) {
            return existing;
        }
        synchronized (ATTACH_LOCK) {
            existing = run.getAction(ReleaseReportAction.class);
            if (existing != null) {
                return existing;
            }
            ReleaseReportAction created = new ReleaseReportAction(run);
            run.addAction(created); // also calls onAttached
            if (run.getRootDir().isDirectory()) { // saving a deleted build would bring its directory back
                run.save();
            }
            return created;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** The build this report belongs to (for the side panel of the page). */
    public Run<?, ?> getRun() {
        return run;
    }

    /** Reads the report (cached after the first read); an empty report when nothing was recorded yet. */
    @NonNull
    public ReleaseReport load() throws IOException {
        return file().load();
    }

    /**
     * Applies a change to the report and stores it atomically; safe from parallel branches. When the build was
     * deleted meanwhile (log rotation, a user), nothing is written and its directory is not created again: the
     * change is dropped with a line in the Jenkins log, and the report as it was is returned.
     */
    @NonNull
    public ReleaseReport update(@NonNull UnaryOperator<ReleaseReport> change) throws IOException {
        try {
            ReleaseReport updated = file().update(change);
            LatestReports.written(run);
            return updated;
        } catch (ReportException gone) {
            if (gone.kind() != ReportException.Kind.DIRECTORY_GONE) {
                throw gone;
            }
            LOGGER.log(Level.WARNING, "{0} was deleted (its directory {1} is gone), so a late change to its Release"
                    + " Report was not written", new Object[] {run.getFullDisplayName(), gone.directory()});
            return file().load();
        }
    }

    /** Whether a report file was written for this build. */
    public boolean hasReport() {
        return file().exists();
    }

    private synchronized ReleaseReportFile file() {
        if (file == null) {
            Objects.requireNonNull(run, "the action is not attached to a build");
            file = new ReleaseReportFile(run.getRootDir().toPath().resolve(fileName));
        }
        return file;
    }

    /** No sidebar link on builds without a report file. */
    @CheckForNull
    @Override
    public String getIconFileName() {
        return run != null && hasReport() ? ICON : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.ReleaseReportAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** The report as escaped HTML for {@code index.jelly}; empty when it cannot be read (see {@link #getLoadProblem}). */
    public String getReportHtml() {
        Loaded loaded = loadForView();
        return loaded.report() == null ? "" : ReleaseReportHtml.renderFragment(loaded.report(), EngineMessages.locale());
    }

    /** Why the report cannot be shown (short, without paths), or {@code null} when it can. */
    @CheckForNull
    public String getLoadProblem() {
        return loadForView().problem();
    }

    /** The report, or why it cannot be shown. */
    private record Loaded(@CheckForNull ReleaseReport report, @CheckForNull String problem) {}

    /**
     * Reads the report for a view (the page, the JSON download, the REST API). A failure is logged once, with
     * the file's path and the cause, not on every view; the text for the user names no path.
     */
    private Loaded loadForView() {
        ReleaseReportFile reportFile = file();
        try {
            ReleaseReport report = reportFile.load();
            synchronized (this) {
                loadFailureLogged = false;
            }
            return new Loaded(report, null);
        } catch (IOException e) {
            boolean first;
            synchronized (this) {
                first = !loadFailureLogged;
                loadFailureLogged = true;
            }
            if (first) {
                LOGGER.log(Level.WARNING, "The Release Report of " + run.getFullDisplayName() + " cannot be read from "
                        + reportFile.path() + "; its page, JSON and REST API report this until the file is restored"
                        + " or deleted (logged once)", e);
            } else {
                LOGGER.log(Level.FINE, "The Release Report of {0} still cannot be read: {1}",
                        new Object[] {run.getFullDisplayName(), e.toString()});
            }
            String problem = e instanceof ReportException unreadable && unreadable.kind() == ReportException.Kind.UNREADABLE
                    ? Messages.ReleaseReportAction_LoadFailed(EngineMessages.of(e))
                    : Messages.ReleaseReportAction_Unreadable(e.getClass().getSimpleName());
            return new Loaded(null, problem);
        }
    }

    /** The report, or an HTTP 500 with the short problem text (for the JSON download and the REST API). */
    private ReleaseReport loadOrAnswerError() {
        Loaded loaded = loadForView();
        if (loaded.report() == null) {
            throw new ReportUnavailable(loaded.problem());
        }
        return loaded.report();
    }

    /** {@code release-report-<job>-<number>.json}, with characters that are awkward in file names replaced. */
    public String getDownloadFileName() {
        String job = run.getParent().getFullName().replaceAll("[^A-Za-z0-9._-]+", "_");
        return "release-report-" + job + "-" + run.getNumber() + ".json";
    }

    /** The REST API at {@code .../release-report/api/json}. */
    public Api getApi() {
        // Thrown from a getter, an HttpResponse is rendered by Stapler instead of an error page with a stack trace.
        return new Api(new ReleaseReportApi(loadOrAnswerError()));
    }

    /** Serves the report JSON as a download. Read-only; the build page already required READ to get here. */
    @GET
    public void doJson(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.getParent().checkPermission(Item.READ);
        byte[] json = ReleaseReportJson.toBytes(loadOrAnswerError());
        rsp.setHeader("Content-Disposition", "attachment; filename=\"" + getDownloadFileName() + "\"");
        Responses.send(rsp, "application/json;charset=UTF-8", json);
    }

    /** Serves the engine's stylesheet, so that the page needs no inline style (Jenkins enforces a CSP). */
    @GET
    public void doStyle(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.getParent().checkPermission(Item.READ);
        byte[] css = ReleaseReportHtml.stylesheet().getBytes(StandardCharsets.UTF_8);
        Responses.send(rsp, "text/css;charset=UTF-8", css);
    }
}
