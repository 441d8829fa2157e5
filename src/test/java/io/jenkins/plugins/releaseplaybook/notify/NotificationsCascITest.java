package io.jenkins.plugins.releaseplaybook.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.releaseplaybook.config.NotificationsSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.notification.EventKind;
import io.jenkins.plugins.releaseplaybook.engine.notification.PayloadTemplate;
import java.util.Locale;
import org.junit.Rule;
import org.junit.Test;

/** {@code unclassified: releasePlaybook: notifications:} in Configuration as Code, applied and exported. */
public class NotificationsCascITest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code-notifications.yml")
    public void appliesTheNotificationsSection() {
        NotificationsSection notifications = ReleasePlaybookConfiguration.get().getNotifications();

        assertThat(notifications.getWebhookUrl()).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc");
        assertThat(notifications.getCredentialsId()).isEqualTo("dingtalk-sign");
        assertThat(notifications.payloadTemplate()).isEqualTo(PayloadTemplate.DINGTALK);
        assertThat(notifications.locale()).isEqualTo(Locale.forLanguageTag("zh-CN"));
        assertThat(notifications.isMail()).isTrue();
        assertThat(notifications.topics()).containsExactlyInAnyOrder(EventKind.Topic.GATE, EventKind.Topic.ROLLBACK);
        assertThat(notifications.isEnabled()).isTrue();
    }

    @Test
    @ConfiguredWithCode("configuration-as-code-notifications.yml")
    public void exportsTheNotificationsSection() throws Exception {
        ConfiguratorRegistry registry = ConfiguratorRegistry.get();
        ConfigurationContext context = new ConfigurationContext(registry);
        CNode releasePlaybook = Util.getUnclassifiedRoot(context).get("releasePlaybook");

        String exported = Util.toYamlString(releasePlaybook.asMapping().get("notifications"));

        assertThat(exported).contains("webhookUrl: \"https://oapi.dingtalk.com/robot/send?access_token=abc\"")
                .contains("credentialsId: \"dingtalk-sign\"").contains("template: \"dingtalk\"")
                .contains("language: \"zh-CN\"").contains("mail: true").contains("drills: false");
    }
}
