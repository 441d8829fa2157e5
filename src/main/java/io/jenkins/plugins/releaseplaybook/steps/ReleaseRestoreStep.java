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
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupLayout;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code releaseRestore}: verifies a backup on the node of the enclosing {@code node} block, then restores it
 * atomically per path (or, with {@code dryRun: true}, lists what would change), records the restore in the Release
 * Report and returns what it restored and replaced ({@link BackupMaps#ofRestore}). Which backup: {@code id}, or
 * {@code backup} (the map {@code releaseBackup} returned), or {@code name} with {@code latest: true}.
 */
public class ReleaseRestoreStep extends Step {
    static final String FUNCTION_NAME = "releaseRestore";

    private String id;
    private Map<String, Object> backup;
    private String name;
    private boolean latest;
    private String target;
    private List<String> paths = List.of();
    private boolean dryRun;
    private String destination;

    @DataBoundConstructor
    public ReleaseRestoreStep() {}

    @CheckForNull
    public String getId() {
        return id;
    }

    /** A backup id, such as {@code checkout-20261201T104512Z-a1b2c3}. */
    @DataBoundSetter
    public void setId(@CheckForNull String id) {
        this.id = Util.fixEmptyAndTrim(id);
    }

    @CheckForNull
    public Map<String, Object> getBackup() {
        return backup == null ? null : Collections.unmodifiableMap(backup);
    }

    /**
     * The map {@code releaseBackup} returned; its {@code id}, {@code archive}, {@code node} and {@code destination}
     * are used. structs binds a map parameter as it is (a {@code Map} is an instance of the parameter's type).
     */
    @DataBoundSetter
    public void setBackup(@CheckForNull Map<String, Object> backup) {
        this.backup = backup == null ? null : new LinkedHashMap<>(backup);
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    /** A backup name; with {@code latest: true}, its newest backup is restored. */
    @DataBoundSetter
    public void setName(@CheckForNull String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public boolean isLatest() {
        return latest;
    }

    @DataBoundSetter
    public void setLatest(boolean latest) {
        this.latest = latest;
    }

    @CheckForNull
    public String getTarget() {
        return target;
    }

    /** Blank: every source back where it was. Else the directory to restore under; relative: in the workspace. */
    @DataBoundSetter
    public void setTarget(@CheckForNull String target) {
        this.target = Util.fixEmptyAndTrim(target);
    }

    public List<String> getPaths() {
        return paths;
    }

    /** Only these sources (as the backup lists them) or paths under them; empty: all. */
    @DataBoundSetter
    public void setPaths(@CheckForNull List<String> paths) {
        this.paths = FormLines.entries(paths);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @CheckForNull
    public String getDestination() {
        return destination;
    }

    /** Where to look for the backup; blank: the backup map's, else the administrator's default. */
    @DataBoundSetter
    public void setDestination(@CheckForNull String destination) {
        this.destination = Util.fixEmptyAndTrim(destination);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BackupStepExecution(new RestoreRequest(this), context);
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
            return Messages.ReleaseRestoreStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        /** {@code paths} is a text area ({@code pathsText}, one a line); {@code backup} is for scripts only. */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            ReleaseRestoreStep step = new ReleaseRestoreStep();
            step.setId(formData.optString("id"));
            step.setName(formData.optString("name"));
            step.setLatest(formData.optBoolean("latest"));
            step.setTarget(formData.optString("target"));
            step.setPaths(FormLines.split(formData.optString("pathsText")));
            step.setDryRun(formData.optBoolean("dryRun"));
            step.setDestination(formData.optString("destination"));
            return step;
        }

        /** The text area content for a list property: one entry a line. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }

        @POST
        public FormValidation doCheckId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String name) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            String text = Util.fixEmptyAndTrim(value);
            if (text == null) {
                return Util.fixEmptyAndTrim(name) == null
                        ? FormValidation.error(Messages.ReleaseRestoreStep_WhichBackup()) : FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(name) != null) {
                return FormValidation.error(Messages.ReleaseRestoreStep_TwoBackups("id, name"));
            }
            return BackupLayout.nameOf(text).isPresent() ? FormValidation.ok()
                    : FormValidation.error(Messages.ReleaseRestoreStep_NotAnId(text));
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter boolean latest) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            String text = Util.fixEmptyAndTrim(value);
            return text != null && !latest
                    ? FormValidation.warning(Messages.ReleaseRestoreStep_NameWithoutLatest(text)) : FormValidation.ok();
        }
    }
}
