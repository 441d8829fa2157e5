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
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupSpec;
import io.jenkins.plugins.releaseplaybook.engine.backup.Compression;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What {@code releaseBackup} and {@code releaseRestore} use when a job does not say: {@code backups:} under
 * {@code unclassified: releasePlaybook:} in Configuration as Code.
 *
 * <p>The default destination is a directory on each node: absolute, or relative to the node's root directory (the
 * agent's remote root, {@code JENKINS_HOME} on the controller); empty means {@code release-backups} under that root.
 * Never the workspace, which builds delete.
 */
public final class BackupsSection implements Describable<BackupsSection> {
    static final int MAX_KEEP = 1000;

    private String defaultDestination = "";
    private String defaultCompression = Compression.DEFAULT.id();
    private int defaultKeep = BackupSpec.DEFAULT_KEEP;

    @DataBoundConstructor
    public BackupsSection() {
        // every setting has a default
    }

    /** Fields absent from a stored section get their defaults. */
    private Object readResolve() {
        if (defaultDestination == null) {
            defaultDestination = "";
        }
        if (defaultCompression == null) {
            defaultCompression = Compression.DEFAULT.id();
        }
        return this;
    }

    /** Empty: {@code release-backups} under each node's root directory. */
    @NonNull
    public String getDefaultDestination() {
        return defaultDestination;
    }

    /** Trimmed; {@code null} and blank mean the built-in default. */
    @DataBoundSetter
    public void setDefaultDestination(@CheckForNull String defaultDestination) {
        this.defaultDestination = Util.fixNull(Util.fixEmptyAndTrim(defaultDestination));
    }

    /** {@code none}, {@code gzip} or {@code zstd}. */
    @NonNull
    public String getDefaultCompression() {
        return defaultCompression;
    }

    /**
     * Any case; blank means {@code zstd}.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    @DataBoundSetter
    public void setDefaultCompression(@CheckForNull String defaultCompression) {
        this.defaultCompression = Compression.of(defaultCompression).id();
    }

    /** How many backups of each name {@code releaseBackup} keeps when the job does not say; 0 keeps all. */
    public int getDefaultKeep() {
        return defaultKeep;
    }

    /** @throws IllegalArgumentException unless 0 to {@value #MAX_KEEP} */
    @DataBoundSetter
    public void setDefaultKeep(int defaultKeep) {
        if (defaultKeep < 0 || defaultKeep > MAX_KEEP) {
            throw new IllegalArgumentException(Messages.BackupsSection_KeepInvalid(Integer.toString(defaultKeep), MAX_KEEP));
        }
        this.defaultKeep = defaultKeep;
    }

    /** What is wrong with a typed keep, or {@code null}. */
    @CheckForNull
    static String keepProblem(@CheckForNull String text) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null; // the built-in default
        }
        try {
            int keep = Integer.parseInt(value);
            return keep < 0 || keep > MAX_KEEP ? Messages.BackupsSection_KeepInvalid(value, MAX_KEEP) : null;
        } catch (NumberFormatException e) {
            return Messages.BackupsSection_KeepInvalid(value, MAX_KEEP);
        }
    }

    /** What is wrong with a typed compression (the engine's message), or {@code null}. */
    @CheckForNull
    static String compressionProblem(@CheckForNull String text) {
        try {
            Compression.of(text);
            return null;
        } catch (IllegalArgumentException e) {
            return EngineMessages.of(e);
        }
    }

    @Extension
    @Symbol("backups")
    public static final class DescriptorImpl extends Descriptor<BackupsSection> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BackupsSection_DisplayName();
        }

        /** Reads the section from the submitted form, every field checked first; nothing is half-applied. */
        static BackupsSection fromForm(@CheckForNull JSONObject form, BackupsSection current) throws FormException {
            if (form == null) {
                return current;
            }
            String keep = form.optString("defaultKeep", Integer.toString(current.defaultKeep));
            ConfigurationValidation.reject(keepProblem(keep), "defaultKeep");
            String compression = form.optString("defaultCompression", current.defaultCompression);
            ConfigurationValidation.reject(compressionProblem(compression), "defaultCompression");

            BackupsSection section = new BackupsSection();
            section.setDefaultDestination(form.optString("defaultDestination", current.defaultDestination));
            section.setDefaultCompression(compression);
            String keepValue = Util.fixEmptyAndTrim(keep);
            section.setDefaultKeep(keepValue == null ? BackupSpec.DEFAULT_KEEP : Integer.parseInt(keepValue));
            return section;
        }

        /** A relative folder is allowed (it is taken under each node's root directory); the form says so. */
        @POST
        public FormValidation doCheckDefaultDestination(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            String text = Util.fixEmptyAndTrim(value);
            if (text == null) {
                return FormValidation.ok(Messages.BackupsSection_DefaultDestination());
            }
            boolean absolute = text.startsWith("/") || text.startsWith("\\") || text.matches("[A-Za-z]:[\\\\/].*");
            return absolute ? FormValidation.ok() : FormValidation.ok(Messages.BackupsSection_RelativeDestination(text));
        }

        @POST
        public FormValidation doCheckDefaultKeep(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            String problem = keepProblem(value);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public ListBoxModel doFillDefaultCompressionItems() {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return BackupChoices.compressions();
        }
    }
}
