package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code preDistribute}: pushes workspace artifacts to SSH hosts ({@code hosts} + {@code credentialsId}) or to Jenkins
 * agents ({@code agents}, a label expression), verifies each file's SHA-256 on the target, renames it into place,
 * skips identical files, records the run in the Release Report and returns a map ({@link DistributionMaps}). How is
 * the engine's ({@code engine.distribution}); this class binds parameters, {@link DistributionRequest} fills in the
 * administrator's defaults and picks the form when the step runs.
 */
public class PreDistributeStep extends Step {
    static final String FUNCTION_NAME = "preDistribute";

    private final String artifacts;
    private final String remoteDirectory;
    private List<String> hosts = List.of();
    private String credentialsId;
    private String agents;
    private Integer parallelism;
    private Integer retries;
    private String timeout;
    private String minSuccess;
    private boolean createDirectory;
    private String hostKeyPolicy;

    /**
     * @param artifacts globs in the workspace, separated by commas or new lines ({@code target/*.jar})
     * @param remoteDirectory where the files go on every target
     */
    @DataBoundConstructor
    public PreDistributeStep(String artifacts, String remoteDirectory) {
        this.artifacts = Util.fixEmptyAndTrim(artifacts);
        this.remoteDirectory = Util.fixEmptyAndTrim(remoteDirectory);
    }

    @CheckForNull
    public String getArtifacts() {
        return artifacts;
    }

    @CheckForNull
    public String getRemoteDirectory() {
        return remoteDirectory;
    }

    public List<String> getHosts() {
        return hosts;
    }

    /** {@code host}, {@code user@host}, {@code user@host:port}, {@code [::1]:2222}; blank entries dropped. */
    @DataBoundSetter
    public void setHosts(@CheckForNull List<String> hosts) {
        this.hosts = FormLines.entries(hosts);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @CheckForNull
    public String getAgents() {
        return agents;
    }

    /** A label expression; agent names are labels too ({@code 'web-1 || web-2'}). */
    @DataBoundSetter
    public void setAgents(@CheckForNull String agents) {
        this.agents = Util.fixEmptyAndTrim(agents);
    }

    @CheckForNull
    public Integer getParallelism() {
        return parallelism;
    }

    /** {@code null}: the administrator's default. */
    @DataBoundSetter
    public void setParallelism(@CheckForNull Integer parallelism) {
        this.parallelism = parallelism;
    }

    @CheckForNull
    public Integer getRetries() {
        return retries;
    }

    @DataBoundSetter
    public void setRetries(@CheckForNull Integer retries) {
        this.retries = retries;
    }

    @CheckForNull
    public String getTimeout() {
        return timeout;
    }

    /** Per target, retries included ({@code 10m}); blank: the administrator's default. */
    @DataBoundSetter
    public void setTimeout(@CheckForNull String timeout) {
        this.timeout = Util.fixEmptyAndTrim(timeout);
    }

    @CheckForNull
    public String getMinSuccess() {
        return minSuccess;
    }

    /** {@code '90%'}; blank: every target must succeed. */
    @DataBoundSetter
    public void setMinSuccess(@CheckForNull String minSuccess) {
        this.minSuccess = Util.fixEmptyAndTrim(minSuccess);
    }

    public boolean isCreateDirectory() {
        return createDirectory;
    }

    @DataBoundSetter
    public void setCreateDirectory(boolean createDirectory) {
        this.createDirectory = createDirectory;
    }

    @CheckForNull
    public String getHostKeyPolicy() {
        return hostKeyPolicy;
    }

    /** Only ever stricter than the administrator's policy ({@code knownHosts} where trust-on-first-use is allowed). */
    @DataBoundSetter
    public void setHostKeyPolicy(@CheckForNull String hostKeyPolicy) {
        this.hostKeyPolicy = Util.fixEmptyAndTrim(hostKeyPolicy);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BackupStepExecution(new DistributionRequest(this), context);
    }

    @Extension
    @Symbol(FUNCTION_NAME)
    public static final class DescriptorImpl extends StepDescriptor {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PreDistributeStep_DisplayName();
        }

        /** The enclosing {@code node} block provides the workspace with the artifacts. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        /**
         * Builds the step from the Snippet Generator form: {@code hostsText} is a text area (one host a line), the
         * numbers are text fields (empty: the default). A typo throws {@link IllegalArgumentException} naming the
         * field, which the Snippet Generator shows.
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            try {
                PreDistributeStep step = new PreDistributeStep(formData.optString("artifacts"),
                        formData.optString("remoteDirectory"));
                step.setHosts(FormLines.split(formData.optString("hostsText")));
                step.setCredentialsId(formData.optString("credentialsId"));
                step.setAgents(formData.optString("agents"));
                step.setParallelism(DistributionForm.number(formData.optString("parallelism"), "parallelism"));
                step.setRetries(DistributionForm.number(formData.optString("retries"), "retries"));
                step.setTimeout(formData.optString("timeout"));
                step.setMinSuccess(formData.optString("minSuccess"));
                step.setCreateDirectory(formData.optBoolean("createDirectory"));
                step.setHostKeyPolicy(formData.optString("hostKeyPolicy"));
                return step;
            } catch (IllegalArgumentException e) {
                throw StepValidation.messageOnly(e);
            }
        }

        /** The text area content for the hosts: one a line. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }

        @POST
        public FormValidation doCheckArtifacts(@AncestorInPath Item item, @QueryParameter String value) {
            return allowed(item) ? DistributionForm.artifacts(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRemoteDirectory(@AncestorInPath Item item, @QueryParameter String value) {
            return allowed(item) ? DistributionForm.remoteDirectory(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckHostsText(@AncestorInPath Item item, @QueryParameter String value) {
            return allowed(item) ? DistributionForm.hosts(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckAgents(@AncestorInPath Item item, @QueryParameter String value) {
            return allowed(item) ? DistributionForm.agents(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckParallelism(@AncestorInPath Item item, @QueryParameter String value) {
            return allowed(item) ? DistributionForm.parallelism(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRetries(@AncestorInPath Item item, @QueryParameter String value) {
            return allowed(item) ? DistributionForm.retries(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return allowed(item) ? DistributionForm.timeout(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMinSuccess(@AncestorInPath Item item, @QueryParameter String value) {
            return allowed(item) ? DistributionForm.minSuccess(value) : FormValidation.ok();
        }

        /**
         * Credential IDs are worth protecting: only who may configure the job sees the list, and only administrators
         * outside a job (the global Pipeline Syntax page).
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            if (item == null ? !jenkins.hasPermission(Jenkins.ADMINISTER) : !allowed(item)) {
                return new ListBoxModel();
            }
            return DistributionForm.credentials(item, credentialsId);
        }

        @POST
        public ListBoxModel doFillHostKeyPolicyItems(@AncestorInPath Item item) {
            if (!jenkins.hasPermission(Item.READ, item)) {
                return new ListBoxModel();
            }
            return DistributionForm.hostKeyPolicies();
        }

        private boolean allowed(@CheckForNull Item item) {
            return jenkins.hasPermission(Item.CONFIGURE, item);
        }
    }
}
