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
import io.jenkins.plugins.casc.model.Sequence;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ProtectedSet;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilencePolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckCatalogue;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckDefinition;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        assertVerificationSettings(config);
        assertSilenceSettings(config);
    }

    private static void assertSilenceSettings(ReleasePlaybookConfiguration config) {
        assertThat(config.getSilenceMaxDuration()).isEqualTo("2h");
        assertThat(config.getSilenceDefaultDuration()).isEqualTo("45m");
        assertThat(config.getSilenceRequiredLabels()).containsExactly("service", "env");
        assertThat(config.getSilenceProtectedSets())
                .isEqualTo("{severity=\"critical\"}\n{team=\"payments\", alertname=~\"Fraud.*\"}");
        assertThat(config.getMaxSilencesPerBuild()).isEqualTo(4);
        assertThat(config.silencePolicy()).isEqualTo(new SilencePolicy(Duration.ofHours(2), Duration.ofMinutes(45),
                List.of("service", "env"), List.of(ProtectedSet.parse("severity=\"critical\""),
                        ProtectedSet.parse("team=\"payments\", alertname=~\"Fraud.*\"")), 4));
    }

    private static void assertVerificationSettings(ReleasePlaybookConfiguration config) {
        assertThat(config.getDefaultDuration()).isEqualTo("5m");
        assertThat(config.getDefaultInterval()).isEqualTo("15s");
        assertThat(config.getDefaultChecks()).containsExactly("error_ratio", "queue_depth");
        assertThat(config.isAllowLoosening()).isTrue();
        assertThat(config.getErrorPolicy()).isEqualTo(ErrorPolicy.INCONCLUSIVE);
        assertThat(config.getMaxErrors()).isEqualTo(5);
        CheckCatalogue catalogue = config.catalogue();
        assertThat(catalogue.definitions()).extracting(CheckDefinition::name).containsExactly("error_ratio", "queue_depth");
        CheckDefinition errors = catalogue.get("error_ratio");
        assertThat(errors.query()).isEqualTo("sum(rate(http_requests_total{code=~\"5..\",{selector}}[2m]))"
                + " / sum(rate(http_requests_total{{selector}}[2m]))");
        assertThat(errors.limit()).isEqualTo(0.02);
        assertThat(errors.critical()).isTrue();
        assertThat(catalogue.get("queue_depth")).isEqualTo(new CheckDefinition("queue_depth", "queue depth",
                "max(queue_depth{{selector}})", Direction.HIGHER_IS_WORSE, 100.0, 30.0, 3, false, NoDataPolicy.FAIL, "jobs"));
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
        assertThat(mapping.get("defaultDuration").asScalar().getValue()).isEqualTo("5m");
        assertThat(mapping.get("defaultInterval").asScalar().getValue()).isEqualTo("15s");
        assertThat(scalars(mapping.get("defaultChecks").asSequence())).containsExactly("error_ratio", "queue_depth");
        assertThat(mapping.get("allowLoosening").asScalar().getValue()).isEqualTo("true");
        assertThat(mapping.get("errorPolicy").asScalar().getValue()).isEqualTo("INCONCLUSIVE");
        assertThat(mapping.get("maxErrors").asScalar().getValue()).isEqualTo("5");
        Sequence catalogue = mapping.get("checkCatalogue").asSequence();
        assertThat(catalogue).hasSize(2);
        Mapping queueDepth = catalogue.get(1).asMapping();
        assertThat(queueDepth.get("name").asScalar().getValue()).isEqualTo("queue_depth");
        assertThat(queueDepth.get("query").asScalar().getValue()).isEqualTo("max(queue_depth{{selector}})");
        assertThat(queueDepth.get("direction").asScalar().getValue()).isEqualTo("HIGHER_IS_WORSE");
        assertThat(Double.parseDouble(queueDepth.get("limit").asScalar().getValue())).isEqualTo(100.0);
        assertThat(queueDepth.get("noData").asScalar().getValue()).isEqualTo("FAIL");
        assertThat(mapping.get("silenceMaxDuration").asScalar().getValue()).isEqualTo("2h");
        assertThat(mapping.get("silenceDefaultDuration").asScalar().getValue()).isEqualTo("45m");
        assertThat(scalars(mapping.get("silenceRequiredLabels").asSequence())).containsExactly("service", "env");
        assertThat(mapping.get("silenceProtectedSets").asScalar().getValue())
                .isEqualTo("{severity=\"critical\"}\n{team=\"payments\", alertname=~\"Fraud.*\"}");
        assertThat(mapping.get("maxSilencesPerBuild").asScalar().getValue()).isEqualTo("4");
    }

    /** Until an administrator changes it, the engine's default silence policy is exported, so that it can be edited. */
    @Test
    public void exportsTheDefaultSilencePolicy() throws Exception {
        Mapping mapping = exportedNode().asMapping();

        assertThat(mapping.get("silenceMaxDuration").asScalar().getValue()).isEqualTo("1h");
        assertThat(mapping.get("silenceDefaultDuration").asScalar().getValue()).isEqualTo("30m");
        assertThat(scalars(mapping.get("silenceRequiredLabels").asSequence())).containsExactly("service");
        assertThat(mapping.get("silenceProtectedSets").asScalar().getValue()).isEqualTo("{severity=\"critical\"}");
        assertThat(mapping.get("maxSilencesPerBuild").asScalar().getValue()).isEqualTo("10");
    }

    /** Until an administrator changes it, the built-in catalogue is exported, so that it can be edited as YAML. */
    @Test
    public void exportsTheBuiltInCatalogueByDefault() throws Exception {
        Sequence catalogue = exportedNode().asMapping().get("checkCatalogue").asSequence();

        assertThat(catalogue).hasSize(CheckCatalogue.builtIn().definitions().size());
        assertThat(catalogue.get(0).asMapping().get("name").asScalar().getValue())
                .isEqualTo(CheckCatalogue.builtIn().definitions().get(0).name());
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
        config.setDefaultDuration(null);
        config.setDefaultInterval(null);
        config.setDefaultChecks(null);
        config.setAllowLoosening(false);
        config.setErrorPolicy(null);
        config.setMaxErrors(ReleasePlaybookConfiguration.DEFAULT_MAX_ERRORS);
        config.setCheckCatalogue(null);
        config.setSilenceMaxDuration(null);
        config.setSilenceDefaultDuration(null);
        config.setSilenceRequiredLabels(null);
        config.setSilenceProtectedSets(null);
        config.setMaxSilencesPerBuild(ReleasePlaybookConfiguration.DEFAULT_MAX_SILENCES_PER_BUILD);

        Path yaml = temporary.newFile("exported.yml").toPath();
        String indented = exported.lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
        Files.writeString(yaml, "unclassified:\n  releasePlaybook:\n" + indented + "\n", StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(List.of(yaml.toString()));

        assertThat(config.getPrometheusUrl()).isEqualTo("https://prometheus.example.com:9090");
        assertThat(config.getPrometheusCredentialsId()).isEqualTo("prometheus-token");
        assertThat(config.getAlertmanagerEndpoints()).hasSize(2);
        assertThat(config.getAlertmanagerCredentialsId()).isEqualTo("alertmanager-basic");
        assertThat(config.getRequestTimeoutSeconds()).isEqualTo(20);
        assertVerificationSettings(config);
        assertSilenceSettings(config);
    }

    private static List<String> scalars(Sequence sequence) throws Exception {
        List<String> values = new ArrayList<>();
        for (CNode node : sequence) {
            values.add(node.asScalar().getValue());
        }
        return values;
    }

    private static CNode exportedNode() throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("releasePlaybook");
        assertThat(node).as("releasePlaybook under unclassified").isNotNull();
        return node;
    }
}
