package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.model.Sequence;
import io.jenkins.plugins.releaseplaybook.engine.alerting.MatchType;
import io.jenkins.plugins.releaseplaybook.engine.alerting.Matcher;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ProtectedSet;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilencePolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckCatalogue;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckDefinition;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The global configuration through Configuration as Code: one key per section, thresholds as quoted text, applied
 * from YAML and exported back to YAML that applies to the same configuration.
 */
public class ReleasePlaybookConfigurationCascITest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void appliesEveryField() {
        assertEverySetting(ReleasePlaybookConfiguration.get());
    }

    private static void assertEverySetting(ReleasePlaybookConfiguration config) {
        ConnectionsSection connections = config.getConnections();
        assertThat(connections.getPrometheusUrl()).isEqualTo("https://prometheus.example.com:9090");
        assertThat(connections.getPrometheusCredentialsId()).isEqualTo("prometheus-token");
        assertThat(config.getAlertmanagerEndpoints()).containsExactly(
                URI.create("https://alertmanager-0.example.com:9093"),
                URI.create("https://alertmanager-1.example.com:9093"));
        assertThat(connections.getAlertmanagerCredentialsId()).isEqualTo("alertmanager-basic");
        assertThat(connections.getRequestTimeoutSeconds()).isEqualTo(20);
        assertVerificationSettings(config);
        assertSilenceSettings(config);
        AccessSection access = config.getAccess();
        assertThat(access.getSilenceJobs()).isEqualTo("team-a/**\nreleases/*-prod");
        assertThat(access.getCustomQueryJobs()).isEqualTo("team-a/**");
        assertThat(access.refusalToCreateSilences("releases/checkout-prod")).isNull();
        assertThat(access.refusalToCreateSilences("team-b/checkout")).contains("team-b/checkout");
        assertThat(access.refusalToRunCustomQueries("releases/checkout-prod")).isNotNull();
    }

    private static void assertSilenceSettings(ReleasePlaybookConfiguration config) {
        SilencesSection silences = config.getSilences();
        assertThat(silences.getMaxDuration()).isEqualTo("2h");
        assertThat(silences.getDefaultDuration()).isEqualTo("45m");
        assertThat(silences.getRequiredLabels()).containsExactly("service", "env");
        assertThat(silences.getProtectedSets())
                .isEqualTo("{severity=\"critical\"}\n{team=\"payments\", alertname=~\"Fraud.*\"}");
        assertThat(silences.getMaxSilencesPerBuild()).isEqualTo(4);
        assertThat(config.silencePolicy()).isEqualTo(new SilencePolicy(Duration.ofHours(2), Duration.ofMinutes(45),
                List.of("service", "env"), List.of(new ProtectedSet(List.of(new Matcher("severity", MatchType.EQUAL, "critical"))),
                        new ProtectedSet(List.of(new Matcher("team", MatchType.EQUAL, "payments"),
                                new Matcher("alertname", MatchType.REGEX, "Fraud.*")))), 4));
    }

    private static void assertVerificationSettings(ReleasePlaybookConfiguration config) {
        assertThat(config.getDefaultDuration()).isEqualTo("5m");
        assertThat(config.getDefaultInterval()).isEqualTo("15s");
        assertThat(config.getVerification().getDefaultChecks()).containsExactly("error_ratio", "queue_depth", "latency_p99");
        assertThat(config.isAllowLoosening()).isTrue();
        assertThat(config.getErrorPolicy()).isEqualTo(ErrorPolicy.INCONCLUSIVE);
        assertThat(config.getMaxErrors()).isEqualTo(5);
        CheckCatalogue catalogue = config.catalogue();
        assertThat(catalogue.definitions()).extracting(CheckDefinition::name)
                .containsExactly("error_ratio", "queue_depth", "latency_p99");
        CheckDefinition errors = catalogue.get("error_ratio");
        assertThat(errors.query()).isEqualTo("sum(rate(http_requests_total{code=~\"5..\",{selector}}[2m]))"
                + " / sum(rate(http_requests_total{{selector}}[2m]))");
        assertThat(errors.limit()).as("the decimal JCasC used to drop").isEqualTo(0.02);
        assertThat(errors.critical()).isTrue();
        assertThat(catalogue.get("queue_depth")).isEqualTo(CheckDefinition.builder("queue_depth")
                .description("queue depth").query("max(queue_depth{{selector}})").higherIsWorse().limit(100.0)
                .maxChangePercent(30.0).failAfter(3).noData(NoDataPolicy.FAIL).unit("jobs").build());
        CheckDefinition latency = catalogue.get("latency_p99");
        assertThat(latency.limit()).as("1.5s in seconds").isEqualTo(1.5);
        assertThat(latency.maxChangePercent()).isEqualTo(50.0);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void exportsWhatWasAppliedWithQuotedThresholds() throws Exception {
        Mapping root = exportedNode().asMapping();

        Mapping connections = root.get("connections").asMapping();
        assertThat(scalar(connections, "prometheusUrl")).isEqualTo("https://prometheus.example.com:9090");
        assertThat(scalar(connections, "prometheusCredentialsId")).isEqualTo("prometheus-token");
        assertThat(scalar(connections, "alertmanagerUrls"))
                .isEqualTo("https://alertmanager-0.example.com:9093\nhttps://alertmanager-1.example.com:9093");
        assertThat(scalar(connections, "alertmanagerCredentialsId")).isEqualTo("alertmanager-basic");
        assertThat(scalar(connections, "requestTimeoutSeconds")).isEqualTo("20");

        Mapping verification = root.get("verification").asMapping();
        assertThat(scalar(verification, "defaultDuration")).isEqualTo("5m");
        assertThat(scalar(verification, "defaultInterval")).isEqualTo("15s");
        assertThat(scalars(verification.get("defaultChecks").asSequence()))
                .containsExactly("error_ratio", "queue_depth", "latency_p99");
        assertThat(scalar(verification, "allowLoosening")).isEqualTo("true");
        assertThat(scalar(verification, "errorPolicy")).isEqualTo("INCONCLUSIVE");
        assertThat(scalar(verification, "maxErrors")).isEqualTo("5");
        Sequence catalogue = verification.get("checkCatalogue").asSequence();
        assertThat(catalogue).hasSize(3);
        Mapping queueDepth = catalogue.get(1).asMapping();
        assertThat(scalar(queueDepth, "name")).isEqualTo("queue_depth");
        assertThat(scalar(queueDepth, "query")).isEqualTo("max(queue_depth{{selector}})");
        assertThat(scalar(queueDepth, "direction")).isEqualTo("HIGHER_IS_WORSE");
        assertThat(scalar(queueDepth, "limit")).isEqualTo("100");
        assertThat(scalar(queueDepth, "maxChangePercent")).isEqualTo("30");
        assertThat(scalar(queueDepth, "noData")).isEqualTo("FAIL");
        assertThat(scalar(catalogue.get(2).asMapping(), "limit")).isEqualTo("1.5s");

        Mapping silences = root.get("silences").asMapping();
        assertThat(scalar(silences, "maxDuration")).isEqualTo("2h");
        assertThat(scalar(silences, "defaultDuration")).isEqualTo("45m");
        assertThat(scalars(silences.get("requiredLabels").asSequence())).containsExactly("service", "env");
        assertThat(scalar(silences, "protectedSets"))
                .isEqualTo("{severity=\"critical\"}\n{team=\"payments\", alertname=~\"Fraud.*\"}");
        assertThat(scalar(silences, "maxSilencesPerBuild")).isEqualTo("4");

        Mapping access = root.get("access").asMapping();
        assertThat(scalar(access, "silenceJobs")).isEqualTo("team-a/**\nreleases/*-prod");
        assertThat(scalar(access, "customQueryJobs")).isEqualTo("team-a/**");

        // Thresholds are text, so the YAML quotes them and a reader gets the same text (and decimals) back.
        String yaml = Util.toYamlString(root);
        assertThat(yaml).contains("limit: \"0.02\"", "limit: \"100\"", "limit: \"1.5s\"", "maxChangePercent: \"50\"");
    }

    /** Until an administrator changes it, the built-in catalogue is exported, so that it can be edited as YAML. */
    @Test
    public void exportsTheBuiltInCatalogueByDefault() throws Exception {
        Sequence catalogue = exportedNode().asMapping().get("verification").asMapping().get("checkCatalogue").asSequence();

        List<CheckDefinition> builtIn = CheckCatalogue.builtIn().definitions();
        assertThat(catalogue).hasSize(builtIn.size());
        for (int i = 0; i < builtIn.size(); i++) {
            Mapping entry = catalogue.get(i).asMapping();
            assertThat(scalar(entry, "name")).isEqualTo(builtIn.get(i).name());
            if (builtIn.get(i).limit() != null) {
                assertThat(Double.parseDouble(scalar(entry, "limit"))).as(builtIn.get(i).name())
                        .isEqualTo(builtIn.get(i).limit());
            }
        }
    }

    /** Export, forget, re-apply the export: the configuration must come back unchanged. */
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void exportedYamlAppliesBackToTheSameConfiguration() throws Exception {
        String exported = Util.toYamlString(exportedNode());
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.setConnections(null);
        config.setVerification(null);
        config.setSilences(null);
        config.setAccess(null);
        assertThat(config.getConnections().getPrometheusUrl()).isNull();

        Path yaml = temporary.newFile("exported.yml").toPath();
        String indented = exported.lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
        Files.writeString(yaml, "unclassified:\n  releasePlaybook:\n" + indented + "\n", StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(List.of(yaml.toString()));

        assertEverySetting(config);
    }

    /** The latency_p99 example of docs/configuration.md keeps its limit (JCasC used to drop the decimal silently). */
    @Test
    public void theDocumentedExampleKeepsItsLimit() throws Exception {
        Path docs = Paths.get("docs", "configuration.md");
        assertThat(docs).as("run from the repository root").exists();
        String markdown = Files.readString(docs, StandardCharsets.UTF_8);
        String marker = "```yaml\n";
        int anchor = markdown.indexOf("<!-- jcasc-example");
        assertThat(anchor).as("the marked example in docs/configuration.md").isNotNegative();
        int start = markdown.indexOf(marker, anchor);
        String example = markdown.substring(start + marker.length(), markdown.indexOf("```", start + marker.length()));
        Path yaml = temporary.newFile("docs-example.yml").toPath();
        Files.writeString(yaml, example, StandardCharsets.UTF_8);

        ConfigurationAsCode.get().configure(List.of(yaml.toString()));

        CheckDefinition latency = ReleasePlaybookConfiguration.get().catalogue().get("latency_p99");
        assertThat(latency.limit()).isEqualTo(1.0);
        assertThat(latency.maxChangePercent()).isEqualTo(50.0);
        // The presence query and the deployed-version fields bind like every other field of an entry.
        assertThat(ReleasePlaybookConfiguration.get().catalogue().get("error_ratio").presenceQuery())
                .isEqualTo("count(http_requests_total{{selector}})");
        CheckDefinition version = ReleasePlaybookConfiguration.get().catalogue().get("deployed_version");
        assertThat(version.isVersionCheck()).isTrue();
        assertThat(version.versionMetric()).isEqualTo("app_build_info");
        assertThat(version.versionLabel()).isEqualTo("app_version");
        assertThat(version.render("service=\"checkout\"")).isEqualTo("app_build_info{service=\"checkout\"}");
    }

    /** A limit that cannot be read refuses the whole file, naming the check; the entry is never applied without it. */
    @Test
    public void anUnreadableLimitIsRefusedNamingTheCheck() throws Exception {
        URL bad = getClass().getResource("configuration-as-code-bad-limit.yml");
        assertThat(bad).isNotNull();

        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(List.of(Paths.get(bad.toURI()).toString())))
                .hasStackTraceContaining("queue_depth")
                .hasStackTraceContaining("100 jobs");
        assertThat(ReleasePlaybookConfiguration.get().catalogue().definitions())
                .isEqualTo(CheckCatalogue.builtIn().definitions());
    }

    private static String scalar(Mapping mapping, String key) throws Exception {
        CNode node = mapping.get(key);
        assertThat(node).as(key).isNotNull();
        return node.asScalar().getValue();
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
