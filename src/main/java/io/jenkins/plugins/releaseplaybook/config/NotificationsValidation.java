package io.jenkins.plugins.releaseplaybook.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.notification.Delivery;
import io.jenkins.plugins.releaseplaybook.engine.notification.PayloadTemplate;
import io.jenkins.plugins.releaseplaybook.engine.notification.WebhookRequests;
import io.jenkins.plugins.releaseplaybook.engine.notification.WebhookSender;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The rules, choices and "send test" of {@link NotificationsSection}'s fields, shared by its setters (JCasC), its
 * form reading and its descriptor's web methods. The web methods keep their {@code @POST} and permission check and
 * delegate here.
 */
final class NotificationsValidation {
    /** The languages the texts exist in; the value is a language tag. */
    static final List<String> LANGUAGES = List.of("en", "zh-CN");

    private NotificationsValidation() {}

    /**
     * The secret text of a secret text credential among the system credentials (looked up as {@link ACL#SYSTEM2}),
     * {@code null} when the ID is blank.
     *
     * @throws IllegalArgumentException naming the ID when it does not exist or is not secret text
     */
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

    /** The known tag in its usual spelling ({@code zh_cn} is {@code zh-CN}); an unknown tag as given. */
    static String canonical(String tag) {
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

    /** Reads the section from the submitted form, every field checked first; nothing is half-applied. */
    static NotificationsSection fromForm(@CheckForNull JSONObject form, NotificationsSection current)
            throws FormException {
        if (form == null) {
            return current;
        }
        String url = form.optString("webhookUrl", current.getWebhookUrl());
        ConfigurationValidation.reject(urlProblem(url), "webhookUrl");
        String template = form.optString("template", current.getTemplate());
        ConfigurationValidation.reject(templateProblem(template), "template");
        String language = form.optString("language", current.getLanguage());
        ConfigurationValidation.reject(languageProblem(Util.fixEmptyAndTrim(language)), "language");

        NotificationsSection section = new NotificationsSection();
        section.setWebhookUrl(url);
        section.setCredentialsId(form.optString("credentialsId", current.getCredentialsId()));
        section.setTemplate(template);
        section.setLanguage(language);
        section.setGateFailures(form.optBoolean("gateFailures", current.isGateFailures()));
        section.setRollbacks(form.optBoolean("rollbacks", current.isRollbacks()));
        section.setDrills(form.optBoolean("drills", current.isDrills()));
        section.setMail(form.optBoolean("mail", current.isMail()));
        return section;
    }

    // ---- what the descriptor's web methods answer -----------------------------------------------------------

    static FormValidation checkWebhookUrl(String value) {
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

    static FormValidation checkCredentialsId(JenkinsFacade jenkins, String value) {
        try {
            secretOf(jenkins, value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation checkMail(JenkinsFacade jenkins, boolean value) {
        return value && !jenkins.isPluginActive("mailer")
                ? FormValidation.warning(Messages.NotificationsSection_NoMailer()) : FormValidation.ok();
    }

    static ListBoxModel credentialsIdItems(JenkinsFacade jenkins, String credentialsId) {
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, jenkins.getRootItemGroup(), StringCredentials.class, List.of(),
                        CredentialsMatchers.instanceOf(StringCredentials.class))
                .includeCurrentValue(Util.fixNull(credentialsId));
    }

    static ListBoxModel templateItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.NotificationsSection_TemplateGeneric(), PayloadTemplate.GENERIC.id());
        items.add(Messages.NotificationsSection_TemplateDingTalk(), PayloadTemplate.DINGTALK.id());
        items.add(Messages.NotificationsSection_TemplateWeCom(), PayloadTemplate.WECOM.id());
        items.add(Messages.NotificationsSection_TemplateFeishu(), PayloadTemplate.FEISHU.id());
        items.add(Messages.NotificationsSection_TemplateSlack(), PayloadTemplate.SLACK.id());
        return items;
    }

    static ListBoxModel languageItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.NotificationsSection_LanguageEnglish(), "en");
        items.add(Messages.NotificationsSection_LanguageChinese(), "zh-CN");
        return items;
    }

    /**
     * Sends one test message with the given values (saved or not), now, once, with the usual short timeout; says what
     * the receiver answered. Never shows the URL's path or query, or the secret.
     */
    static FormValidation testWebhook(JenkinsFacade jenkins, String webhookUrl, String credentialsId,
            String template, String language) {
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
