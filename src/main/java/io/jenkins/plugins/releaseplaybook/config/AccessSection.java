package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.policy.ItemPatterns;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Which jobs may use the administrator's connections for what: {@code access:} under
 * {@code unclassified: releasePlaybook:} in Configuration as Code.
 *
 * <p>Steps call Prometheus and Alertmanager with the credentials of the global configuration (looked up as
 * SYSTEM), not with anything the job owns. So an administrator may want to say which jobs can create silences,
 * and which can send PromQL of their own (custom checks with a query) rather than only the catalogue's. Each
 * setting is a list of item-name patterns, one a line ({@code team-a/**}, {@code releases/*-prod}; the engine's
 * {@link ItemPatterns}); empty, the default, means every job, so that installing or upgrading changes nothing.
 */
public final class AccessSection implements Describable<AccessSection> {
    /** One pattern a line; {@code null}: every job. */
    private String silenceJobs;
    /** One pattern a line; {@code null}: every job. */
    private String customQueryJobs;

    @DataBoundConstructor
    public AccessSection() {
        // every job may do everything until the administrator says otherwise
    }

    /** The jobs that may create silences, one item-name pattern a line; empty: every job. */
    @NonNull
    public String getSilenceJobs() {
        return Util.fixNull(silenceJobs);
    }

    /**
     * Normalizes to one trimmed pattern a line; blank means every job.
     *
     * @throws IllegalArgumentException naming the line that is not a pattern
     */
    @DataBoundSetter
    public void setSilenceJobs(@CheckForNull String silenceJobs) {
        this.silenceJobs = normalized(silenceJobs);
    }

    /** The jobs that may run PromQL of their own (custom checks with a query), one pattern a line; empty: every job. */
    @NonNull
    public String getCustomQueryJobs() {
        return Util.fixNull(customQueryJobs);
    }

    /**
     * Normalizes to one trimmed pattern a line; blank means every job.
     *
     * @throws IllegalArgumentException naming the line that is not a pattern
     */
    @DataBoundSetter
    public void setCustomQueryJobs(@CheckForNull String customQueryJobs) {
        this.customQueryJobs = normalized(customQueryJobs);
    }

    @CheckForNull
    private static String normalized(@CheckForNull String text) {
        ItemPatterns.parse(text); // throws naming the line
        return Util.fixEmpty(FormLines.join(FormLines.split(text)));
    }

    /**
     * Why the job may not create silences, or {@code null} when it may.
     *
     * @param itemFullName the job's full name, such as {@code team-a/checkout}
     * @return a message in the reader's language naming the setting to change
     */
    @CheckForNull
    public String refusalToCreateSilences(@NonNull String itemFullName) {
        return allowed(silenceJobs, itemFullName) ? null
                : Messages.AccessSection_SilencesRefused(itemFullName, settingPath(Messages.AccessSection_SilenceJobs()));
    }

    /**
     * Why the job may not run PromQL of its own (custom checks with a query), or {@code null} when it may.
     *
     * @param itemFullName the job's full name, such as {@code team-a/checkout}
     * @return a message in the reader's language naming the setting to change
     */
    @CheckForNull
    public String refusalToRunCustomQueries(@NonNull String itemFullName) {
        return allowed(customQueryJobs, itemFullName) ? null
                : Messages.AccessSection_CustomQueriesRefused(itemFullName,
                        settingPath(Messages.AccessSection_CustomQueryJobs()));
    }

    /**
     * A stored text that no longer parses (a hand-edited file) allows nothing: refusing is the safe side of a policy
     * whose only purpose is to restrict.
     */
    private static boolean allowed(@CheckForNull String patterns, String itemFullName) {
        try {
            return ItemPatterns.parse(patterns).matches(itemFullName);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String settingPath(String setting) {
        return Messages.AccessSection_SettingPath(setting);
    }

    @Extension
    @Symbol("access")
    public static final class DescriptorImpl extends Descriptor<AccessSection> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AccessSection_DisplayName();
        }

        /** Reads the section from the submitted form, both fields checked first. */
        static AccessSection fromForm(@CheckForNull JSONObject form, AccessSection current) throws FormException {
            if (form == null) {
                return current;
            }
            String silences = form.optString("silenceJobs");
            String queries = form.optString("customQueryJobs");
            ConfigurationValidation.reject(ConfigurationValidation.itemPatternsProblem(silences), "silenceJobs");
            ConfigurationValidation.reject(ConfigurationValidation.itemPatternsProblem(queries), "customQueryJobs");
            AccessSection section = new AccessSection();
            section.setSilenceJobs(silences);
            section.setCustomQueryJobs(queries);
            return section;
        }

        @POST
        public FormValidation doCheckSilenceJobs(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return patterns(value);
        }

        @POST
        public FormValidation doCheckCustomQueryJobs(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return patterns(value);
        }

        /** An error naming the bad line; a note that empty means every job, so that nobody reads it as "none". */
        private static FormValidation patterns(@CheckForNull String value) {
            String problem = ConfigurationValidation.itemPatternsProblem(value);
            if (problem != null) {
                return FormValidation.error(problem);
            }
            return ItemPatterns.parse(value).allowsAll()
                    ? FormValidation.ok(Messages.AccessSection_EveryJob())
                    : FormValidation.ok();
        }
    }
}
