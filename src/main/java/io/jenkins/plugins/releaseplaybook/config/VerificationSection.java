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
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckCatalogue;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckDefinition;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * How {@code verifyStability} verifies when a job does not say: the window, the default checks, the check
 * catalogue whose limits are the loosest a job may use, and what query errors mean. {@code verification:} under
 * {@code unclassified: releasePlaybook:} in Configuration as Code.
 *
 * <p>The catalogue is stored only when it differs from the engine's built-in one: until an administrator changes
 * it, {@link #getCheckCatalogue()} shows the built-in checks (so that they can be edited) and new plugin versions
 * bring their improved built-in checks. Removing every entry also returns to the built-in catalogue. The default
 * checks are a list of catalogue names, edited in the form as a text area ({@code defaultChecksText}).
 */
public final class VerificationSection implements Describable<VerificationSection> {
    static final String DEFAULT_DURATION = "10m";
    static final String DEFAULT_INTERVAL = "30s";
    static final int DEFAULT_MAX_ERRORS = 3;
    static final int MIN_MAX_ERRORS = 1;
    static final int MAX_MAX_ERRORS = 100;
    /** The form field of the catalogue entries. */
    static final String CATALOGUE_FIELD = "checkCatalogue";
    /** The form field that edits {@link #getDefaultChecks()}, one name a line. */
    static final String DEFAULT_CHECKS_FIELD = "defaultChecksText";

    private String defaultDuration = DEFAULT_DURATION;
    private String defaultInterval = DEFAULT_INTERVAL;
    private List<String> defaultChecks = new ArrayList<>();
    private boolean allowLoosening;
    private ErrorPolicy errorPolicy = ErrorPolicy.FAIL_CLOSED;
    private int maxErrors = DEFAULT_MAX_ERRORS;
    /** {@code null}: the engine's built-in catalogue. */
    private List<CatalogueCheck> checkCatalogue;

    @DataBoundConstructor
    public VerificationSection() {
        // every setting has a default
    }

    /** The values of the flat configuration of plugin versions before the sections, taken as they were stored. */
    static VerificationSection fromLegacy(@CheckForNull String defaultDuration, @CheckForNull String defaultInterval,
            @CheckForNull List<String> defaultChecks, @CheckForNull Boolean allowLoosening,
            @CheckForNull ErrorPolicy errorPolicy, @CheckForNull Integer maxErrors,
            @CheckForNull List<CatalogueCheck> checkCatalogue) {
        VerificationSection section = new VerificationSection();
        section.defaultDuration = ConfigurationValidation.orDefault(defaultDuration, DEFAULT_DURATION);
        section.defaultInterval = ConfigurationValidation.orDefault(defaultInterval, DEFAULT_INTERVAL);
        section.defaultChecks = defaultChecks == null ? new ArrayList<>() : new ArrayList<>(defaultChecks);
        section.allowLoosening = Boolean.TRUE.equals(allowLoosening);
        section.errorPolicy = errorPolicy == null ? ErrorPolicy.FAIL_CLOSED : errorPolicy;
        section.maxErrors = maxErrors == null ? DEFAULT_MAX_ERRORS : maxErrors;
        section.checkCatalogue = checkCatalogue == null || checkCatalogue.isEmpty() ? null : new ArrayList<>(checkCatalogue);
        return section;
    }

    /** Fields absent from a stored section (written by a version that lacked them) get their defaults. */
    private Object readResolve() {
        if (defaultDuration == null) {
            defaultDuration = DEFAULT_DURATION;
        }
        if (defaultInterval == null) {
            defaultInterval = DEFAULT_INTERVAL;
        }
        if (defaultChecks == null) {
            defaultChecks = new ArrayList<>();
        }
        if (errorPolicy == null) {
            errorPolicy = ErrorPolicy.FAIL_CLOSED;
        }
        return this;
    }

    /** How long {@code verifyStability} watches when the job does not say, e.g. {@code 10m}. */
    @NonNull
    public String getDefaultDuration() {
        return defaultDuration;
    }

    /** Blank means the built-in default ({@code 10m}). */
    @DataBoundSetter
    public void setDefaultDuration(@CheckForNull String defaultDuration) {
        this.defaultDuration = ConfigurationValidation.durationOrDefault(defaultDuration, DEFAULT_DURATION);
    }

    /** How often {@code verifyStability} samples when the job does not say, e.g. {@code 30s}. */
    @NonNull
    public String getDefaultInterval() {
        return defaultInterval;
    }

    /** Blank means the built-in default ({@code 30s}). */
    @DataBoundSetter
    public void setDefaultInterval(@CheckForNull String defaultInterval) {
        this.defaultInterval = ConfigurationValidation.durationOrDefault(defaultInterval, DEFAULT_INTERVAL);
    }

    /**
     * The catalogue checks a job runs when it names none; empty means the engine's default set
     * ({@link CheckCatalogue#DEFAULT_SET}, less any check the catalogue no longer has).
     */
    @NonNull
    public List<String> getDefaultChecks() {
        return Collections.unmodifiableList(defaultChecks);
    }

    /** Entries are trimmed; blank entries and repeats are dropped. */
    @DataBoundSetter
    public void setDefaultChecks(@CheckForNull List<String> defaultChecks) {
        Set<String> names = new LinkedHashSet<>();
        if (defaultChecks != null) {
            for (String name : defaultChecks) {
                String value = Util.fixEmptyAndTrim(name);
                if (value != null) {
                    names.add(value);
                }
            }
        }
        this.defaultChecks = new ArrayList<>(names);
    }

    /** Whether a job may set thresholds looser than the catalogue's; by default a job may only tighten them. */
    public boolean isAllowLoosening() {
        return allowLoosening;
    }

    @DataBoundSetter
    public void setAllowLoosening(boolean allowLoosening) {
        this.allowLoosening = allowLoosening;
    }

    /** What a check whose queries keep failing means: by default it fails the verification (fail closed). */
    @NonNull
    public ErrorPolicy getErrorPolicy() {
        return errorPolicy;
    }

    /** {@code null} means the default, {@link ErrorPolicy#FAIL_CLOSED}. */
    @DataBoundSetter
    public void setErrorPolicy(@CheckForNull ErrorPolicy errorPolicy) {
        this.errorPolicy = errorPolicy == null ? ErrorPolicy.FAIL_CLOSED : errorPolicy;
    }

    /** How many queries of a check may fail in a row before the check is ERROR. */
    public int getMaxErrors() {
        return maxErrors;
    }

    @DataBoundSetter
    public void setMaxErrors(int maxErrors) {
        if (!ConfigurationValidation.validMaxErrors(maxErrors)) {
            throw new IllegalArgumentException(ConfigurationValidation.maxErrorsMessage());
        }
        this.maxErrors = maxErrors;
    }

    /** The catalogue as editable entries: the built-in checks until an administrator changes them. */
    @NonNull
    public List<CatalogueCheck> getCheckCatalogue() {
        if (checkCatalogue == null) {
            return CheckCatalogue.builtIn().definitions().stream().map(CatalogueCheck::of).toList();
        }
        return Collections.unmodifiableList(checkCatalogue);
    }

    /**
     * Replaces the catalogue. {@code null}, no entries, or exactly the built-in checks mean "the built-in catalogue"
     * and are stored as such.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it, or a name used twice
     */
    @DataBoundSetter
    public void setCheckCatalogue(@CheckForNull List<CatalogueCheck> checkCatalogue) {
        if (checkCatalogue == null || checkCatalogue.isEmpty()) {
            this.checkCatalogue = null;
            return;
        }
        CheckCatalogue checked = new CheckCatalogue(definitions(checkCatalogue)); // throws for a name used twice
        boolean builtIn = checked.definitions().equals(CheckCatalogue.builtIn().definitions());
        this.checkCatalogue = builtIn ? null : new ArrayList<>(checkCatalogue);
    }

    /** The engine's definitions of the entries, or an error naming the entry (by position and name). */
    static List<CheckDefinition> definitions(List<CatalogueCheck> entries) {
        List<CheckDefinition> definitions = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            CatalogueCheck entry = entries.get(i);
            try {
                definitions.add(entry.toDefinition());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Messages.ReleasePlaybookConfiguration_CatalogueEntryAt(i + 1,
                        Util.fixNull(entry.getName()), EngineMessages.of(e)), e);
            }
        }
        return definitions;
    }

    /**
     * The check catalogue {@code verifyStability} resolves checks against: the administrator's, or the engine's
     * built-in one.
     *
     * @throws IllegalArgumentException if the stored catalogue is invalid (a hand-edited configuration file), naming
     *     the entry
     */
    @NonNull
    public CheckCatalogue catalogue() {
        List<CheckDefinition> definitions = checkCatalogue == null ? CheckCatalogue.builtIn().definitions()
                : definitions(checkCatalogue);
        return new CheckCatalogue(definitions, defaultChecks); // an empty default set means the built-in one
    }

    static List<String> names(CheckCatalogue catalogue) {
        return catalogue.definitions().stream().map(CheckDefinition::name).toList();
    }

    @Extension
    @Symbol("verification")
    public static final class DescriptorImpl extends Descriptor<VerificationSection> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.VerificationSection_DisplayName();
        }

        /** Reads the section from the submitted form; see {@link VerificationForm}. */
        static VerificationSection fromForm(@CheckForNull JSONObject form, VerificationSection current)
                throws FormException {
            return VerificationForm.read(form, current);
        }

        /** The text area content for a list setting. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }

        @POST
        public FormValidation doCheckDefaultDuration(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.duration(value);
        }

        /** Also an error when the interval is longer than the duration typed next to it. */
        @POST
        public FormValidation doCheckDefaultInterval(@QueryParameter String value, @QueryParameter String defaultDuration) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            FormValidation own = ConfigurationValidation.duration(value);
            if (own.kind != FormValidation.Kind.OK) {
                return own;
            }
            String problem = ConfigurationValidation.intervalProblem(value, defaultDuration);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public FormValidation doCheckMaxErrors(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.maxErrors(value);
        }

        /**
         * Warns about names the saved catalogue lacks. Only a warning: the catalogue may be edited on the same page,
         * and saving checks the names against the catalogue as submitted.
         */
        @POST
        public FormValidation doCheckDefaultChecksText(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            CheckCatalogue saved;
            try {
                saved = ReleasePlaybookConfiguration.get().catalogue();
            } catch (IllegalArgumentException e) {
                return FormValidation.ok(); // the catalogue itself is reported when saving
            }
            List<String> unknown = FormLines.split(value).stream().filter(name -> saved.find(name).isEmpty()).toList();
            return unknown.isEmpty()
                    ? FormValidation.ok()
                    : FormValidation.warning(Messages.ReleasePlaybookConfiguration_DefaultChecksNotInCatalogue(
                            String.join(", ", unknown), String.join(", ", names(saved))));
        }

        @POST
        public ListBoxModel doFillErrorPolicyItems() {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ChoiceLists.errorPolicies();
        }
    }
}
