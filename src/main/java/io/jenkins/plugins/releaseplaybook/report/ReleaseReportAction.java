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
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.UnaryOperator;
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
 */
public final class ReleaseReportAction implements RunAction2 {
    static final String FILE_NAME = "release-report.json";
    static final String URL_NAME = "release-report";
    private static final String ICON = "symbol-document-text";

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
            run.save();
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

    /** Applies a change to the report and stores it atomically; safe from parallel branches. */
    @NonNull
    public ReleaseReport update(@NonNull UnaryOperator<ReleaseReport> change) throws IOException {
        return file().update(change);
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
        try {
            return ReleaseReportHtml.renderFragment(load(), EngineMessages.locale());
        } catch (IOException e) {
            return "";
        }
    }

    /** Why the report cannot be shown, or {@code null} when it can. */
    @CheckForNull
    public String getLoadProblem() {
        try {
            load();
            return null;
        } catch (IOException e) {
            return Messages.ReleaseReportAction_LoadFailed(e.getMessage());
        }
    }

    /** {@code release-report-<job>-<number>.json}, with characters that are awkward in file names replaced. */
    public String getDownloadFileName() {
        String job = run.getParent().getFullName().replaceAll("[^A-Za-z0-9._-]+", "_");
        return "release-report-" + job + "-" + run.getNumber() + ".json";
    }

    /** The REST API at {@code .../release-report/api/json}. */
    public Api getApi() {
        try {
            return new Api(new ReleaseReportApi(load()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the report JSON as a download. Read-only; the build page already required READ to get here. */
    @GET
    public void doJson(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.getParent().checkPermission(Item.READ);
        byte[] json = ReleaseReportJson.toBytes(load());
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("Content-Disposition", "attachment; filename=\"" + getDownloadFileName() + "\"");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setContentLength(json.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(json);
        }
    }

    /** Serves the engine's stylesheet, so that the page needs no inline style (Jenkins enforces a CSP). */
    @GET
    public void doStyle(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.getParent().checkPermission(Item.READ);
        byte[] css = ReleaseReportHtml.stylesheet().getBytes(StandardCharsets.UTF_8);
        rsp.setContentType("text/css;charset=UTF-8");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setContentLength(css.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(css);
        }
    }
}
