package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.notification.EventKind;
import io.jenkins.plugins.releaseplaybook.engine.notification.PayloadTemplate;
import io.jenkins.plugins.releaseplaybook.engine.notification.WebhookRequests;
import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Where release notifications go ({@code notifications:} under {@code unclassified: releasePlaybook:} in
 * Configuration as Code): a webhook (URL, an optional secret text credential, the payload template, the language of
 * the texts), mail through the Mailer plugin when it is installed, and which events are sent. Nothing is sent until a
 * URL is set or mail is turned on. The sending itself is the notify package's; this section only holds and checks
 * the settings and offers a "send test" button.
 */
public final class NotificationsSection implements Describable<NotificationsSection> {
    private String webhookUrl = "";
    private String credentialsId = "";
    private String template = PayloadTemplate.GENERIC.id();
    private String language = "en";
    private boolean gateFailures = true;
    private boolean rollbacks = true;
    private boolean drills = true;
    private boolean mail;

    @DataBoundConstructor
    public NotificationsSection() {
        // nothing is sent by default
    }

    /** Fields absent from a stored section get their defaults. */
    private Object readResolve() {
        webhookUrl = Util.fixNull(webhookUrl);
        credentialsId = Util.fixNull(credentialsId);
        template = template == null ? PayloadTemplate.GENERIC.id() : template;
        language = language == null ? "en" : language;
        return this;
    }

    /** Empty: no webhook. */
    @NonNull
    public String getWebhookUrl() {
        return webhookUrl;
    }

    /** @throws IllegalArgumentException unless blank or an absolute http(s) URL */
    @DataBoundSetter
    public void setWebhookUrl(@CheckForNull String webhookUrl) {
        String url = Util.fixEmptyAndTrim(webhookUrl);
        if (url != null) {
            WebhookRequests.parseUrl(url);
        }
        this.webhookUrl = Util.fixNull(url);
    }

    /** The ID of a secret text credential; empty for none. */
    @NonNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixNull(Util.fixEmptyAndTrim(credentialsId));
    }

    /** {@code generic}, {@code dingtalk}, {@code wecom}, {@code feishu} or {@code slack}. */
    @NonNull
    public String getTemplate() {
        return template;
    }

    /** @throws IllegalArgumentException naming the value and the choices */
    @DataBoundSetter
    public void setTemplate(@CheckForNull String template) {
        this.template = PayloadTemplate.of(template).id();
    }

    /** {@code en} or {@code zh-CN}. */
    @NonNull
    public String getLanguage() {
        return language;
    }

    /** Blank is English. @throws IllegalArgumentException for another language */
    @DataBoundSetter
    public void setLanguage(@CheckForNull String language) {
        String tag = Util.fixEmptyAndTrim(language);
        String problem = NotificationsValidation.languageProblem(tag);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.language = tag == null ? "en" : NotificationsValidation.canonical(tag);
    }

    public boolean isGateFailures() {
        return gateFailures;
    }

    @DataBoundSetter
    public void setGateFailures(boolean gateFailures) {
        this.gateFailures = gateFailures;
    }

    public boolean isRollbacks() {
        return rollbacks;
    }

    @DataBoundSetter
    public void setRollbacks(boolean rollbacks) {
        this.rollbacks = rollbacks;
    }

    public boolean isDrills() {
        return drills;
    }

    @DataBoundSetter
    public void setDrills(boolean drills) {
        this.drills = drills;
    }

    /** Whether to mail the plan's owners and {@code notify:} addresses (needs the Mailer plugin). */
    public boolean isMail() {
        return mail;
    }

    @DataBoundSetter
    public void setMail(boolean mail) {
        this.mail = mail;
    }

    // ---- what the sender reads ----------------------------------------------------------------------------

    /** Whether anything is to be sent at all. */
    public boolean isEnabled() {
        return (!webhookUrl.isEmpty() || mail) && !topics().isEmpty();
    }

    /** The event groups turned on. */
    @NonNull
    public Set<EventKind.Topic> topics() {
        Set<EventKind.Topic> topics = EnumSet.noneOf(EventKind.Topic.class);
        if (gateFailures) {
            topics.add(EventKind.Topic.GATE);
        }
        if (rollbacks) {
            topics.add(EventKind.Topic.ROLLBACK);
        }
        if (drills) {
            topics.add(EventKind.Topic.DRILL);
        }
        return topics;
    }

    /** The webhook, or {@code null} when none is set. */
    @CheckForNull
    public URI webhook() {
        return webhookUrl.isEmpty() ? null : WebhookRequests.parseUrl(webhookUrl);
    }

    @NonNull
    public PayloadTemplate payloadTemplate() {
        return PayloadTemplate.of(template);
    }

    @NonNull
    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    /**
     * The secret text of the configured credential, {@code null} when none is configured. Looked up as
     * {@link hudson.security.ACL#SYSTEM2} among the system credentials, as the connections' credentials are.
     *
     * @throws IllegalArgumentException naming the ID when it does not exist or is not secret text
     */
    @CheckForNull
    public String secret(@NonNull JenkinsFacade jenkins) {
        return NotificationsValidation.secretOf(jenkins, credentialsId);
    }

    @Extension
    @Symbol("notifications")
    public static final class DescriptorImpl extends Descriptor<NotificationsSection> {
        private final transient JenkinsFacade jenkins = new JenkinsFacade();

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.NotificationsSection_DisplayName();
        }

        /** Reads the section from the submitted form; see {@link NotificationsValidation#fromForm}. */
        static NotificationsSection fromForm(@CheckForNull JSONObject form, NotificationsSection current)
                throws FormException {
            return NotificationsValidation.fromForm(form, current);
        }

        @POST
        public FormValidation doCheckWebhookUrl(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return NotificationsValidation.checkWebhookUrl(value);
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return NotificationsValidation.checkCredentialsId(jenkins, value);
        }

        @POST
        public FormValidation doCheckMail(@QueryParameter boolean value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return NotificationsValidation.checkMail(jenkins, value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return NotificationsValidation.credentialsIdItems(jenkins, credentialsId);
        }

        @POST
        public ListBoxModel doFillTemplateItems() {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return NotificationsValidation.templateItems();
        }

        @POST
        public ListBoxModel doFillLanguageItems() {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return NotificationsValidation.languageItems();
        }

        /** The "send test" button; see {@link NotificationsValidation#testWebhook}. */
        @POST
        public FormValidation doTestWebhook(@QueryParameter String webhookUrl, @QueryParameter String credentialsId,
                @QueryParameter String template, @QueryParameter String language) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return NotificationsValidation.testWebhook(jenkins, webhookUrl, credentialsId, template, language);
        }
    }
}
