package io.jenkins.plugins.releaseplaybook.config;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Release Playbook settings in Manage Jenkins, and under {@code unclassified: releasePlaybook:} in
 * Configuration as Code: where Prometheus and Alertmanager are, which credentials to use, how long to wait.
 *
 * <p>Alertmanager URLs are one newline-separated string rather than a list of strings or of a small
 * describable: a single textarea binds with plain {@code bindJSON}, is validated as one unit (the HA set,
 * including duplicates) by the engine's {@link EndpointUrl#parseList}, and exports to JCasC as one scalar.
 * A {@code List<String>} does not bind from a form, and a describable per URL adds a descriptor, a form and
 * a YAML mapping per entry for no gain. Code uses the parsed {@link #getAlertmanagerEndpoints()}.
 *
 * <p>Setters reject malformed values with the engine's message, so a bad JCasC file fails loudly at start-up
 * instead of at the first release. The form path checks the same rules first and reports them as form errors.
 */
@Extension
@Symbol("releasePlaybook")
public final class ReleasePlaybookConfiguration extends GlobalConfiguration {
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int MIN_TIMEOUT_SECONDS = 1;
    static final int MAX_TIMEOUT_SECONDS = 300;

    private String prometheusUrl;
    private String prometheusCredentialsId;
    private String alertmanagerUrls;
    private String alertmanagerCredentialsId;
    private int requestTimeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

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

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // Check before binding: a setter that throws halfway would leave this object half-updated.
        rejectInvalid(json);
        req.bindJSON(this, json);
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
