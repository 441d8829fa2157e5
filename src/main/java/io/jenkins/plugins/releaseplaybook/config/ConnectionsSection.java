package io.jenkins.plugins.releaseplaybook.config;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Where Prometheus and Alertmanager are and how to reach them: {@code connections:} under
 * {@code unclassified: releasePlaybook:} in Configuration as Code.
 *
 * <p>Alertmanager URLs are one newline-separated text rather than a list: a single text area binds with plain data
 * binding, is validated as one unit (the HA set, duplicates included) by the engine's {@link EndpointUrl#parseList},
 * and exports as one scalar. Setters reject malformed values with the engine's message, so that a bad JCasC file
 * fails at start-up instead of at the first release.
 */
public final class ConnectionsSection implements Describable<ConnectionsSection> {
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int MIN_TIMEOUT_SECONDS = 1;
    static final int MAX_TIMEOUT_SECONDS = 300;

    private String prometheusUrl;
    private String prometheusCredentialsId;
    private String alertmanagerUrls;
    private String alertmanagerCredentialsId;
    private int requestTimeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

    @DataBoundConstructor
    public ConnectionsSection() {
        // every setting is optional
    }

    /** The values of the flat configuration of plugin versions before the sections, taken as they were stored. */
    static ConnectionsSection fromLegacy(@CheckForNull String prometheusUrl, @CheckForNull String prometheusCredentialsId,
            @CheckForNull String alertmanagerUrls, @CheckForNull String alertmanagerCredentialsId,
            @CheckForNull Integer requestTimeoutSeconds) {
        ConnectionsSection section = new ConnectionsSection();
        section.prometheusUrl = Util.fixEmptyAndTrim(prometheusUrl);
        section.prometheusCredentialsId = Util.fixEmptyAndTrim(prometheusCredentialsId);
        section.alertmanagerUrls = Util.fixEmptyAndTrim(alertmanagerUrls);
        section.alertmanagerCredentialsId = Util.fixEmptyAndTrim(alertmanagerCredentialsId);
        if (requestTimeoutSeconds != null) {
            section.requestTimeoutSeconds = requestTimeoutSeconds;
        }
        return section;
    }

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
        this.alertmanagerUrls = parsed.isEmpty() ? null : Util.fixEmpty(FormLines.join(FormLines.split(alertmanagerUrls)));
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

    @Extension
    @Symbol("connections")
    public static final class DescriptorImpl extends Descriptor<ConnectionsSection> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ConnectionsSection_DisplayName();
        }

        /**
         * Reads the section from the submitted form, checking every field first, so that a mistake is a form error
         * naming the field and nothing is half-applied.
         */
        static ConnectionsSection fromForm(@CheckForNull JSONObject form, ConnectionsSection current)
                throws FormException {
            if (form == null) {
                return current; // an older page without the section leaves it as it is
            }
            ConfigurationValidation.reject(ConfigurationValidation.urlProblem(form.optString("prometheusUrl")),
                    "prometheusUrl");
            ConfigurationValidation.reject(ConfigurationValidation.urlListProblem(form.optString("alertmanagerUrls")),
                    "alertmanagerUrls");
            String timeout = form.optString("requestTimeoutSeconds", Integer.toString(current.requestTimeoutSeconds));
            ConfigurationValidation.reject(ConfigurationValidation.timeoutProblem(timeout), "requestTimeoutSeconds");
            ConnectionsSection section = new ConnectionsSection();
            section.setPrometheusUrl(form.optString("prometheusUrl"));
            section.setPrometheusCredentialsId(form.optString("prometheusCredentialsId"));
            section.setAlertmanagerUrls(form.optString("alertmanagerUrls"));
            section.setAlertmanagerCredentialsId(form.optString("alertmanagerCredentialsId"));
            section.setRequestTimeoutSeconds(Integer.parseInt(timeout.strip()));
            return section;
        }

        @POST
        public FormValidation doCheckPrometheusUrl(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.url(value);
        }

        @POST
        public FormValidation doCheckAlertmanagerUrls(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return ConfigurationValidation.urlList(value);
        }

        @POST
        public FormValidation doCheckRequestTimeoutSeconds(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
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
            if (!jenkins.hasPermission(Jenkins.ADMINISTER)) {
                return new StandardListBoxModel();
            }
            return ConnectionCredentials.listBoxModel(jenkins, Util.fixNull(current));
        }

        @POST
        public FormValidation doTestPrometheusConnection(
                @QueryParameter String prometheusUrl,
                @QueryParameter String prometheusCredentialsId,
                @QueryParameter String requestTimeoutSeconds) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return new ConnectionTester(new ConnectionCredentials(jenkins))
                    .testPrometheus(prometheusUrl, prometheusCredentialsId, requestTimeoutSeconds);
        }

        @POST
        public FormValidation doTestAlertmanagerConnection(
                @QueryParameter String alertmanagerUrls,
                @QueryParameter String alertmanagerCredentialsId,
                @QueryParameter String requestTimeoutSeconds) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return new ConnectionTester(new ConnectionCredentials(jenkins))
                    .testAlertmanager(alertmanagerUrls, alertmanagerCredentialsId, requestTimeoutSeconds);
        }
    }
}
