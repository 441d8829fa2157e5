package io.jenkins.plugins.releaseplaybook.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.notification.Delivery;
import io.jenkins.plugins.releaseplaybook.engine.notification.EventKind;
import io.jenkins.plugins.releaseplaybook.engine.notification.PayloadTemplate;
import io.jenkins.plugins.releaseplaybook.engine.notification.WebhookRequests;
import io.jenkins.plugins.releaseplaybook.engine.notification.WebhookSender;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
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
    /** The languages the texts exist in; the value is a language tag. */
    static final List<String> LANGUAGES = List.of("en", "zh-CN");

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
        String problem = languageProblem(tag);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.language = tag == null ? "en" : canonical(tag);
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
     * {@link ACL#SYSTEM2} among the system credentials, as the connections' credentials are.
     *
     * @throws IllegalArgumentException naming the ID when it does not exist or is not secret text
     */
    @CheckForNull
    public String secret(@NonNull JenkinsFacade jenkins) {
        return secretOf(jenkins, credentialsId);
    }

    @CheckForNull
    static String secretOf(JenkinsFacade jenkins, @CheckForNull String credentialsId) {
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            return null;
        }
        StringCredentials credentials = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StringCredentials.class, jenkins.getRootItemGroup(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(id));
        if (credentials == null) {
            throw new IllegalArgumentException(Messages.NotificationsSection_CredentialsNotFound(id));
        }
        return credentials.getSecret().getPlainText();
    }

    @CheckForNull
    static String languageProblem(@CheckForNull String tag) {
        if (tag == null) {
            return null;
        }
        for (String known : LANGUAGES) {
            if (known.equalsIgnoreCase(tag.replace('_', '-'))) {
                return null;
            }
        }
        return Messages.NotificationsSection_LanguageUnknown(tag, String.join(", ", LANGUAGES));
    }

    private static String canonical(String tag) {
        for (String known : LANGUAGES) {
            if (known.equalsIgnoreCase(tag.replace('_', '-'))) {
                return known;
            }
        }
        return tag;
    }

    @CheckForNull
    static String urlProblem(@CheckForNull String text) {
        if (Util.fixEmptyAndTrim(text) == null) {
            return null;
        }
        try {
            WebhookRequests.parseUrl(text);
            return null;
        } catch (IllegalArgumentException e) {
            return EngineMessages.of(e);
        }
    }

    @CheckForNull
    static String templateProblem(@CheckForNull String text) {
        try {
            PayloadTemplate.of(text);
            return null;
        } catch (IllegalArgumentException e) {
            return EngineMessages.of(e);
        }
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

        /** Reads the section from the submitted form, every field checked first; nothing is half-applied. */
        static NotificationsSection fromForm(@CheckForNull JSONObject form, NotificationsSection current)
                throws FormException {
            if (form == null) {
                return current;
            }
            String url = form.optString("webhookUrl", current.webhookUrl);
            ConfigurationValidation.reject(urlProblem(url), "webhookUrl");
            String template = form.optString("template", current.template);
            ConfigurationValidation.reject(templateProblem(template), "template");
            String language = form.optString("language", current.language);
            ConfigurationValidation.reject(languageProblem(Util.fixEmptyAndTrim(language)), "language");

            NotificationsSection section = new NotificationsSection();
            section.setWebhookUrl(url);
            section.setCredentialsId(form.optString("credentialsId", current.credentialsId));
            section.setTemplate(template);
            section.setLanguage(language);
            section.setGateFailures(form.optBoolean("gateFailures", current.gateFailures));
            section.setRollbacks(form.optBoolean("rollbacks", current.rollbacks));
            section.setDrills(form.optBoolean("drills", current.drills));
            section.setMail(form.optBoolean("mail", current.mail));
            return section;
        }

        @POST
        public FormValidation doCheckWebhookUrl(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok(Messages.NotificationsSection_NoWebhook());
            }
            String problem = urlProblem(value);
            if (problem != null) {
                return FormValidation.error(problem);
            }
            return value.trim().startsWith("http://") ? FormValidation.warning(Messages.NotificationsSection_PlainHttp())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            try {
                secretOf(jenkins, value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckMail(@QueryParameter boolean value) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return value && !jenkins.isPluginActive("mailer")
                    ? FormValidation.warning(Messages.NotificationsSection_NoMailer()) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            return new StandardListBoxModel()
                    .includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, jenkins.getRootItemGroup(), StringCredentials.class, List.of(),
                            CredentialsMatchers.instanceOf(StringCredentials.class))
                    .includeCurrentValue(Util.fixNull(credentialsId));
        }

        @POST
        public ListBoxModel doFillTemplateItems() {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.NotificationsSection_TemplateGeneric(), PayloadTemplate.GENERIC.id());
            items.add(Messages.NotificationsSection_TemplateDingTalk(), PayloadTemplate.DINGTALK.id());
            items.add(Messages.NotificationsSection_TemplateWeCom(), PayloadTemplate.WECOM.id());
            items.add(Messages.NotificationsSection_TemplateFeishu(), PayloadTemplate.FEISHU.id());
            items.add(Messages.NotificationsSection_TemplateSlack(), PayloadTemplate.SLACK.id());
            return items;
        }

        @POST
        public ListBoxModel doFillLanguageItems() {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.NotificationsSection_LanguageEnglish(), "en");
            items.add(Messages.NotificationsSection_LanguageChinese(), "zh-CN");
            return items;
        }

        /**
         * The "send test" button: one test message with the values in the form (saved or not), sent now, once, with
         * the usual short timeout; says what the receiver answered. Never shows the URL's path or query, or the secret.
         */
        @POST
        public FormValidation doTestWebhook(@QueryParameter String webhookUrl, @QueryParameter String credentialsId,
                @QueryParameter String template, @QueryParameter String language) {
            jenkins.checkPermission(Jenkins.ADMINISTER);
            URI url;
            PayloadTemplate payload;
            String secret;
            try {
                if (Util.fixEmptyAndTrim(webhookUrl) == null) {
                    return FormValidation.error(Messages.NotificationsSection_NoWebhook());
                }
                url = WebhookRequests.parseUrl(webhookUrl);
                payload = PayloadTemplate.of(template);
                secret = secretOf(jenkins, credentialsId);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(EngineMessages.of(e));
            }
            String tag = Util.fixEmptyAndTrim(language);
            Locale locale = Locale.forLanguageTag(tag == null || languageProblem(tag) != null ? "en" : canonical(tag));
            WebhookSender.Settings settings = WebhookSender.Settings.DEFAULT;
            Delivery delivery;
            try (WebhookSender sender = new WebhookSender(HttpClients.get(settings.timeout()), settings,
                    d -> { }, d -> { })) {
                delivery = sender.sendNow(WebhookRequests.test(url, payload, locale, secret, Instant.now()));
            }
            return delivery.delivered()
                    ? FormValidation.ok(Messages.NotificationsSection_TestSent(delivery.target(), delivery.status()))
                    : FormValidation.error(Messages.NotificationsSection_TestFailed(delivery.target(),
                            delivery.reason() == null ? "" : delivery.reason().message(EngineMessages.locale())));
        }
    }
}
