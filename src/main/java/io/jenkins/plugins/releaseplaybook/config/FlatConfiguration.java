package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilencePolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckCatalogue;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import jenkins.model.GlobalConfiguration;

/**
 * The methods of the flat configuration (before the sections) that steps, scripts and tests call on
 * {@link ReleasePlaybookConfiguration}, each delegating to its section. Only ever extended by that class; it holds no
 * fields, so the saved configuration is exactly that class's.
 */
public abstract class FlatConfiguration extends GlobalConfiguration {
    protected FlatConfiguration() {
        // ReleasePlaybookConfiguration is the only subclass
    }

    @NonNull
    public abstract ConnectionsSection getConnections();

    @NonNull
    public abstract VerificationSection getVerification();

    @NonNull
    public abstract SilencesSection getSilences();

    // ---- shortcuts for scripts and tests: the configuration has no getter of the same name, so JCasC ignores them

    /** Same as {@code getConnections().setPrometheusUrl(url)}; saves. */
    public void setPrometheusUrl(@CheckForNull String url) {
        getConnections().setPrometheusUrl(url);
        save();
    }

    /** Same as {@code getConnections().setAlertmanagerUrls(urls)}; saves. */
    public void setAlertmanagerUrls(@CheckForNull String urls) {
        getConnections().setAlertmanagerUrls(urls);
        save();
    }

    /** Same as {@code getSilences().setMaxSilencesPerBuild(cap)}; saves. */
    public void setMaxSilencesPerBuild(int cap) {
        getSilences().setMaxSilencesPerBuild(cap);
        save();
    }

    // ---- what steps read (delegates, kept for the callers of the flat configuration) --------------------

    /** The parsed Prometheus base URL, or {@code null} when none is configured. */
    @CheckForNull
    public URI getPrometheusEndpoint() {
        return getConnections().getPrometheusEndpoint();
    }

    @CheckForNull
    public String getPrometheusCredentialsId() {
        return getConnections().getPrometheusCredentialsId();
    }

    /** The parsed Alertmanager base URLs; empty when none are configured. */
    @NonNull
    public List<URI> getAlertmanagerEndpoints() {
        return getConnections().getAlertmanagerEndpoints();
    }

    @CheckForNull
    public String getAlertmanagerCredentialsId() {
        return getConnections().getAlertmanagerCredentialsId();
    }

    /** The timeout for each connection and each answer from Prometheus or Alertmanager. */
    @NonNull
    public Duration getRequestTimeout() {
        return getConnections().getRequestTimeout();
    }

    /** How long {@code verifyStability} watches when the job does not say, e.g. {@code 10m}. */
    @NonNull
    public String getDefaultDuration() {
        return getVerification().getDefaultDuration();
    }

    /** How often {@code verifyStability} samples when the job does not say, e.g. {@code 30s}. */
    @NonNull
    public String getDefaultInterval() {
        return getVerification().getDefaultInterval();
    }

    /** Whether a job may set thresholds looser than the catalogue's. */
    public boolean isAllowLoosening() {
        return getVerification().isAllowLoosening();
    }

    @NonNull
    public ErrorPolicy getErrorPolicy() {
        return getVerification().getErrorPolicy();
    }

    public int getMaxErrors() {
        return getVerification().getMaxErrors();
    }

    /**
     * The check catalogue {@code verifyStability} resolves checks against.
     *
     * @throws IllegalArgumentException if the stored catalogue is invalid (a hand-edited file), naming the entry
     */
    @NonNull
    public CheckCatalogue catalogue() {
        return getVerification().catalogue();
    }

    /**
     * The policy every silence is checked against before anything reaches Alertmanager.
     *
     * @throws IllegalArgumentException with the engine's message when the settings do not make a policy
     */
    @NonNull
    public SilencePolicy silencePolicy() {
        return getSilences().silencePolicy();
    }
}
