package io.jenkins.plugins.releaseplaybook.report;

import hudson.model.Run;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;

/** Turns a Jenkins build into the engine's {@link BuildRef}. */
public final class BuildRefs {
    private BuildRefs() {}

    /**
     * The build's job, number and URL. The URL is the configured root URL plus {@link Run#getUrl()} (not
     * {@code Run.getAbsoluteUrl()}, which is deprecated). When no Jenkins URL was ever saved (Manage Jenkins &gt;
     * System), it is the build's URL relative to the Jenkins root, such as {@code job/checkout/42/}, which still
     * identifies the build for people and tools that know the Jenkins address.
     */
    public static BuildRef of(Run<?, ?> run, JenkinsFacade jenkins) {
        String rootUrl = jenkins.getRootUrl();
        String url = rootUrl == null ? run.getUrl() : rootUrl + run.getUrl();
        return new BuildRef(run.getParent().getFullName(), run.getNumber(), url);
    }
}
