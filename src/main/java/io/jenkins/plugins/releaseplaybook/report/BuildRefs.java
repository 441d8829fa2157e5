package io.jenkins.plugins.releaseplaybook.report;

import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;

/** Turns a Jenkins build into the engine's {@link BuildRef}. */
public final class BuildRefs {
    private BuildRefs() {}

    /**
     * The build's job, number and absolute URL. The URL is built from the configured root URL (not
     * {@code Run.getAbsoluteUrl()}, which is deprecated) and is {@code null} when no root URL is set.
     */
    public static BuildRef of(Run<?, ?> run, JenkinsFacade jenkins) {
        String rootUrl = jenkins.getRootUrl();
        String url = rootUrl == null ? null : rootUrl + run.getUrl();
        return new BuildRef(run.getParent().getFullName(), run.getNumber(), url);
    }
}
