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
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ProtectedSet;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilencePolicy;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
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
 * The policy every silence of {@code silenceAlerts} and {@code createSilences} is checked against, before anything
 * reaches Alertmanager: {@code silences:} under {@code unclassified: releasePlaybook:} in Configuration as Code.
 * {@link #silencePolicy()} turns the five settings into the engine's {@link SilencePolicy}; the defaults are the
 * engine's {@link SilencePolicy#defaults()}.
 *
 * <p>The protected sets are one newline-separated text (one matcher set a line); the required labels are a list
 * that the form edits as a text area ({@code requiredLabelsText}). Empty means "none" for both, which the form warns
 * about.
 */
public final class SilencesSection implements Describable<SilencesSection> {
    static final String DEFAULT_MAX_DURATION = Durations.format(SilencePolicy.defaults().maxDuration());
    static final String DEFAULT_DEFAULT_DURATION = Durations.format(SilencePolicy.defaults().defaultDuration());
    static final List<String> DEFAULT_REQUIRED_LABELS = SilencePolicy.defaults().requiredLabels();
    static final String DEFAULT_PROTECTED_SETS = String.join("\n",
            SilencePolicy.defaults().protectedSets().stream().map(ProtectedSet::toString).toList());
    static final int DEFAULT_MAX_SILENCES_PER_BUILD = SilencePolicy.defaults().maxSilencesPerBuild();
    static final int MIN_MAX_SILENCES_PER_BUILD = 1;
    static final int MAX_MAX_SILENCES_PER_BUILD = 1000;
    /** The form field that edits {@link #getRequiredLabels()}, one label a line. */
    static final String REQUIRED_LABELS_FIELD = "requiredLabelsText";

    private String maxDuration = DEFAULT_MAX_DURATION;
    private String defaultDuration = DEFAULT_DEFAULT_DURATION;
    private List<String> requiredLabels = new ArrayList<>(DEFAULT_REQUIRED_LABELS);
    /** One protected set a line; empty: none. */
    private String protectedSets = DEFAULT_PROTECTED_SETS;
    private int maxSilencesPerBuild = DEFAULT_MAX_SILENCES_PER_BUILD;

    @DataBoundConstructor
    public SilencesSection() {
        // every setting has a default
    }

    /** The values of the flat configuration of plugin versions before the sections, taken as they were stored. */
    static SilencesSection fromLegacy(@CheckForNull String maxDuration, @CheckForNull String defaultDuration,
            @CheckForNull List<String> requiredLabels, @CheckForNull String protectedSets,
            @CheckForNull Integer maxSilencesPerBuild) {
        SilencesSection section = new SilencesSection();
        section.maxDuration = ConfigurationValidation.orDefault(maxDuration, DEFAULT_MAX_DURATION);
        section.defaultDuration = ConfigurationValidation.orDefault(defaultDuration, DEFAULT_DEFAULT_DURATION);
        if (requiredLabels != null) {
            section.requiredLabels = new ArrayList<>(requiredLabels);
        }
        if (protectedSets != null) {
            section.protectedSets = protectedSets;
        }
        if (maxSilencesPerBuild != null) {
            section.maxSilencesPerBuild = maxSilencesPerBuild;
        }
        return section;
    }

    /** Fields absent from a stored section get their defaults; an empty list or text stays "none". */
    private Object readResolve() {
        if (maxDuration == null) {
            maxDuration = DEFAULT_MAX_DURATION;
        }
        if (defaultDuration == null) {
            defaultDuration = DEFAULT_DEFAULT_DURATION;
        }
        if (requiredLabels == null) {
            requiredLabels = new ArrayList<>(DEFAULT_REQUIRED_LABELS);
        }
        if (protectedSets == null) {
            protectedSets = DEFAULT_PROTECTED_SETS;
        }
        return this;
    }

    /** The longest silence a release may create, e.g. {@code 1h}. */
    @NonNull
    public String getMaxDuration() {
        return maxDuration;
    }

    /** Blank means the built-in value ({@code 1h}). */
    @DataBoundSetter
    public void setMaxDuration(@CheckForNull String maxDuration) {
        this.maxDuration = ConfigurationValidation.durationOrDefault(maxDuration, DEFAULT_MAX_DURATION);
    }

    /** How long a silence lasts when the job does not say, e.g. {@code 30m}. */
    @NonNull
    public String getDefaultDuration() {
        return defaultDuration;
    }

    /** Blank means the built-in value ({@code 30m}). */
    @DataBoundSetter
    public void setDefaultDuration(@CheckForNull String defaultDuration) {
        this.defaultDuration = ConfigurationValidation.durationOrDefault(defaultDuration, DEFAULT_DEFAULT_DURATION);
    }

    /** Labels every silence must pin with an equality matcher, such as {@code service}; empty: none. */
    @NonNull
    public List<String> getRequiredLabels() {
        return Collections.unmodifiableList(requiredLabels);
    }

    /**
     * Entries are trimmed; blank entries and repeats are dropped. {@code null} restores the built-in value
     * ({@code service}); an empty list means no required labels.
     *
     * @throws IllegalArgumentException naming an entry that is not a label name
     */
    @DataBoundSetter
    public void setRequiredLabels(@CheckForNull List<String> requiredLabels) {
        if (requiredLabels == null) {
            this.requiredLabels = new ArrayList<>(DEFAULT_REQUIRED_LABELS);
            return;
        }
        Set<String> labels = new LinkedHashSet<>();
        for (String label : requiredLabels) {
            String value = Util.fixEmptyAndTrim(label);
            if (value != null) {
                labels.add(value);
            }
        }
        List<String> checked = new ArrayList<>(labels);
        String problem = ConfigurationValidation.labelsProblem(checked);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.requiredLabels = checked;
    }

    /** Alerts no release may silence, one matcher set a line, such as {@code {severity="critical"}}; empty: none. */
    @NonNull
    public String getProtectedSets() {
        return protectedSets;
    }

    /**
     * Normalizes to one trimmed set a line (forms submit CRLF). {@code null} restores the built-in value
     * ({@code {severity="critical"}}); a blank text means no protected sets.
     *
     * @throws IllegalArgumentException naming the line that is not a matcher set
     */
    @DataBoundSetter
    public void setProtectedSets(@CheckForNull String protectedSets) {
        if (protectedSets == null) {
            this.protectedSets = DEFAULT_PROTECTED_SETS;
            return;
        }
        String problem = ConfigurationValidation.protectedSetsProblem(protectedSets);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.protectedSets = FormLines.join(FormLines.split(protectedSets));
    }

    /** How many silences one build may create in all. */
    public int getMaxSilencesPerBuild() {
        return maxSilencesPerBuild;
    }

    @DataBoundSetter
    public void setMaxSilencesPerBuild(int maxSilencesPerBuild) {
        if (!ConfigurationValidation.validMaxSilences(maxSilencesPerBuild)) {
            throw new IllegalArgumentException(ConfigurationValidation.maxSilencesMessage());
        }
        this.maxSilencesPerBuild = maxSilencesPerBuild;
    }

    /**
     * The policy every silence is checked against.
     *
     * @throws IllegalArgumentException with the engine's message when the settings do not make a policy, for example
     *     a default duration longer than the maximum set through Configuration as Code, whose setters cannot compare
     *     the two
     */
    @NonNull
    public SilencePolicy silencePolicy() {
        try {
            return SilencePolicy.builder()
                    .maxDuration(Durations.parse(maxDuration))
                    .defaultDuration(Durations.parse(defaultDuration))
                    .requiredLabels(requiredLabels)
                    .protecting(FormLines.split(protectedSets).toArray(new String[0]))
                    .maxSilencesPerBuild(maxSilencesPerBuild)
                    .build();
        } catch (AlertingException e) {
            // A stored protected set that no longer parses (a hand-edited file): refused like any other bad setting.
            throw new InvalidInputException(e.text(), e);
        }
    }

    @Extension
    @Symbol("silences")
    public static final class DescriptorImpl extends Descriptor<SilencesSection> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SilencesSection_DisplayName();
        }

        /** Reads the section from the submitted form, every field checked first; nothing is half-applied. */
        static SilencesSection fromForm(@CheckForNull JSONObject form, SilencesSection current) throws FormException {
            if (form == null) {
                return current;
            }
            String longest = form.optString("maxDuration");
            String byDefault = form.optString("defaultDuration");
            ConfigurationValidation.reject(ConfigurationValidation.durationProblem(longest), "maxDuration");
            ConfigurationValidation.reject(ConfigurationValidation.durationProblem(byDefault), "defaultDuration");
            ConfigurationValidation.reject(ConfigurationValidation.silenceDurationsProblem(byDefault, longest),
                    "defaultDuration");
            // Empty means "none" for both; a form without the field (an older page) leaves the setting as it is.
            List<String> labels = form.has(REQUIRED_LABELS_FIELD)
                    ? FormLines.split(form.optString(REQUIRED_LABELS_FIELD)) : current.requiredLabels;
            ConfigurationValidation.reject(ConfigurationValidation.labelsProblem(labels), REQUIRED_LABELS_FIELD);
            String sets = form.has("protectedSets") ? form.optString("protectedSets") : current.protectedSets;
            ConfigurationValidation.reject(ConfigurationValidation.protectedSetsProblem(sets), "protectedSets");
            String cap = form.optString("maxSilencesPerBuild", Integer.toString(current.maxSilencesPerBuild));
            ConfigurationValidation.reject(ConfigurationValidation.maxSilencesProblem(cap), "maxSilencesPerBuild");

            SilencesSection section = new SilencesSection();
            section.setMaxDuration(longest);
            section.setDefaultDuration(byDefault);
            section.setRequiredLabels(labels);
            section.setProtectedSets(sets);
            section.setMaxSilencesPerBuild(Integer.parseInt(cap.strip()));
            return section;
        }

        /** The text area content for a list setting. */
        public String toLines(@CheckForNull List<String> values) {
            return FormLines.join(values);
        }

        @POST
        public FormValidation doCheckMaxDuration(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.duration(value);
        }

        /** Also an error when the default is longer than the maximum typed next to it. */
        @POST
        public FormValidation doCheckDefaultDuration(@QueryParameter String value, @QueryParameter String maxDuration) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            FormValidation own = ConfigurationValidation.duration(value);
            if (own.kind != FormValidation.Kind.OK) {
                return own;
            }
            String problem = ConfigurationValidation.silenceDurationsProblem(value, maxDuration);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public FormValidation doCheckRequiredLabelsText(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.requiredLabels(FormLines.split(value));
        }

        @POST
        public FormValidation doCheckProtectedSets(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.protectedSets(value);
        }

        @POST
        public FormValidation doCheckMaxSilencesPerBuild(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.maxSilences(value);
        }
    }
}
