package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import java.util.List;
import java.util.Objects;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Release Playbook settings in Manage Jenkins &gt; System, and {@code unclassified: releasePlaybook:} in
 * Configuration as Code: one section per concern, each a small describable with its own form, help, validation and
 * JCasC key ({@code connections}, {@code verification}, {@code silences}, {@code access}, {@code backups}, {@code distribution},
 * {@code rollback}, {@code notifications}, {@code policy}).
 *
 * <p>The getters of the flat configuration that steps use are inherited from {@link FlatConfiguration} and delegate
 * to the sections. Configuration saved by versions before the sections (flat fields in this class's XML) still
 * loads: the old fields are read by XStream and moved into the sections by {@link #load()} ({@link FlatLayout});
 * they are never written again.
 */
@Extension
@Symbol("releasePlaybook")
public final class ReleasePlaybookConfiguration extends FlatConfiguration {
    private ConnectionsSection connections = new ConnectionsSection();
    private VerificationSection verification = new VerificationSection();
    private SilencesSection silences = new SilencesSection();
    private AccessSection access = new AccessSection();
    private BackupsSection backups = new BackupsSection();
    private DistributionSection distribution = new DistributionSection();
    private NotificationsSection notifications = new NotificationsSection();
    private RollbackSection rollback = new RollbackSection();
    private PolicySection policy = new PolicySection();

    // The flat layout before the sections: only ever read from an old file, then null (XStream writes no nulls).
    // Wrapper types, so that "absent" is distinguishable from a stored default.
    private String prometheusUrl;
    private String prometheusCredentialsId;
    private String alertmanagerUrls;
    private String alertmanagerCredentialsId;
    private Integer requestTimeoutSeconds;
    private String defaultDuration;
    private String defaultInterval;
    private List<String> defaultChecks;
    private Boolean allowLoosening;
    private ErrorPolicy errorPolicy;
    private Integer maxErrors;
    private List<CatalogueCheck> checkCatalogue;
    private String silenceMaxDuration;
    private String silenceDefaultDuration;
    private List<String> silenceRequiredLabels;
    private String silenceProtectedSets;
    private Integer maxSilencesPerBuild;

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

    /** Loads the saved configuration and moves the fields of the flat layout, if the file has them, into sections. */
    @Override
    public synchronized void load() {
        super.load();
        migrateFlatLayout();
    }

    private void migrateFlatLayout() {
        connections = FlatLayout.connections(connections, prometheusUrl, prometheusCredentialsId, alertmanagerUrls,
                alertmanagerCredentialsId, requestTimeoutSeconds);
        verification = FlatLayout.verification(verification, defaultDuration, defaultInterval, defaultChecks,
                allowLoosening, errorPolicy, maxErrors, checkCatalogue);
        silences = FlatLayout.silences(silences, silenceMaxDuration, silenceDefaultDuration, silenceRequiredLabels,
                silenceProtectedSets, maxSilencesPerBuild);
        // absent from files saved before the section existed
        access = Objects.requireNonNullElseGet(access, AccessSection::new);
        backups = Objects.requireNonNullElseGet(backups, BackupsSection::new);
        distribution = Objects.requireNonNullElseGet(distribution, DistributionSection::new);
        notifications = Objects.requireNonNullElseGet(notifications, NotificationsSection::new);
        rollback = Objects.requireNonNullElseGet(rollback, RollbackSection::new);
        policy = Objects.requireNonNullElseGet(policy, PolicySection::new);
        prometheusUrl = null;
        prometheusCredentialsId = null;
        alertmanagerUrls = null;
        alertmanagerCredentialsId = null;
        requestTimeoutSeconds = null;
        defaultDuration = null;
        defaultInterval = null;
        defaultChecks = null;
        allowLoosening = null;
        errorPolicy = null;
        maxErrors = null;
        checkCatalogue = null;
        silenceMaxDuration = null;
        silenceDefaultDuration = null;
        silenceRequiredLabels = null;
        silenceProtectedSets = null;
        maxSilencesPerBuild = null;
    }

    /**
     * Saves the form. Each section reads and checks its own part of the JSON (the {@code f:property} blocks of
     * {@code config.jelly}) before anything changes, so that a form error leaves the whole configuration as it was.
     * The sections are read directly rather than through {@code req.bindJSON}: Stapler's binding would fall back to
     * its default instantiation, with a log warning, when a section's form is wrong, instead of reporting the field.
     */
    @Override
    public boolean configure(@CheckForNull StaplerRequest2 req, @NonNull JSONObject json) throws FormException {
        ConnectionsSection newConnections =
                ConnectionsSection.DescriptorImpl.fromForm(json.optJSONObject("connections"), connections);
        VerificationSection newVerification =
                VerificationSection.DescriptorImpl.fromForm(json.optJSONObject("verification"), verification);
        SilencesSection newSilences = SilencesSection.DescriptorImpl.fromForm(json.optJSONObject("silences"), silences);
        AccessSection newAccess = AccessSection.DescriptorImpl.fromForm(json.optJSONObject("access"), access);
        BackupsSection newBackups = BackupsSection.DescriptorImpl.fromForm(json.optJSONObject("backups"), backups);
        DistributionSection newDistribution =
                DistributionSection.DescriptorImpl.fromForm(json.optJSONObject("distribution"), distribution);
        NotificationsSection newNotifications =
                NotificationsSection.DescriptorImpl.fromForm(json.optJSONObject("notifications"), notifications);
        RollbackSection newRollback = RollbackSection.DescriptorImpl.fromForm(json.optJSONObject("rollback"), rollback);
        PolicySection newPolicy = PolicySection.DescriptorImpl.fromForm(json.optJSONObject("policy"), policy);
        connections = newConnections;
        verification = newVerification;
        silences = newSilences;
        access = newAccess;
        backups = newBackups;
        distribution = newDistribution;
        notifications = newNotifications;
        rollback = newRollback;
        policy = newPolicy;
        save();
        return true;
    }

    // ---- the sections (JCasC keys) ----------------------------------------------------------------------

    @NonNull
    @Override
    public ConnectionsSection getConnections() {
        return connections;
    }

    /** {@code null} restores the defaults. */
    @DataBoundSetter
    public void setConnections(@CheckForNull ConnectionsSection connections) {
        this.connections = connections == null ? new ConnectionsSection() : connections;
        save();
    }

    @NonNull
    @Override
    public VerificationSection getVerification() {
        return verification;
    }

    /** {@code null} restores the defaults. */
    @DataBoundSetter
    public void setVerification(@CheckForNull VerificationSection verification) {
        this.verification = verification == null ? new VerificationSection() : verification;
        save();
    }

    @NonNull
    @Override
    public SilencesSection getSilences() {
        return silences;
    }

    /** {@code null} restores the defaults. */
    @DataBoundSetter
    public void setSilences(@CheckForNull SilencesSection silences) {
        this.silences = silences == null ? new SilencesSection() : silences;
        save();
    }

    @NonNull
    public AccessSection getAccess() {
        return access;
    }

    /** {@code null} restores the defaults (every job may do everything). */
    @DataBoundSetter
    public void setAccess(@CheckForNull AccessSection access) {
        this.access = access == null ? new AccessSection() : access;
        save();
    }

    @NonNull
    public BackupsSection getBackups() {
        return backups;
    }

    /** {@code null} restores the defaults. */
    @DataBoundSetter
    public void setBackups(@CheckForNull BackupsSection backups) {
        this.backups = backups == null ? new BackupsSection() : backups;
        save();
    }

    @NonNull
    public DistributionSection getDistribution() {
        return distribution;
    }

    /** {@code null} restores the defaults (known hosts only, none listed). */
    @DataBoundSetter
    public void setDistribution(@CheckForNull DistributionSection distribution) {
        this.distribution = distribution == null ? new DistributionSection() : distribution;
        save();
    }

    @NonNull
    public NotificationsSection getNotifications() {
        return notifications;
    }

    /** {@code null} restores the defaults (nothing is sent). */
    @DataBoundSetter
    public void setNotifications(@CheckForNull NotificationsSection notifications) {
        this.notifications = notifications == null ? new NotificationsSection() : notifications;
        save();
    }

    @NonNull
    public RollbackSection getRollback() {
        return rollback;
    }

    /** {@code null} restores the default (the loop guard at 3 consecutive rolled-back releases). */
    @DataBoundSetter
    public void setRollback(@CheckForNull RollbackSection rollback) {
        this.rollback = rollback == null ? new RollbackSection() : rollback;
        save();
    }

    @NonNull
    public PolicySection getPolicy() {
        return policy;
    }

    /** {@code null} restores the defaults (see {@link PolicySection}). */
    @DataBoundSetter
    public void setPolicy(@CheckForNull PolicySection policy) {
        this.policy = policy == null ? new PolicySection() : policy;
        save();
    }
}
