package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.alerting.MatchType;
import io.jenkins.plugins.releaseplaybook.engine.alerting.Matcher;
import io.jenkins.plugins.releaseplaybook.engine.alerting.ProtectedSet;
import io.jenkins.plugins.releaseplaybook.engine.alerting.SilencePolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckCatalogue;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckDefinition;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.recipes.LocalData;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The configuration as versions before the sections saved it (flat fields in the root's XML, catalogue numbers as
 * {@code Double}, entries without {@code noData} or {@code unit}) still loads, into the sections.
 */
public class ReleasePlaybookConfigurationLegacyITest {
    private static final String FILE = ReleasePlaybookConfiguration.class.getName() + ".xml";

    @Rule
    public JenkinsRule r = new JenkinsRule();

    /** The file is in JENKINS_HOME when Jenkins starts: the constructor's {@code load()} migrates it. */
    @Test
    @LocalData
    public void flatLayoutOfTodayStillLoads() {
        assertMigrated(ReleasePlaybookConfiguration.get());
    }

    /** The same file written over a running configuration and loaded again ("Reload Configuration from Disk"). */
    @Test
    public void flatLayoutLoadsOnReloadToo() throws Exception {
        Path home = r.jenkins.getRootDir().toPath();
        try (InputStream legacy = getClass().getResourceAsStream(
                getClass().getSimpleName() + "/flatLayoutOfTodayStillLoads/" + FILE)) {
            assertThat(legacy).as("the legacy file in the test resources").isNotNull();
            Files.copy(legacy, home.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.load();

        assertMigrated(config);
    }

    /** Saved again, the file has the sections and none of the flat fields; loading it gives the same settings. */
    @Test
    @LocalData("flatLayoutOfTodayStillLoads")
    public void savingWritesTheSectionsOnly() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.save();

        Path file = r.jenkins.getRootDir().toPath().resolve(FILE);
        assertThat(topLevelElements(file)).containsExactly("connections", "verification", "silences", "access");
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .contains("<limit>0.02</limit>", "<limit>100</limit>", "<maxChangePercent>30</maxChangePercent>");
        config.load();
        assertMigrated(config);
    }

    private static List<String> topLevelElements(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        List<String> names = new ArrayList<>();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                names.add(element.getTagName());
            }
        }
        return names;
    }

    private static void assertMigrated(ReleasePlaybookConfiguration config) {
        ConnectionsSection connections = config.getConnections();
        assertThat(connections.getPrometheusUrl()).isEqualTo("https://prometheus.example.com:9090");
        assertThat(config.getPrometheusEndpoint()).isEqualTo(URI.create("https://prometheus.example.com:9090"));
        assertThat(config.getPrometheusCredentialsId()).isEqualTo("prometheus-token");
        assertThat(config.getAlertmanagerEndpoints()).containsExactly(
                URI.create("https://alertmanager-0.example.com:9093"),
                URI.create("https://alertmanager-1.example.com:9093"));
        assertThat(config.getAlertmanagerCredentialsId()).isEqualTo("alertmanager-basic");
        assertThat(config.getRequestTimeout()).isEqualTo(Duration.ofSeconds(20));

        assertThat(config.getDefaultDuration()).isEqualTo("5m");
        assertThat(config.getDefaultInterval()).isEqualTo("15s");
        assertThat(config.getVerification().getDefaultChecks()).containsExactly("error_ratio", "queue_depth");
        assertThat(config.isAllowLoosening()).isTrue();
        assertThat(config.getErrorPolicy()).isEqualTo(ErrorPolicy.INCONCLUSIVE);
        assertThat(config.getMaxErrors()).isEqualTo(5);
        List<CatalogueCheck> entries = config.getVerification().getCheckCatalogue();
        assertThat(entries).extracting(CatalogueCheck::getName).containsExactly("error_ratio", "queue_depth");
        CatalogueCheck withoutNewerFields = entries.get(0);
        assertThat(withoutNewerFields.getNoData()).isEqualTo(NoDataPolicy.INCONCLUSIVE);
        assertThat(withoutNewerFields.getUnit()).isEmpty();
        assertThat(withoutNewerFields.getLimit()).isEqualTo("0.02");
        assertThat(entries.get(1).getLimit()).isEqualTo("100");
        assertThat(entries.get(1).getMaxChangePercent()).isEqualTo("30");
        CheckCatalogue catalogue = config.catalogue();
        assertThat(catalogue.get("error_ratio").limit()).isEqualTo(0.02);
        assertThat(catalogue.get("error_ratio").critical()).isTrue();
        assertThat(catalogue.get("queue_depth")).isEqualTo(CheckDefinition.builder("queue_depth")
                .description("queue depth").query("max(queue_depth{{selector}})").higherIsWorse().limit(100.0)
                .maxChangePercent(30.0).failAfter(3).noData(NoDataPolicy.FAIL).unit("jobs").build());

        assertThat(config.silencePolicy()).isEqualTo(new SilencePolicy(Duration.ofHours(2), Duration.ofMinutes(45),
                List.of("service", "env"), List.of(new ProtectedSet(List.of(new Matcher("severity", MatchType.EQUAL, "critical"))),
                        new ProtectedSet(List.of(new Matcher("team", MatchType.EQUAL, "payments"),
                                new Matcher("alertname", MatchType.REGEX, "Fraud.*")))), 4));

        assertThat(config.getAccess().refusalToCreateSilences("any/job")).isNull();
        assertThat(config.getAccess().refusalToRunCustomQueries("any/job")).isNull();
    }
}
