package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionSpec;
import io.jenkins.plugins.releaseplaybook.engine.distribution.HostKeyPolicy;
import io.jenkins.plugins.releaseplaybook.engine.distribution.KnownHosts;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import java.time.Duration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What {@code preDistribute} uses over SSH and when a job does not say: {@code distribution:} under
 * {@code unclassified: releasePlaybook:} in Configuration as Code. The known hosts are the only host keys the SFTP
 * form trusts (OpenSSH {@code known_hosts} text); trust-on-first-use, where the administrator allows it, accepts an
 * unlisted host and records its fingerprint in the report. A key that differs from a listed one is always refused.
 */
public final class DistributionSection implements Describable<DistributionSection> {
    static final String DEFAULT_TIMEOUT = Durations.format(DistributionSpec.DEFAULT_TARGET_TIMEOUT);

    private String knownHosts = "";
    private String hostKeyPolicy = HostKeyPolicy.KNOWN_HOSTS.name();
    private int defaultParallelism = DistributionSpec.DEFAULT_PARALLELISM;
    private int defaultRetries = DistributionSpec.DEFAULT_RETRIES;
    private String defaultTimeout = DEFAULT_TIMEOUT;

    @DataBoundConstructor
    public DistributionSection() {
        // every setting has a default
    }

    /** Fields absent from a stored section get their defaults. */
    private Object readResolve() {
        knownHosts = Util.fixNull(knownHosts);
        if (hostKeyPolicy == null) {
            hostKeyPolicy = HostKeyPolicy.KNOWN_HOSTS.name();
        }
        if (defaultTimeout == null) {
            defaultTimeout = DEFAULT_TIMEOUT;
        }
        return this;
    }

    /** OpenSSH {@code known_hosts} text: the host keys the SFTP form trusts. */
    @NonNull
    public String getKnownHosts() {
        return knownHosts;
    }

    /** @throws IllegalArgumentException naming the first line that does not parse */
    @DataBoundSetter
    public void setKnownHosts(@CheckForNull String knownHosts) {
        String text = Util.fixNull(knownHosts);
        String problem = knownHostsProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.knownHosts = text;
    }

    /** {@code KNOWN_HOSTS} or {@code TRUST_ON_FIRST_USE}. */
    @NonNull
    public String getHostKeyPolicy() {
        return hostKeyPolicy;
    }

    /** Any spelling {@link HostKeyPolicy#of} reads; blank: known hosts only. */
    @DataBoundSetter
    public void setHostKeyPolicy(@CheckForNull String hostKeyPolicy) {
        this.hostKeyPolicy = policy(hostKeyPolicy).name();
    }

    /** The policy as the engine's constant. */
    @NonNull
    public HostKeyPolicy hostKeyPolicy() {
        return policy(hostKeyPolicy);
    }

    public int getDefaultParallelism() {
        return defaultParallelism;
    }

    /** @throws IllegalArgumentException unless 1 to {@value DistributionSpec#MAX_PARALLELISM} */
    @DataBoundSetter
    public void setDefaultParallelism(int defaultParallelism) {
        String problem = parallelismProblem(Integer.toString(defaultParallelism));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.defaultParallelism = defaultParallelism;
    }

    public int getDefaultRetries() {
        return defaultRetries;
    }

    /** @throws IllegalArgumentException unless 0 to {@value DistributionSpec#MAX_RETRIES} */
    @DataBoundSetter
    public void setDefaultRetries(int defaultRetries) {
        String problem = retriesProblem(Integer.toString(defaultRetries));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.defaultRetries = defaultRetries;
    }

    /** Per target, retries included, as written ({@code 30m}). */
    @NonNull
    public String getDefaultTimeout() {
        return defaultTimeout;
    }

    /** Blank: 30 minutes. @throws IllegalArgumentException quoting the value and the accepted forms */
    @DataBoundSetter
    public void setDefaultTimeout(@CheckForNull String defaultTimeout) {
        String text = Util.fixEmptyAndTrim(defaultTimeout);
        this.defaultTimeout = text == null ? DEFAULT_TIMEOUT : Durations.format(positiveDuration(text));
    }

    /** The default timeout as a duration. */
    @NonNull
    public Duration defaultTimeout() {
        return Durations.parse(defaultTimeout);
    }

    /** The two policies with translated names; the values are the engine's constant names. */
    public static ListBoxModel hostKeyPolicies() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.DistributionSection_KnownHosts(), HostKeyPolicy.KNOWN_HOSTS.name());
        items.add(Messages.DistributionSection_TrustOnFirstUse(), HostKeyPolicy.TRUST_ON_FIRST_USE.name());
        return items;
    }

    private static HostKeyPolicy policy(@CheckForNull String text) {
        if (Util.fixEmptyAndTrim(text) == null) {
            return HostKeyPolicy.KNOWN_HOSTS;
        }
        try {
            return HostKeyPolicy.of(text);
        } catch (DistributionException e) {
            throw new IllegalArgumentException(EngineMessages.of(e));
        }
    }

    static Duration positiveDuration(String text) {
        Duration duration = Durations.parse(text); // IllegalArgumentException with the accepted forms
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(Messages.DistributionSection_TimeoutPositive(text));
        }
        return duration;
    }

    @CheckForNull
    static String knownHostsProblem(@CheckForNull String text) {
        try {
            KnownHosts.parse(text);
            return null;
        } catch (DistributionException e) {
            return EngineMessages.of(e);
        }
    }

    @CheckForNull
    static String parallelismProblem(@CheckForNull String text) {
        return rangeProblem(text, 1, DistributionSpec.MAX_PARALLELISM);
    }

    @CheckForNull
    static String retriesProblem(@CheckForNull String text) {
        return rangeProblem(text, 0, DistributionSpec.MAX_RETRIES);
    }

    @CheckForNull
    private static String rangeProblem(@CheckForNull String text, int min, int max) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null; // the built-in default
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return null;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        return Messages.DistributionSection_OutOfRange(value, min, max);
    }

    @CheckForNull
    static String timeoutProblem(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            positiveDuration(value);
            return null;
        } catch (IllegalArgumentException e) {
            return EngineMessages.of(e);
        }
    }

    @Extension
    @Symbol("distribution")
    public static final class DescriptorImpl extends Descriptor<DistributionSection> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DistributionSection_DisplayName();
        }

        /** Reads the section from the submitted form, every field checked first; nothing is half-applied. */
        static DistributionSection fromForm(@CheckForNull JSONObject form, DistributionSection current) throws FormException {
            if (form == null) {
                return current;
            }
            String known = form.optString("knownHosts", current.knownHosts);
            ConfigurationValidation.reject(knownHostsProblem(known), "knownHosts");
            String parallelism = form.optString("defaultParallelism", Integer.toString(current.defaultParallelism));
            ConfigurationValidation.reject(parallelismProblem(parallelism), "defaultParallelism");
            String retries = form.optString("defaultRetries", Integer.toString(current.defaultRetries));
            ConfigurationValidation.reject(retriesProblem(retries), "defaultRetries");
            String timeout = form.optString("defaultTimeout", current.defaultTimeout);
            ConfigurationValidation.reject(timeoutProblem(timeout), "defaultTimeout");
            String policy = form.optString("hostKeyPolicy", current.hostKeyPolicy);
            try {
                policy(policy);
            } catch (IllegalArgumentException e) {
                ConfigurationValidation.reject(e.getMessage(), "hostKeyPolicy");
            }

            DistributionSection section = new DistributionSection();
            section.setKnownHosts(known);
            section.setHostKeyPolicy(policy);
            String p = Util.fixEmptyAndTrim(parallelism);
            section.setDefaultParallelism(p == null ? DistributionSpec.DEFAULT_PARALLELISM : Integer.parseInt(p));
            String r = Util.fixEmptyAndTrim(retries);
            section.setDefaultRetries(r == null ? DistributionSpec.DEFAULT_RETRIES : Integer.parseInt(r));
            section.setDefaultTimeout(timeout);
            return section;
        }

        /** Parses the text as the step will, and says how many keys it holds. */
        @POST
        public FormValidation doCheckKnownHosts(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            try {
                int keys = KnownHosts.parse(value).size();
                return keys == 0 ? FormValidation.warning(Messages.DistributionSection_NoKnownHosts())
                        : FormValidation.ok(Messages.DistributionSection_KnownHostsRead(keys));
            } catch (DistributionException e) {
                return FormValidation.error(EngineMessages.of(e));
            }
        }

        @POST
        public FormValidation doCheckDefaultParallelism(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return problem(parallelismProblem(value));
        }

        @POST
        public FormValidation doCheckDefaultRetries(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return problem(retriesProblem(value));
        }

        @POST
        public FormValidation doCheckDefaultTimeout(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return problem(timeoutProblem(value));
        }

        @POST
        public ListBoxModel doFillHostKeyPolicyItems() {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return hostKeyPolicies();
        }

        private static FormValidation problem(@CheckForNull String problem) {
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }
    }
}
