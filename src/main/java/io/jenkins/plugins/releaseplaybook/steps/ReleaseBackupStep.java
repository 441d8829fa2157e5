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
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.FormEntries;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.config.BackupChoices;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupLayout;
import io.jenkins.plugins.releaseplaybook.engine.backup.Compression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
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
 * {@code releaseBackup}: archives paths and command dumps on the node of the enclosing {@code node} block into one
 * verified archive with a SHA-256 manifest, applies retention, records the backup in the Release Report, and returns
 * a map ({@link BackupMaps#ofBackup}). What is archived and how is the engine's; this class binds parameters and
 * fills in the administrator's defaults when the step runs ({@link BackupRequest}).
 */
public class ReleaseBackupStep extends Step {
    static final String FUNCTION_NAME = "releaseBackup";

    private final String name;
    private List<String> paths = List.of();
    private List<String> excludes = List.of();
    private List<BackupDump> dumps = List.of();
    private String destination;
    private String compression;
    private Integer keep;
    private boolean testRestore;

    @DataBoundConstructor
    public ReleaseBackupStep(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    public List<String> getPaths() {
        return paths;
    }

    /** Files or directories; relative ones are in the workspace. Entries are trimmed, blank ones dropped. */
    @DataBoundSetter
    public void setPaths(@CheckForNull List<String> paths) {
        this.paths = FormLines.entries(paths);
    }

    public List<String> getExcludes() {
        return excludes;
    }

    /** Globs matched against each entry's path relative to its source, such as {@code **}{@code /*.log}. */
    @DataBoundSetter
    public void setExcludes(@CheckForNull List<String> excludes) {
        this.excludes = FormLines.entries(excludes);
    }

    public List<BackupDump> getDumps() {
        return dumps;
    }

    @DataBoundSetter
    public void setDumps(@CheckForNull List<BackupDump> dumps) {
        this.dumps = dumps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(dumps));
    }

    @CheckForNull
    public String getDestination() {
        return destination;
    }

    /** Blank: the administrator's default. Relative: under the node's root directory. */
    @DataBoundSetter
    public void setDestination(@CheckForNull String destination) {
        this.destination = Util.fixEmptyAndTrim(destination);
    }

    @CheckForNull
    public String getCompression() {
        return compression;
    }

    /**
     * {@code none}, {@code gzip} or {@code zstd} in any case, stored as the id; blank: the administrator's default. A
     * text that cannot be read is kept as written, and the step reports it when it runs.
     */
    @DataBoundSetter
    public void setCompression(@CheckForNull String compression) {
        String value = Util.fixEmptyAndTrim(compression);
        if (value != null) {
            try {
                value = Compression.of(value).id();
            } catch (IllegalArgumentException unreadable) {
                // kept as written: the step names it when it runs
            }
        }
        this.compression = value;
    }

    @CheckForNull
    public Integer getKeep() {
        return keep;
    }

    /** How many backups of this name to keep, the new one included; 0 keeps all; {@code null}: the default. */
    @DataBoundSetter
    public void setKeep(@CheckForNull Integer keep) {
        this.keep = keep;
    }

    public boolean isTestRestore() {
        return testRestore;
    }

    @DataBoundSetter
    public void setTestRestore(boolean testRestore) {
        this.testRestore = testRestore;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BackupStepExecution(new BackupRequest(this), context);
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
            return Messages.ReleaseBackupStep_DisplayName();
        }

        /** The enclosing {@code node} block provides the workspace: the step runs there. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        /**
         * Builds the step from the Snippet Generator form: the lists are text areas ({@code pathsText},
         * {@code excludesText}, one entry a line), the dumps a repeatable block, {@code keep} a text field (empty:
         * the default). A typo throws {@link IllegalArgumentException} naming the field, which the Snippet Generator
         * shows.
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            String name = Util.fixEmptyAndTrim(formData.optString("name"));
            if (name == null) {
                throw new IllegalArgumentException(Messages.ReleaseBackupStep_NameRequired());
            }
            try {
                ReleaseBackupStep step = new ReleaseBackupStep(name);
                step.setPaths(FormLines.split(formData.optString("pathsText")));
                step.setExcludes(FormLines.split(formData.optString("excludesText")));
                step.setDumps(FormEntries.of(formData.opt("dumps")).stream()
                        .map(dump -> new BackupDump(dump.optString("name"), dump.optString("command"))).toList());
                step.setDestination(formData.optString("destination"));
                step.setCompression(formData.optString("compression"));
                step.setKeep(BackupRequest.keep(formData.optString("keep")));
                step.setTestRestore(formData.optBoolean("testRestore"));
                return step;
            } catch (IllegalArgumentException e) {
                throw StepValidation.messageOnly(e);
            }
        }

        /** The text area content for a list property: one entry a line. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.ReleaseBackupStep_NameRequired());
            }
            try {
                BackupLayout.checkName(value.strip());
                return FormValidation.ok();
            } catch (BackupException e) {
                return FormValidation.error(EngineMessages.of(e));
            }
        }

        @POST
        public FormValidation doCheckKeep(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return StepValidation.validate(() -> BackupRequest.keep(value));
        }

        @POST
        public ListBoxModel doFillCompressionItems(@AncestorInPath Item item) {
            if (!jenkins.hasPermission(Item.READ, item)) {
                return new ListBoxModel();
            }
            return BackupChoices.compressionsOrDefault(ReleasePlaybookConfiguration.get().getBackups()
                    .getDefaultCompression());
        }
    }
}
