package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The global configuration through Configuration as Code: applied from YAML, exported back to YAML. */
public class ReleasePlaybookConfigurationCascITest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void appliesEveryField() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThat(config.getPrometheusUrl()).isEqualTo("https://prometheus.example.com:9090");
        assertThat(config.getPrometheusCredentialsId()).isEqualTo("prometheus-token");
        assertThat(config.getAlertmanagerEndpoints()).containsExactly(
                URI.create("https://alertmanager-0.example.com:9093"),
                URI.create("https://alertmanager-1.example.com:9093"));
        assertThat(config.getAlertmanagerCredentialsId()).isEqualTo("alertmanager-basic");
        assertThat(config.getRequestTimeoutSeconds()).isEqualTo(20);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void exportsWhatWasApplied() throws Exception {
        CNode exported = exportedNode();
        Mapping mapping = exported.asMapping();

        assertThat(mapping.get("prometheusUrl").asScalar().getValue()).isEqualTo("https://prometheus.example.com:9090");
        assertThat(mapping.get("prometheusCredentialsId").asScalar().getValue()).isEqualTo("prometheus-token");
        assertThat(mapping.get("alertmanagerUrls").asScalar().getValue())
                .isEqualTo("https://alertmanager-0.example.com:9093\nhttps://alertmanager-1.example.com:9093");
        assertThat(mapping.get("alertmanagerCredentialsId").asScalar().getValue()).isEqualTo("alertmanager-basic");
        assertThat(mapping.get("requestTimeoutSeconds").asScalar().getValue()).isEqualTo("20");
    }

    /** Export, forget, re-apply the export: the configuration must come back unchanged. */
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void exportedYamlAppliesBackToTheSameConfiguration() throws Exception {
        String exported = Util.toYamlString(exportedNode());
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.setPrometheusUrl(null);
        config.setPrometheusCredentialsId(null);
        config.setAlertmanagerUrls(null);
        config.setAlertmanagerCredentialsId(null);
        config.setRequestTimeoutSeconds(ReleasePlaybookConfiguration.DEFAULT_TIMEOUT_SECONDS);

        Path yaml = temporary.newFile("exported.yml").toPath();
        String indented = exported.lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
        Files.writeString(yaml, "unclassified:\n  releasePlaybook:\n" + indented + "\n", StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(List.of(yaml.toString()));

        assertThat(config.getPrometheusUrl()).isEqualTo("https://prometheus.example.com:9090");
        assertThat(config.getPrometheusCredentialsId()).isEqualTo("prometheus-token");
        assertThat(config.getAlertmanagerEndpoints()).hasSize(2);
        assertThat(config.getAlertmanagerCredentialsId()).isEqualTo("alertmanager-basic");
        assertThat(config.getRequestTimeoutSeconds()).isEqualTo(20);
    }

    private static CNode exportedNode() throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("releasePlaybook");
        assertThat(node).as("releasePlaybook under unclassified").isNotNull();
        return node;
    }
}
