package io.jenkins.plugins.releaseplaybook.config;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ProtectedSet;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilencePolicy;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckCatalogue;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckDefinition;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Release Playbook settings in Manage Jenkins, and under {@code unclassified: releasePlaybook:} in
 * Configuration as Code: where Prometheus and Alertmanager are, which credentials to use, how long to wait,
 * and how {@code verifyStability} verifies (default window, default checks, the check catalogue whose limits
 * are the loosest a job may use, what query errors mean).
 *
 * <p>Alertmanager URLs are one newline-separated string rather than a list of strings or of a small
 * describable: a single textarea binds with plain {@code bindJSON}, is validated as one unit (the HA set,
 * including duplicates) by the engine's {@link EndpointUrl#parseList}, and exports to JCasC as one scalar.
 * A {@code List<String>} does not bind from a form, and a describable per URL adds a descriptor, a form and
 * a YAML mapping per entry for no gain. Code uses the parsed {@link #getAlertmanagerEndpoints()}.
 *
 * <p>The check catalogue is a list of {@link CatalogueCheck} entries. It is stored only when it differs from
 * the engine's built-in catalogue: until an administrator changes it, {@link #getCheckCatalogue()} shows the
 * built-in checks (so that they can be edited) and new plugin versions bring their improved built-in checks.
 * Removing every entry also returns to the built-in catalogue. The default checks are a list of catalogue names;
 * the form edits them as a text area ({@code defaultChecksText}, one name a line) that {@link #configure}
 * splits, so JCasC keeps a plain YAML list.
 *
 * <p>The silence policy ({@code silenceAlerts}) is five plain settings that {@link #silencePolicy()} turns into the
 * engine's {@link SilencePolicy}; their defaults are the engine's {@link SilencePolicy#defaults()}. The protected sets
 * are one newline-separated string (one set a line, like the Alertmanager URLs); the required labels are a list that
 * the form edits as a text area ({@code silenceRequiredLabelsText}, one label a line). Empty means "none" for both,
 * which the form warns about.
 *
 * <p>Setters reject malformed values with the engine's message, so a bad JCasC file fails loudly at start-up
 * instead of at the first release. The form path checks the same rules first and reports them as form errors,
 * together with the rules that span fields (default checks that the catalogue lacks, an interval longer than
 * the duration), which setters cannot check because JCasC calls them in no particular order.
 */
@Extension
@Symbol("releasePlaybook")
public final class ReleasePlaybookConfiguration extends GlobalConfiguration {
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int MIN_TIMEOUT_SECONDS = 1;
    static final int MAX_TIMEOUT_SECONDS = 300;
    static final String DEFAULT_DURATION = "10m";
    static final String DEFAULT_INTERVAL = "30s";
    static final int DEFAULT_MAX_ERRORS = 3;
    static final int MIN_MAX_ERRORS = 1;
    static final int MAX_MAX_ERRORS = 100;
    static final String DEFAULT_SILENCE_MAX_DURATION = Durations.format(SilencePolicy.defaults().maxDuration());
    static final String DEFAULT_SILENCE_DEFAULT_DURATION = Durations.format(SilencePolicy.defaults().defaultDuration());
    static final List<String> DEFAULT_SILENCE_REQUIRED_LABELS = SilencePolicy.defaults().requiredLabels();
    static final String DEFAULT_SILENCE_PROTECTED_SETS = String.join("\n",
            SilencePolicy.defaults().protectedSets().stream().map(ProtectedSet::toString).toList());
    static final int DEFAULT_MAX_SILENCES_PER_BUILD = SilencePolicy.defaults().maxSilencesPerBuild();
    static final int MIN_MAX_SILENCES_PER_BUILD = 1;
    static final int MAX_MAX_SILENCES_PER_BUILD = 1000;
    /** The form field that edits {@link #getSilenceRequiredLabels()}, one label a line. */
    static final String REQUIRED_LABELS_FIELD = "silenceRequiredLabelsText";
    /** The JSON key and form field of the protected sets. */
    static final String PROTECTED_SETS_FIELD = "silenceProtectedSets";
    /** The JSON key and form field of the catalogue. */
    static final String CATALOGUE_FIELD = "checkCatalogue";
    /** The form field that edits {@link #getDefaultChecks()}, one name a line. */
    static final String DEFAULT_CHECKS_FIELD = "defaultChecksText";

    private String prometheusUrl;
    private String prometheusCredentialsId;
    private String alertmanagerUrls;
    private String alertmanagerCredentialsId;
    private int requestTimeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    private String defaultDuration = DEFAULT_DURATION;
    private String defaultInterval = DEFAULT_INTERVAL;
    private List<String> defaultChecks = new ArrayList<>();
    private boolean allowLoosening;
    private ErrorPolicy errorPolicy = ErrorPolicy.FAIL_CLOSED;
    private int maxErrors = DEFAULT_MAX_ERRORS;
    /** {@code null}: the engine's built-in catalogue. */
    private List<CatalogueCheck> checkCatalogue;
    private String silenceMaxDuration = DEFAULT_SILENCE_MAX_DURATION;
    private String silenceDefaultDuration = DEFAULT_SILENCE_DEFAULT_DURATION;
    private List<String> silenceRequiredLabels = new ArrayList<>(DEFAULT_SILENCE_REQUIRED_LABELS);
    /** One protected set a line; empty: none. */
    private String silenceProtectedSets = DEFAULT_SILENCE_PROTECTED_SETS;
    private int maxSilencesPerBuild = DEFAULT_MAX_SILENCES_PER_BUILD;

    private transient JenkinsFacade jenkins;

    public ReleasePlaybookConfiguration() {
        load();
    }

    /** The singleton instance. */
    public static ReleasePlaybookConfiguration get() {
        return ExtensionList.lookupSingleton(ReleasePlaybookConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.ReleasePlaybookConfiguration_DisplayName();
    }

    /**
     * Saves the form. The catalogue and the default checks are read here (see the class comment); everything
     * else binds to the setters. A catalogue with no entries is absent from the submitted JSON (Stapler then
     * calls no setter), which this method turns into "back to the built-in catalogue".
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // Check before binding: a setter that throws halfway would leave this object half-updated.
        rejectInvalid(json);
        List<CatalogueCheck> catalogue = catalogueFromForm(json.opt(CATALOGUE_FIELD));
        CheckCatalogue checked = checkedCatalogue(catalogue);
        List<String> checks = FormLines.split(json.optString(DEFAULT_CHECKS_FIELD));
        rejectUnknownDefaultChecks(checks, checked);
        // Empty means "none" for both; a form without the field (an older page) leaves the setting as it is.
        List<String> requiredLabels = json.has(REQUIRED_LABELS_FIELD)
                ? FormLines.split(json.optString(REQUIRED_LABELS_FIELD)) : silenceRequiredLabels;
        reject(ConfigurationValidation.labelsProblem(requiredLabels), REQUIRED_LABELS_FIELD);
        String protectedSets = json.has(PROTECTED_SETS_FIELD)
                ? json.optString(PROTECTED_SETS_FIELD) : silenceProtectedSets;

        // Read above; left in, Stapler would bind the catalogue with its own number conversions, and might pass an
        // empty text as null, which the setters read as "the default".
        json.remove(CATALOGUE_FIELD);
        json.remove(DEFAULT_CHECKS_FIELD);
        json.remove(REQUIRED_LABELS_FIELD);
        json.remove(PROTECTED_SETS_FIELD);
        req.bindJSON(this, json);
        setCheckCatalogue(catalogue);
        setDefaultChecks(checks);
        setSilenceRequiredLabels(requiredLabels);
        setSilenceProtectedSets(protectedSets);
        save();
        return true;
    }

    private static void rejectInvalid(JSONObject json) throws FormException {
        reject(ConfigurationValidation.urlProblem(json.optString("prometheusUrl")), "prometheusUrl");
        reject(ConfigurationValidation.urlListProblem(json.optString("alertmanagerUrls")), "alertmanagerUrls");
        if (json.has("requestTimeoutSeconds")) {
            reject(ConfigurationValidation.timeoutProblem(json.optString("requestTimeoutSeconds")),
                    "requestTimeoutSeconds");
        }
        reject(ConfigurationValidation.durationProblem(json.optString("defaultDuration")), "defaultDuration");
        reject(ConfigurationValidation.durationProblem(json.optString("defaultInterval")), "defaultInterval");
        reject(intervalProblem(json.optString("defaultInterval"), json.optString("defaultDuration")), "defaultInterval");
        if (json.has("maxErrors")) {
            reject(ConfigurationValidation.maxErrorsProblem(json.optString("maxErrors")), "maxErrors");
        }
        reject(ConfigurationValidation.durationProblem(json.optString("silenceMaxDuration")), "silenceMaxDuration");
        reject(ConfigurationValidation.durationProblem(json.optString("silenceDefaultDuration")),
                "silenceDefaultDuration");
        reject(silenceDurationsProblem(json.optString("silenceDefaultDuration"), json.optString("silenceMaxDuration")),
                "silenceDefaultDuration");
        reject(ConfigurationValidation.protectedSetsProblem(json.optString(PROTECTED_SETS_FIELD)),
                PROTECTED_SETS_FIELD);
        if (json.has("maxSilencesPerBuild")) {
            reject(ConfigurationValidation.maxSilencesProblem(json.optString("maxSilencesPerBuild")),
                    "maxSilencesPerBuild");
        }
    }

    /** The catalogue entries of the form: one JSON object, an array of them, or nothing when all were removed. */
    private static List<CatalogueCheck> catalogueFromForm(@CheckForNull Object entries) throws FormException {
        List<CatalogueCheck> catalogue = new ArrayList<>();
        if (entries instanceof JSONObject single) {
            catalogue.add(CatalogueCheck.DescriptorImpl.fromForm(single));
        } else if (entries instanceof JSONArray array) {
            for (Object entry : array) {
                if (entry instanceof JSONObject object) {
                    catalogue.add(CatalogueCheck.DescriptorImpl.fromForm(object));
                }
            }
        }
        return catalogue;
    }

    /** The engine's catalogue for the entries (the built-in one for none), or a form error naming the entry. */
    private static CheckCatalogue checkedCatalogue(List<CatalogueCheck> entries) throws FormException {
        try {
            return entries.isEmpty() ? CheckCatalogue.builtIn() : new CheckCatalogue(definitions(entries));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), CATALOGUE_FIELD);
        }
    }

    private static void rejectUnknownDefaultChecks(List<String> names, CheckCatalogue catalogue) throws FormException {
        for (String name : names) {
            if (catalogue.find(name).isEmpty()) {
                throw new FormException(Messages.ReleasePlaybookConfiguration_UnknownDefaultCheck(name,
                        String.join(", ", names(catalogue))), DEFAULT_CHECKS_FIELD);
            }
        }
    }

    /**
     * What is wrong when the interval (both valid) is longer than the duration, or {@code null}: a verification
     * needs at least two samples.
     */
    @CheckForNull
    private static String intervalProblem(@CheckForNull String interval, @CheckForNull String duration) {
        String intervalText = Util.fixEmptyAndTrim(interval);
        String durationText = Util.fixEmptyAndTrim(duration);
        if (ConfigurationValidation.durationProblem(interval) != null
                || ConfigurationValidation.durationProblem(duration) != null) {
            return null; // reported on its own field
        }
        Duration every = Durations.parse(intervalText == null ? DEFAULT_INTERVAL : intervalText);
        Duration window = Durations.parse(durationText == null ? DEFAULT_DURATION : durationText);
        return every.compareTo(window) > 0
                ? Messages.ReleasePlaybookConfiguration_IntervalLongerThanDuration(Durations.format(every),
                        Durations.format(window))
                : null;
    }

    /**
     * What is wrong when the default silence duration (both valid; blank means the built-in value) is longer than the
     * maximum, or {@code null}.
     */
    @CheckForNull
    private static String silenceDurationsProblem(@CheckForNull String defaultText, @CheckForNull String maxText) {
        if (ConfigurationValidation.durationProblem(defaultText) != null
                || ConfigurationValidation.durationProblem(maxText) != null) {
            return null; // reported on its own field
        }
        String defaultValue = Util.fixEmptyAndTrim(defaultText);
        String maxValue = Util.fixEmptyAndTrim(maxText);
        Duration byDefault = Durations.parse(defaultValue == null ? DEFAULT_SILENCE_DEFAULT_DURATION : defaultValue);
        Duration longest = Durations.parse(maxValue == null ? DEFAULT_SILENCE_MAX_DURATION : maxValue);
        return byDefault.compareTo(longest) > 0
                ? Messages.ReleasePlaybookConfiguration_SilenceDefaultLongerThanMax(Durations.format(byDefault),
                        Durations.format(longest))
                : null;
    }

    private static void reject(@CheckForNull String problem, String field) throws FormException {
        if (problem != null) {
            throw new FormException(problem, field);
        }
    }

    // ---- properties -------------------------------------------------------------------------------

    @CheckForNull
    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    /** Blank means "no Prometheus configured". */
    @DataBoundSetter
    public void setPrometheusUrl(@CheckForNull String prometheusUrl) {
        String value = Util.fixEmptyAndTrim(prometheusUrl);
        if (value != null) {
            EndpointUrl.parse(value); // throws with a message that says what to fix
        }
        this.prometheusUrl = value;
    }

    /** The parsed Prometheus base URL, or {@code null} when none is configured. */
    @CheckForNull
    public URI getPrometheusEndpoint() {
        return prometheusUrl == null ? null : EndpointUrl.parse(prometheusUrl);
    }

    @CheckForNull
    public String getPrometheusCredentialsId() {
        return prometheusCredentialsId;
    }

    @DataBoundSetter
    public void setPrometheusCredentialsId(@CheckForNull String prometheusCredentialsId) {
        this.prometheusCredentialsId = Util.fixEmptyAndTrim(prometheusCredentialsId);
    }

    /** The Alertmanager base URLs of the HA cluster, one a line. */
    @CheckForNull
    public String getAlertmanagerUrls() {
        return alertmanagerUrls;
    }

    /** Normalizes to one trimmed URL a line (forms submit CRLF); blank means "no Alertmanager configured". */
    @DataBoundSetter
    public void setAlertmanagerUrls(@CheckForNull String alertmanagerUrls) {
        List<URI> parsed = EndpointUrl.parseList(alertmanagerUrls); // throws naming the bad line
        this.alertmanagerUrls = parsed.isEmpty() ? null : Util.fixEmpty(normalizeLines(alertmanagerUrls));
    }

    private static String normalizeLines(String text) {
        return String.join("\n", text.strip().lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    /** The parsed Alertmanager base URLs; empty when none are configured. */
    @NonNull
    public List<URI> getAlertmanagerEndpoints() {
        return EndpointUrl.parseList(alertmanagerUrls);
    }

    @CheckForNull
    public String getAlertmanagerCredentialsId() {
        return alertmanagerCredentialsId;
    }

    @DataBoundSetter
    public void setAlertmanagerCredentialsId(@CheckForNull String alertmanagerCredentialsId) {
        this.alertmanagerCredentialsId = Util.fixEmptyAndTrim(alertmanagerCredentialsId);
    }

    public int getRequestTimeoutSeconds() {
        return requestTimeoutSeconds;
    }

    @DataBoundSetter
    public void setRequestTimeoutSeconds(int requestTimeoutSeconds) {
        if (requestTimeoutSeconds < MIN_TIMEOUT_SECONDS || requestTimeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(ConfigurationValidation.timeoutMessage());
        }
        this.requestTimeoutSeconds = requestTimeoutSeconds;
    }

    /** The timeout for each connection and each answer from Prometheus or Alertmanager. */
    @NonNull
    public Duration getRequestTimeout() {
        return Duration.ofSeconds(requestTimeoutSeconds);
    }

    // ---- verification -----------------------------------------------------------------------------

    /** How long {@code verifyStability} watches when the job does not say, e.g. {@code 10m}. */
    @NonNull
    public String getDefaultDuration() {
        return defaultDuration;
    }

    /** Blank means the built-in default ({@code 10m}). */
    @DataBoundSetter
    public void setDefaultDuration(@CheckForNull String defaultDuration) {
        this.defaultDuration = durationOrDefault(defaultDuration, DEFAULT_DURATION);
    }

    /** How often {@code verifyStability} samples when the job does not say, e.g. {@code 30s}. */
    @NonNull
    public String getDefaultInterval() {
        return defaultInterval;
    }

    /** Blank means the built-in default ({@code 30s}). */
    @DataBoundSetter
    public void setDefaultInterval(@CheckForNull String defaultInterval) {
        this.defaultInterval = durationOrDefault(defaultInterval, DEFAULT_INTERVAL);
    }

    /** Throws the engine's message for a malformed duration; keeps the text as typed (trimmed) otherwise. */
    private static String durationOrDefault(@CheckForNull String text, String fallback) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return fallback;
        }
        Durations.parse(value);
        return value;
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
     * Replaces the catalogue. {@code null}, no entries, or exactly the built-in checks mean "the built-in
     * catalogue" and are stored as such.
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
    private static List<CheckDefinition> definitions(List<CatalogueCheck> entries) {
        List<CheckDefinition> definitions = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            CatalogueCheck entry = entries.get(i);
            try {
                definitions.add(entry.toDefinition());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Messages.ReleasePlaybookConfiguration_CatalogueEntryAt(i + 1,
                        Util.fixNull(entry.getName()), e.getMessage()), e);
            }
        }
        return definitions;
    }

    /**
     * The check catalogue {@code verifyStability} resolves checks against: the administrator's, or the engine's
     * built-in one.
     *
     * @throws IllegalArgumentException if the stored catalogue is invalid (a hand-edited configuration file)
     */
    @NonNull
    public CheckCatalogue catalogue() {
        List<CheckDefinition> definitions = checkCatalogue == null ? CheckCatalogue.builtIn().definitions()
                : definitions(checkCatalogue);
        return new CheckCatalogue(definitions, defaultChecks); // an empty default set means the built-in one
    }

    private static List<String> names(CheckCatalogue catalogue) {
        return catalogue.definitions().stream().map(CheckDefinition::name).toList();
    }

    /** The text area content for a list setting ({@link #getDefaultChecks()}, {@link #getSilenceRequiredLabels()}). */
    public String toLines(@CheckForNull List<String> values) {
        return FormLines.join(values);
    }

    // ---- silences -----------------------------------------------------------------------------------

    /** The longest silence a release may create, e.g. {@code 1h}. */
    @NonNull
    public String getSilenceMaxDuration() {
        return silenceMaxDuration;
    }

    /** Blank means the built-in value ({@code 1h}). */
    @DataBoundSetter
    public void setSilenceMaxDuration(@CheckForNull String silenceMaxDuration) {
        this.silenceMaxDuration = durationOrDefault(silenceMaxDuration, DEFAULT_SILENCE_MAX_DURATION);
    }

    /** How long a silence lasts when the job does not say, e.g. {@code 30m}. */
    @NonNull
    public String getSilenceDefaultDuration() {
        return silenceDefaultDuration;
    }

    /** Blank means the built-in value ({@code 30m}). */
    @DataBoundSetter
    public void setSilenceDefaultDuration(@CheckForNull String silenceDefaultDuration) {
        this.silenceDefaultDuration = durationOrDefault(silenceDefaultDuration, DEFAULT_SILENCE_DEFAULT_DURATION);
    }

    /** Labels every silence must pin with an equality matcher, such as {@code service}; empty: none. */
    @NonNull
    public List<String> getSilenceRequiredLabels() {
        return Collections.unmodifiableList(silenceRequiredLabels);
    }

    /**
     * Entries are trimmed; blank entries and repeats are dropped. {@code null} restores the built-in value
     * ({@code service}); an empty list means no required labels.
     *
     * @throws IllegalArgumentException naming an entry that is not a label name
     */
    @DataBoundSetter
    public void setSilenceRequiredLabels(@CheckForNull List<String> silenceRequiredLabels) {
        if (silenceRequiredLabels == null) {
            this.silenceRequiredLabels = new ArrayList<>(DEFAULT_SILENCE_REQUIRED_LABELS);
            return;
        }
        Set<String> labels = new LinkedHashSet<>();
        for (String label : silenceRequiredLabels) {
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
        this.silenceRequiredLabels = checked;
    }

    /** Alerts no release may silence, one matcher set a line, such as {@code {severity="critical"}}; empty: none. */
    @NonNull
    public String getSilenceProtectedSets() {
        return silenceProtectedSets;
    }

    /**
     * Normalizes to one trimmed set a line (forms submit CRLF). {@code null} restores the built-in value
     * ({@code {severity="critical"}}); a blank text means no protected sets.
     *
     * @throws IllegalArgumentException naming the line that is not a matcher set
     */
    @DataBoundSetter
    public void setSilenceProtectedSets(@CheckForNull String silenceProtectedSets) {
        if (silenceProtectedSets == null) {
            this.silenceProtectedSets = DEFAULT_SILENCE_PROTECTED_SETS;
            return;
        }
        String problem = ConfigurationValidation.protectedSetsProblem(silenceProtectedSets);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.silenceProtectedSets = FormLines.join(FormLines.split(silenceProtectedSets));
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
     * The policy {@code silenceAlerts} checks every silence against before anything reaches Alertmanager.
     *
     * @throws IllegalArgumentException with the engine's message when the settings do not make a policy, for example
     *     a default duration longer than the maximum set through Configuration as Code, whose setters cannot compare
     *     the two
     */
    @NonNull
    public SilencePolicy silencePolicy() {
        List<ProtectedSet> sets = FormLines.split(silenceProtectedSets).stream().map(ProtectedSet::parse).toList();
        return new SilencePolicy(Durations.parse(silenceMaxDuration), Durations.parse(silenceDefaultDuration),
                silenceRequiredLabels, sets, maxSilencesPerBuild);
    }

    // ---- form validation and connection tests (administrators only) -------------------------------

    @POST
    public FormValidation doCheckPrometheusUrl(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationValidation.url(value);
    }

    @POST
    public FormValidation doCheckAlertmanagerUrls(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationValidation.urlList(value);
    }

    @POST
    public FormValidation doCheckRequestTimeoutSeconds(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationValidation.timeout(value);
    }

    @POST
    public FormValidation doCheckDefaultDuration(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationValidation.duration(value);
    }

    /** Also warns when the interval is longer than the duration typed next to it. */
    @POST
    public FormValidation doCheckDefaultInterval(@QueryParameter String value, @QueryParameter String defaultDuration) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        FormValidation own = ConfigurationValidation.duration(value);
        if (own.kind != FormValidation.Kind.OK) {
            return own;
        }
        String problem = intervalProblem(value, defaultDuration);
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    @POST
    public FormValidation doCheckMaxErrors(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationValidation.maxErrors(value);
    }

    /**
     * Warns about names the saved catalogue lacks. Only a warning: the catalogue may be edited on the same page,
     * and saving checks the names against the catalogue as submitted.
     */
    @POST
    public FormValidation doCheckDefaultChecksText(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        CheckCatalogue saved;
        try {
            saved = catalogue();
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
    public FormValidation doCheckSilenceMaxDuration(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationValidation.duration(value);
    }

    /** Also an error when the default is longer than the maximum typed next to it. */
    @POST
    public FormValidation doCheckSilenceDefaultDuration(@QueryParameter String value,
            @QueryParameter String silenceMaxDuration) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        FormValidation own = ConfigurationValidation.duration(value);
        if (own.kind != FormValidation.Kind.OK) {
            return own;
        }
        String problem = silenceDurationsProblem(value, silenceMaxDuration);
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    @POST
    public FormValidation doCheckSilenceRequiredLabelsText(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationValidation.requiredLabels(FormLines.split(value));
    }

    @POST
    public FormValidation doCheckSilenceProtectedSets(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationValidation.protectedSets(value);
    }

    @POST
    public FormValidation doCheckMaxSilencesPerBuild(@QueryParameter String value) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationValidation.maxSilences(value);
    }

    @POST
    public ListBoxModel doFillPrometheusCredentialsIdItems(@QueryParameter String prometheusCredentialsId) {
        return credentialItems(prometheusCredentialsId);
    }

    @POST
    public ListBoxModel doFillAlertmanagerCredentialsIdItems(@QueryParameter String alertmanagerCredentialsId) {
        return credentialItems(alertmanagerCredentialsId);
    }

    /** Credential IDs are metadata worth protecting: only administrators see the list. */
    private ListBoxModel credentialItems(@CheckForNull String current) {
        if (!jenkins().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel();
        }
        return ConnectionCredentials.listBoxModel(jenkins(), Util.fixNull(current));
    }

    @POST
    public FormValidation doTestPrometheusConnection(
            @QueryParameter String prometheusUrl,
            @QueryParameter String prometheusCredentialsId,
            @QueryParameter String requestTimeoutSeconds) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return new ConnectionTester(new ConnectionCredentials(jenkins()))
                .testPrometheus(prometheusUrl, prometheusCredentialsId, requestTimeoutSeconds);
    }

    @POST
    public FormValidation doTestAlertmanagerConnection(
            @QueryParameter String alertmanagerUrls,
            @QueryParameter String alertmanagerCredentialsId,
            @QueryParameter String requestTimeoutSeconds) {
        jenkins().checkPermission(Jenkins.ADMINISTER);
        return new ConnectionTester(new ConnectionCredentials(jenkins()))
                .testAlertmanager(alertmanagerUrls, alertmanagerCredentialsId, requestTimeoutSeconds);
    }

    private JenkinsFacade jenkins() {
        if (jenkins == null) {
            jenkins = new JenkinsFacade();
        }
        return jenkins;
    }
}
