package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.releaseplaybook.engine.distribution.HostKeyPolicy;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/** {@code unclassified: releasePlaybook: distribution:} in Configuration as Code, applied and exported. */
public class DistributionSectionCascITest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code-distribution.yml")
    public void appliesTheDistributionSection() {
        DistributionSection distribution = ReleasePlaybookConfiguration.get().getDistribution();

        assertThat(distribution.getKnownHosts()).contains("web-1,10.0.0.7 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5");
        assertThat(distribution.hostKeyPolicy()).isEqualTo(HostKeyPolicy.TRUST_ON_FIRST_USE);
        assertThat(distribution.getHostKeyPolicy()).isEqualTo("TRUST_ON_FIRST_USE");
        assertThat(distribution.getDefaultParallelism()).isEqualTo(16);
        assertThat(distribution.getDefaultRetries()).isEqualTo(1);
        assertThat(distribution.defaultTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code-distribution.yml")
    public void exportsTheDistributionSection() throws Exception {
        ConfiguratorRegistry registry = ConfiguratorRegistry.get();
        ConfigurationContext context = new ConfigurationContext(registry);
        CNode releasePlaybook = Util.getUnclassifiedRoot(context).get("releasePlaybook");

        String exported = Util.toYamlString(releasePlaybook.asMapping().get("distribution"));

        assertThat(exported).contains("hostKeyPolicy: \"TRUST_ON_FIRST_USE\"").contains("defaultParallelism: 16")
                .contains("defaultRetries: 1").contains("defaultTimeout: \"10m\"").contains("ssh-ed25519");
    }
}
