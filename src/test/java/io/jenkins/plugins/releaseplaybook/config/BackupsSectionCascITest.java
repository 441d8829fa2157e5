package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.Rule;
import org.junit.Test;

/** {@code unclassified: releasePlaybook: backups:} in Configuration as Code, applied and exported. */
public class BackupsSectionCascITest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code-backups.yml")
    public void appliesTheBackupsSection() {
        BackupsSection backups = ReleasePlaybookConfiguration.get().getBackups();

        assertThat(backups.getDefaultDestination()).isEqualTo("/var/lib/release-backups");
        assertThat(backups.getDefaultCompression()).isEqualTo("gzip");
        assertThat(backups.getDefaultKeep()).isEqualTo(3);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code-backups.yml")
    public void exportsTheBackupsSection() throws Exception {
        ConfiguratorRegistry registry = ConfiguratorRegistry.get();
        ConfigurationContext context = new ConfigurationContext(registry);
        CNode releasePlaybook = Util.getUnclassifiedRoot(context).get("releasePlaybook");

        String exported = Util.toYamlString(releasePlaybook.asMapping().get("backups"));

        assertThat(exported).contains("defaultDestination: \"/var/lib/release-backups\"")
                .contains("defaultCompression: \"gzip\"").contains("defaultKeep: 3");
    }
}
