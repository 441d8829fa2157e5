package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.releaseplaybook.FormLines;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the two steps that create silences have in common: {@code silenceAlerts { }} (the silences last while its
 * body runs) and {@code createSilences} (no body; it returns the silence IDs). workflow-cps refuses a body-less call of
 * a step whose descriptor takes a block, so the two forms are two steps with the same parameters, bound here once.
 *
 * <p>Public because the data binding (structs, Stapler) calls the inherited setters reflectively.
 */
public abstract class AbstractSilenceStep extends Step {
    private List<String> matchers = List.of();
    private List<String> silences = List.of();
    private String duration;
    private String comment;

    public List<String> getMatchers() {
        return matchers;
    }

    /** The label matchers of one silence, all of which an alert must match; entries are trimmed, blank ones dropped. */
    @DataBoundSetter
    public void setMatchers(@CheckForNull List<String> matchers) {
        this.matchers = FormLines.entries(matchers);
    }

    public List<String> getSilences() {
        return silences;
    }

    /** Several silences, each a matcher set on one line such as {@code {service="checkout", alertname="X"}}. */
    @DataBoundSetter
    public void setSilences(@CheckForNull List<String> silences) {
        this.silences = FormLines.entries(silences);
    }

    @CheckForNull
    public String getDuration() {
        return duration;
    }

    /** Blank: the policy's default duration. */
    @DataBoundSetter
    public void setDuration(@CheckForNull String duration) {
        this.duration = Util.fixEmptyAndTrim(duration);
    }

    @CheckForNull
    public String getComment() {
        return comment;
    }

    /** Why the alerts are silenced; the policy requires one. */
    @DataBoundSetter
    public void setComment(@CheckForNull String comment) {
        this.comment = Util.fixEmptyAndTrim(comment);
    }

    /** The Pipeline name of the step ({@code silenceAlerts}, {@code createSilences}), for messages and the report. */
    abstract String functionName();

    /** What the execution keeps of this call: plain serializable values. */
    final SilenceRequest request() {
        return new SilenceRequest(functionName(), matchers, silences, duration, comment);
    }
}
