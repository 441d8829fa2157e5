package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.backup.DumpSpec;
import java.io.Serializable;
import java.util.Objects;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * One entry of {@code releaseBackup(dumps: [[name: 'shop.pgdump', command: 'pg_dump -Fc shop']])}: a command whose
 * standard output becomes one archive entry. No {@code @Symbol}: the Pipeline and the Snippet Generator write the
 * entries as plain maps, which structs binds to this class (the list's element type).
 */
public final class BackupDump implements Describable<BackupDump>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String command;

    @DataBoundConstructor
    public BackupDump(String name, String command) {
        this.name = Util.fixEmptyAndTrim(name);
        this.command = Util.fixEmptyAndTrim(command);
    }

    /** The entry's file name in the archive, under {@code .release-playbook/dumps/}. */
    @CheckForNull
    public String getName() {
        return name;
    }

    /** Run by the node's shell ({@code sh -c} on Unix, {@code cmd /c} on Windows) in the workspace. */
    @CheckForNull
    public String getCommand() {
        return command;
    }

    /**
     * The engine's dump.
     *
     * @throws IllegalArgumentException saying which part is missing
     */
    DumpSpec toSpec() {
        if (name == null || command == null) {
            throw new IllegalArgumentException(Messages.BackupDump_Incomplete(Util.fixNull(name), Util.fixNull(command)));
        }
        return new DumpSpec(name, command);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BackupDump dump && Objects.equals(name, dump.name) && Objects.equals(command, dump.command);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, command);
    }

    @Override
    public String toString() {
        return "BackupDump[" + name + "]";
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<BackupDump> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BackupDump_DisplayName();
        }

        @Override
        public BackupDump newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) {
            return new BackupDump(formData.optString("name"), formData.optString("command"));
        }

        /** One path segment: the engine stores it as {@code .release-playbook/dumps/<name>}. */
        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            String text = Util.fixEmptyAndTrim(value);
            if (text == null) {
                return FormValidation.error(Messages.BackupDump_NameRequired());
            }
            return text.contains("/") || text.contains("\\") || text.equals(".") || text.equals("..")
                    ? FormValidation.error(Messages.BackupDump_NameNotASegment(text))
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckCommand(@AncestorInPath Item item, @QueryParameter String value) {
            if (!jenkins.hasPermission(Item.CONFIGURE, item)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.BackupDump_CommandRequired())
                    : FormValidation.ok();
        }
    }
}
