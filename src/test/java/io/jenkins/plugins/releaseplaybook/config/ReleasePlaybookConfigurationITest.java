package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Descriptor;
import hudson.model.Descriptor.FormException;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.kohsuke.stapler.StaplerRequest2;

/** The global configuration in a running Jenkins: form round trip, validation, permissions, per section. */
public class ReleasePlaybookConfigurationITest {
    private static final String PROMETHEUS = "https://prometheus.example.com:9090";
    private static final String ALERTMANAGERS = "https://am-0.example.com:9093\nhttps://am-1.example.com:9093";
    /** {@code configure} does not use the request: a typed null, as {@code GlobalConfiguration} has two overloads. */
    private static final StaplerRequest2 NO_REQUEST = null;

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void formRoundTripKeepsEveryConnectionValue() throws Exception {
        addCredentials();
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        ConnectionsSection connections = new ConnectionsSection();
        connections.setPrometheusUrl(PROMETHEUS);
        connections.setPrometheusCredentialsId("prom-token");
        connections.setAlertmanagerUrls(ALERTMANAGERS);
        connections.setAlertmanagerCredentialsId("am-basic");
        connections.setRequestTimeoutSeconds(25);
        config.setConnections(connections);

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));

        ConnectionsSection saved = config.getConnections();
        assertThat(saved.getPrometheusUrl()).isEqualTo(PROMETHEUS);
        assertThat(config.getPrometheusCredentialsId()).isEqualTo("prom-token");
        assertThat(saved.getAlertmanagerUrls()).isEqualTo(ALERTMANAGERS);
        assertThat(config.getAlertmanagerEndpoints()).containsExactly(
                URI.create("https://am-0.example.com:9093"), URI.create("https://am-1.example.com:9093"));
        assertThat(config.getAlertmanagerCredentialsId()).isEqualTo("am-basic");
        assertThat(saved.getRequestTimeoutSeconds()).isEqualTo(25);
        assertThat(config.getRequestTimeout()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    public void defaultsWhenNothingIsConfigured() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThat(config.getConnections().getPrometheusUrl()).isNull();
        assertThat(config.getPrometheusEndpoint()).isNull();
        assertThat(config.getAlertmanagerEndpoints()).isEmpty();
        assertThat(config.getConnections().getRequestTimeoutSeconds()).isEqualTo(10);
        assertThat(config.getDefaultDuration()).isEqualTo("10m");
        assertThat(config.getDefaultInterval()).isEqualTo("30s");
        assertThat(config.getVerification().getDefaultChecks()).isEmpty();
        assertThat(config.isAllowLoosening()).isFalse();
        assertThat(config.getErrorPolicy()).isEqualTo(ErrorPolicy.FAIL_CLOSED);
        assertThat(config.getMaxErrors()).isEqualTo(3);
        assertThat(config.catalogue().definitions()).isEqualTo(CheckCatalogue.builtIn().definitions());
        assertThat(config.getVerification().getCheckCatalogue()).extracting(CatalogueCheck::getName)
                .containsExactlyElementsOf(CheckCatalogue.builtIn().definitions().stream().map(CheckDefinition::name).toList());
        assertThat(config.getAccess().getSilenceJobs()).isEmpty();
        assertThat(config.getAccess().getCustomQueryJobs()).isEmpty();
    }

    @Test
    public void verificationSettingsSurviveTheFormRoundTrip() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        VerificationSection verification = new VerificationSection();
        verification.setDefaultDuration("5m");
        verification.setDefaultInterval("15s");
        verification.setDefaultChecks(List.of("error_ratio", "queue_depth"));
        verification.setAllowLoosening(true);
        verification.setErrorPolicy(ErrorPolicy.INCONCLUSIVE);
        verification.setMaxErrors(5);
        List<CatalogueCheck> catalogue = new ArrayList<>(verification.getCheckCatalogue());
        catalogue.add(queueDepth());
        verification.setCheckCatalogue(catalogue);
        config.setVerification(verification);

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));

        assertThat(config.getDefaultDuration()).isEqualTo("5m");
        assertThat(config.getDefaultInterval()).isEqualTo("15s");
        assertThat(config.getVerification().getDefaultChecks()).containsExactly("error_ratio", "queue_depth");
        assertThat(config.isAllowLoosening()).isTrue();
        assertThat(config.getErrorPolicy()).isEqualTo(ErrorPolicy.INCONCLUSIVE);
        assertThat(config.getMaxErrors()).isEqualTo(5);
        CheckCatalogue saved = config.catalogue();
        assertThat(saved.definitions()).hasSize(CheckCatalogue.builtIn().definitions().size() + 1);
        assertThat(saved.get("queue_depth")).isEqualTo(queueDepth().toDefinition());
        assertThat(saved.get("error_ratio")).isEqualTo(CheckCatalogue.builtIn().get("error_ratio"));
    }

    /** The catalogue page shows each check's name as its header and folds its fields. */
    @Test
    public void catalogueEntriesShowTheirNames() throws Exception {
        String page = r.createWebClient().goTo("configure").getWebResponse().getContentAsString();

        for (CheckDefinition check : CheckCatalogue.builtIn().definitions()) {
            assertThat(page).contains("<strong>" + check.name() + "</strong>");
        }
    }

    /** The built-in catalogue is stored as "built in", so that a plugin update can improve it. */
    @Test
    public void anUneditedCatalogueStaysTheBuiltInOne() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));
        config.getVerification().setCheckCatalogue(config.getVerification().getCheckCatalogue());
        config.getVerification().setCheckCatalogue(List.of());
        config.save();

        assertThat(config.catalogue().definitions()).isEqualTo(CheckCatalogue.builtIn().definitions());
        String stored = Files.readString(r.jenkins.getRootDir().toPath()
                .resolve(ReleasePlaybookConfiguration.class.getName() + ".xml"), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain("<checkCatalogue>");
    }

    @Test
    public void invalidCatalogueEntriesAreFormErrorsNamingTheEntry() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        JSONObject noLimit = catalogueEntry("queue_depth", "max(queue_depth{{selector}})", "", "");
        JSONObject duplicate = catalogueEntry("queue_depth", "sum(queue_depth{{selector}})", "10", "");

        assertThatThrownBy(() -> config.configure(NO_REQUEST, form(noLimit)))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("queue_depth")
                .hasMessageContaining("neither a limit nor a maximum change");
        assertThatThrownBy(() -> config.configure(NO_REQUEST, form(
                        catalogueEntry("queue_depth", "max(q{{selector}})", "5", ""), duplicate)))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("'queue_depth' twice");
        assertThatThrownBy(() -> config.configure(NO_REQUEST, form(
                        catalogueEntry("queue_depth", "max(q{{selector}})", "five", ""))))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("queue_depth")
                .hasMessageContaining("limit \"five\" is not a number with an optional unit");
        assertThatThrownBy(() -> config.configure(NO_REQUEST, form(
                        catalogueEntry("queue_depth", "max(q{{selector}})", "5 parsecs", ""))))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("\"5 parsecs\" has a unit this plugin does not know");
        assertThat(config.catalogue().definitions()).isEqualTo(CheckCatalogue.builtIn().definitions());
    }

    /** Thresholds are text with units, stored in their canonical spelling and read into the base unit. */
    @Test
    public void catalogueThresholdsTakeUnits() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        config.configure(NO_REQUEST, form(catalogueEntry("latency_p99", "max(lat{{selector}})", " 500 ms ", "50%"),
                catalogueEntry("error_ratio", "max(err{{selector}})", "1%", "")));

        List<CatalogueCheck> entries = config.getVerification().getCheckCatalogue();
        assertThat(entries.get(0).getLimit()).isEqualTo("500ms");
        assertThat(entries.get(0).getMaxChangePercent()).isEqualTo("50");
        assertThat(entries.get(1).getLimit()).isEqualTo("1%");
        assertThat(config.catalogue().get("latency_p99").limit()).isEqualTo(0.5);
        assertThat(config.catalogue().get("latency_p99").maxChangePercent()).isEqualTo(50.0);
        assertThat(config.catalogue().get("error_ratio").limit()).isEqualTo(0.01);
    }

    @Test
    public void badDurationsAndUnknownDefaultChecksAreFormErrors() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        JSONObject badDuration = form();
        badDuration.getJSONObject("verification").put("defaultDuration", "10 minutes");
        JSONObject intervalTooLong = form();
        intervalTooLong.getJSONObject("verification").put("defaultDuration", "1m");
        intervalTooLong.getJSONObject("verification").put("defaultInterval", "2m");
        JSONObject unknownCheck = form();
        unknownCheck.getJSONObject("verification").put("defaultChecksText", "error_ratio\nno_such_check");

        assertThatThrownBy(() -> config.configure(NO_REQUEST, badDuration))
                .isInstanceOf(FormException.class).hasMessageContaining("Invalid duration '10 minutes'");
        assertThatThrownBy(() -> config.configure(NO_REQUEST, intervalTooLong))
                .isInstanceOf(FormException.class).hasMessageContaining("longer than the default duration");
        assertThatThrownBy(() -> config.configure(NO_REQUEST, unknownCheck))
                .isInstanceOf(FormException.class).hasMessageContaining("no_such_check");
        assertThat(config.getDefaultDuration()).isEqualTo("10m");
        assertThat(config.getVerification().getDefaultChecks()).isEmpty();
    }

    /** A form error in one section leaves every section as it was. */
    @Test
    public void aFormErrorChangesNothing() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        JSONObject json = form();
        json.getJSONObject("connections").put("prometheusUrl", PROMETHEUS);
        json.getJSONObject("access").put("silenceJobs", "team-a//x");

        assertThatThrownBy(() -> config.configure(NO_REQUEST, json))
                .isInstanceOf(FormException.class)
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("silenceJobs"));
        assertThat(config.getConnections().getPrometheusUrl()).isNull();
    }

    @Test
    public void verificationFieldsAreValidatedAsTyped() {
        VerificationSection.DescriptorImpl verification = descriptor(VerificationSection.DescriptorImpl.class);

        assertThat(verification.doCheckDefaultDuration("10m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(verification.doCheckDefaultDuration("1h30m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(verification.doCheckDefaultDuration("ten").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(verification.doCheckDefaultInterval("30s", "10m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(verification.doCheckDefaultInterval("20m", "10m").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(verification.doCheckMaxErrors("3").kind).isEqualTo(FormValidation.Kind.OK);
        for (String bad : List.of("0", "101", "three", "")) {
            assertThat(verification.doCheckMaxErrors(bad).kind).as(bad).isEqualTo(FormValidation.Kind.ERROR);
        }
        assertThat(verification.doCheckDefaultChecksText("error_ratio\nlatency_p99").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(verification.doCheckDefaultChecksText("no_such_check").kind).isEqualTo(FormValidation.Kind.WARNING);

        CatalogueCheck.DescriptorImpl entry = descriptor(CatalogueCheck.DescriptorImpl.class);
        assertThat(entry.doCheckName("").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(entry.doCheckQuery("up{{selector}}").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(entry.doCheckQuery("up").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(entry.doCheckLimit("0.5", "latency", "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(entry.doCheckLimit("500ms", "latency", "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(entry.doCheckLimit("half", "latency", "").renderHtml()).contains("latency").contains("half");
        assertThat(entry.doCheckMaxChangePercent("-5", "latency").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(entry.doCheckFailAfter("0").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(entry.doCheckFailAfter("").kind).isEqualTo(FormValidation.Kind.OK);
    }

    /** Neither a limit nor a maximum change: a warning as typed, not only an error at Save. */
    @Test
    public void aCheckThatCanNeverFailIsWarnedAboutAsTyped() {
        CatalogueCheck.DescriptorImpl entry = descriptor(CatalogueCheck.DescriptorImpl.class);

        FormValidation neither = entry.doCheckLimit("", "queue_depth", " ");
        assertThat(neither.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(neither.renderHtml()).contains("queue_depth").contains("can never fail");
        assertThat(entry.doCheckLimit("", "queue_depth", "30").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(entry.doCheckLimit("10", "queue_depth", "").kind).isEqualTo(FormValidation.Kind.OK);
    }

    /** The select boxes show translated names for the constants they submit. */
    @Test
    public void selectBoxesShowNamesNotConstants() {
        CatalogueCheck.DescriptorImpl entry = descriptor(CatalogueCheck.DescriptorImpl.class);
        VerificationSection.DescriptorImpl verification = descriptor(VerificationSection.DescriptorImpl.class);

        assertThat(values(entry.doFillDirectionItems())).containsExactly("HIGHER_IS_WORSE", "LOWER_IS_WORSE");
        assertThat(names(entry.doFillDirectionItems())).containsExactly(
                "Higher is worse (latency, errors)", "Lower is worse (throughput, free memory)");
        assertThat(values(entry.doFillNoDataItems())).containsExactly("INCONCLUSIVE", "FAIL", "IGNORE");
        assertThat(names(entry.doFillNoDataItems())).doesNotContain("INCONCLUSIVE", "FAIL", "IGNORE");
        assertThat(values(verification.doFillErrorPolicyItems())).containsExactly("FAIL_CLOSED", "INCONCLUSIVE");
        assertThat(names(verification.doFillErrorPolicyItems())).doesNotContain("FAIL_CLOSED", "INCONCLUSIVE");
        assertThat(values(ChoiceLists.directionsFor(true))).containsExactly("", "HIGHER_IS_WORSE", "LOWER_IS_WORSE");
        assertThat(values(ChoiceLists.directionsFor(false))).containsExactly("HIGHER_IS_WORSE", "LOWER_IS_WORSE");
    }

    /** newInstance throws a runtime exception with the message, which the Snippet Generator and Stapler show. */
    @Test
    public void newInstanceThrowsTheMessageAsARuntimeException() {
        CatalogueCheck.DescriptorImpl entry = descriptor(CatalogueCheck.DescriptorImpl.class);

        assertThatThrownBy(() -> entry.newInstance(NO_REQUEST,
                        catalogueEntry("queue_depth", "max(q{{selector}})", "lots", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue_depth")
                .hasMessageContaining("\"lots\"");
    }

    @Test
    public void verificationSettersRejectWhatTheFormRejects() {
        VerificationSection verification = ReleasePlaybookConfiguration.get().getVerification();
        CatalogueCheck noLimit = new CatalogueCheck("queue_depth", "max(queue_depth{{selector}})", Direction.HIGHER_IS_WORSE);

        assertThatThrownBy(() -> verification.setDefaultDuration("soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verification.setMaxErrors(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verification.setCheckCatalogue(List.of(noLimit)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1")
                .hasMessageContaining("queue_depth");
        assertThatThrownBy(() -> verification.setCheckCatalogue(List.of(queueDepth(), queueDepth())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> noLimit.setLimit("0,02"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue_depth")
                .hasMessageContaining("\"0,02\"");
        assertThat(noLimit.getLimit()).isNull();
        assertThat(verification.getDefaultDuration()).isEqualTo("10m");
        assertThat(verification.catalogue().definitions()).isEqualTo(CheckCatalogue.builtIn().definitions());
    }

    @Test
    public void theSilencePolicyIsTheEnginesDefaultUntilChanged() {
        SilencesSection silences = ReleasePlaybookConfiguration.get().getSilences();

        assertThat(silences.getMaxDuration()).isEqualTo("1h");
        assertThat(silences.getDefaultDuration()).isEqualTo("30m");
        assertThat(silences.getRequiredLabels()).containsExactly("service");
        assertThat(silences.getProtectedSets()).isEqualTo("{severity=\"critical\"}");
        assertThat(silences.getMaxSilencesPerBuild()).isEqualTo(10);
        assertThat(ReleasePlaybookConfiguration.get().silencePolicy()).isEqualTo(SilencePolicy.defaults());
    }

    @Test
    public void silenceSettingsSurviveTheFormRoundTrip() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        SilencesSection silences = new SilencesSection();
        silences.setMaxDuration("2h");
        silences.setDefaultDuration("45m");
        silences.setRequiredLabels(List.of("service", "env"));
        silences.setProtectedSets("{severity=\"critical\"}\r\n\r\n  team=\"payments\", alertname=~\"Fraud.*\"  ");
        silences.setMaxSilencesPerBuild(4);
        config.setSilences(silences);

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));

        SilencesSection saved = config.getSilences();
        assertThat(saved.getMaxDuration()).isEqualTo("2h");
        assertThat(saved.getDefaultDuration()).isEqualTo("45m");
        assertThat(saved.getRequiredLabels()).containsExactly("service", "env");
        assertThat(saved.getProtectedSets()).isEqualTo("{severity=\"critical\"}\nteam=\"payments\", alertname=~\"Fraud.*\"");
        assertThat(saved.getMaxSilencesPerBuild()).isEqualTo(4);
        SilencePolicy policy = config.silencePolicy();
        assertThat(policy.maxDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.defaultDuration()).isEqualTo(Duration.ofMinutes(45));
        assertThat(policy.protectedSets()).containsExactly(ProtectedSet.parse("severity=\"critical\""),
                ProtectedSet.parse("team=\"payments\", alertname=~\"Fraud.*\""));
    }

    @Test
    public void emptyLabelsAndSetsMeanNoneAndSurviveTheForm() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.getSilences().setRequiredLabels(List.of());
        config.getSilences().setProtectedSets("");
        config.save();

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));

        assertThat(config.getSilences().getRequiredLabels()).isEmpty();
        assertThat(config.getSilences().getProtectedSets()).isEmpty();
        assertThat(config.silencePolicy().protectedSets()).isEmpty();
        config.getSilences().setRequiredLabels(null);
        config.getSilences().setProtectedSets(null);
        assertThat(config.silencePolicy()).isEqualTo(SilencePolicy.defaults());
    }

    @Test
    public void badSilenceSettingsAreFormErrorsNamingTheField() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        JSONObject longDefault = form();
        longDefault.getJSONObject("silences").put("maxDuration", "20m");
        longDefault.getJSONObject("silences").put("defaultDuration", "30m");
        JSONObject badSet = form();
        badSet.getJSONObject("silences").put("protectedSets", "{severity=\"critical\"}\n\nseverity");
        JSONObject badLabel = form();
        badLabel.getJSONObject("silences").put("requiredLabelsText", "service\nteam name");
        JSONObject badCap = form();
        badCap.getJSONObject("silences").put("maxSilencesPerBuild", "0");

        assertThatThrownBy(() -> config.configure(NO_REQUEST, longDefault))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("The default silence duration (30 min) is longer than the maximum (20 min)")
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("defaultDuration"));
        assertThatThrownBy(() -> config.configure(NO_REQUEST, badSet))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("Protected set on line 3")
                .hasMessageContaining("there is no operator after the label name 'severity'")
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("protectedSets"));
        assertThatThrownBy(() -> config.configure(NO_REQUEST, badLabel))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("\"team name\" is not a label name")
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("requiredLabelsText"));
        assertThatThrownBy(() -> config.configure(NO_REQUEST, badCap))
                .isInstanceOf(FormException.class)
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("maxSilencesPerBuild"));
        assertThat(config.silencePolicy()).isEqualTo(SilencePolicy.defaults());
    }

    @Test
    public void silenceFieldsAreValidatedAsTyped() {
        SilencesSection.DescriptorImpl silences = descriptor(SilencesSection.DescriptorImpl.class);

        assertThat(silences.doCheckMaxDuration("1h").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(silences.doCheckMaxDuration("an hour").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(silences.doCheckDefaultDuration("30m", "1h").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(silences.doCheckDefaultDuration("2h", "1h").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(silences.doCheckDefaultDuration("2h", "").kind).as("against the built-in 1h")
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(silences.doCheckRequiredLabelsText("service\nenv").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(silences.doCheckRequiredLabelsText("9lives").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(silences.doCheckRequiredLabelsText("").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(silences.doCheckProtectedSets("{severity=\"critical\"}").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(silences.doCheckProtectedSets("{severity=\"critical\"").renderHtml())
                .contains("line 1").contains("unbalanced braces");
        assertThat(silences.doCheckProtectedSets("  ").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(silences.doCheckMaxSilencesPerBuild("10").kind).isEqualTo(FormValidation.Kind.OK);
        for (String bad : List.of("0", "1001", "ten", "")) {
            assertThat(silences.doCheckMaxSilencesPerBuild(bad).kind).as(bad).isEqualTo(FormValidation.Kind.ERROR);
        }
    }

    @Test
    public void silenceSettersRejectWhatTheFormRejects() {
        SilencesSection silences = ReleasePlaybookConfiguration.get().getSilences();

        assertThatThrownBy(() -> silences.setMaxDuration("forever")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> silences.setProtectedSets("severity"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> silences.setRequiredLabels(List.of("service", "a-b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a-b");
        assertThatThrownBy(() -> silences.setMaxSilencesPerBuild(0)).isInstanceOf(IllegalArgumentException.class);
        // Each setter alone cannot compare the two durations (JCasC sets them in any order); the policy can.
        silences.setMaxDuration("10m");
        assertThatThrownBy(silences::silencePolicy)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The default silence duration (30m) must be positive and at most the maximum (10m)");
    }

    @Test
    public void malformedUrlsAreFormErrors() {
        ConnectionsSection.DescriptorImpl connections = descriptor(ConnectionsSection.DescriptorImpl.class);

        assertThat(connections.doCheckPrometheusUrl(PROMETHEUS).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(connections.doCheckPrometheusUrl("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(connections.doCheckPrometheusUrl("ftp://prometheus.example.com").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(connections.doCheckPrometheusUrl("prometheus.example.com:9090").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(connections.doCheckPrometheusUrl("https://user:secret@prometheus.example.com").renderHtml())
                .contains("credentials")
                .doesNotContain("secret@");

        assertThat(connections.doCheckAlertmanagerUrls(ALERTMANAGERS).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(connections.doCheckAlertmanagerUrls("https://am-0.example.com\nnot a url").renderHtml())
                .contains("Line 2");
        assertThat(connections.doCheckAlertmanagerUrls("https://am-0.example.com\nhttps://am-0.example.com").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    public void timeoutMustBeAWholeNumberOfSecondsInRange() {
        ConnectionsSection.DescriptorImpl connections = descriptor(ConnectionsSection.DescriptorImpl.class);

        assertThat(connections.doCheckRequestTimeoutSeconds("10").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(connections.doCheckRequestTimeoutSeconds("300").kind).isEqualTo(FormValidation.Kind.OK);
        for (String bad : List.of("0", "301", "-5", "ten", "1.5", "")) {
            assertThat(connections.doCheckRequestTimeoutSeconds(bad).kind).as(bad).isEqualTo(FormValidation.Kind.ERROR);
        }
        assertThatThrownBy(() -> new ConnectionsSection().setRequestTimeoutSeconds(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void settersRejectWhatTheFormRejects() {
        ConnectionsSection connections = ReleasePlaybookConfiguration.get().getConnections();

        assertThatThrownBy(() -> connections.setPrometheusUrl("http://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connections.setAlertmanagerUrls("https://ok.example.com\nbad url"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Line 2");
        assertThat(connections.getPrometheusUrl()).isNull();
        assertThat(connections.getAlertmanagerUrls()).isNull();
    }

    @Test
    public void connectionTestReportsAnUnreachableServerAsAnError() {
        ConnectionsSection.DescriptorImpl connections = descriptor(ConnectionsSection.DescriptorImpl.class);

        // Port 1 on the loopback interface: nothing listens there, the connection is refused at once.
        FormValidation prometheus = connections.doTestPrometheusConnection("http://127.0.0.1:1", "", "2");
        FormValidation alertmanager = connections.doTestAlertmanagerConnection("http://127.0.0.1:1", "", "2");

        assertThat(prometheus.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(alertmanager.kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    public void connectionTestNamesUnknownCredentials() {
        ConnectionsSection.DescriptorImpl connections = descriptor(ConnectionsSection.DescriptorImpl.class);

        FormValidation result = connections.doTestPrometheusConnection("http://127.0.0.1:1", "no-such-id", "2");

        assertThat(result.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(result.renderHtml()).contains("no-such-id");
    }

    @Test
    public void credentialsBecomeTheMatchingAuthentication() throws Exception {
        addCredentials();
        ConnectionCredentials credentials = new ConnectionCredentials(new JenkinsFacade());

        assertThat(credentials.resolve("prom-token").authorizationHeader()).hasValue("Bearer s3cr3t-token");
        assertThat(credentials.resolve("am-basic").authorizationHeader()).hasValueSatisfying(
                header -> assertThat(header).startsWith("Basic "));
        assertThat(credentials.resolve("").authorizationHeader()).isEmpty();
        assertThatThrownBy(() -> credentials.resolve("missing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    public void onlyAdministratorsMayValidateOrTestConnections() throws Exception {
        secureJenkins();
        String connections = descriptor(ConnectionsSection.DescriptorImpl.class).getDescriptorUrl() + "/";
        String verification = descriptor(VerificationSection.DescriptorImpl.class).getDescriptorUrl() + "/";
        String silences = descriptor(SilencesSection.DescriptorImpl.class).getDescriptorUrl() + "/";
        String access = descriptor(AccessSection.DescriptorImpl.class).getDescriptorUrl() + "/";
        String entry = descriptor(CatalogueCheck.DescriptorImpl.class).getDescriptorUrl() + "/";

        List<String> urls = new ArrayList<>();
        for (String method : List.of("checkPrometheusUrl", "checkAlertmanagerUrls", "checkRequestTimeoutSeconds",
                "testPrometheusConnection", "testAlertmanagerConnection")) {
            urls.add(connections + method);
        }
        for (String method : List.of("checkDefaultDuration", "checkDefaultInterval", "checkMaxErrors",
                "checkDefaultChecksText", "fillErrorPolicyItems")) {
            urls.add(verification + method);
        }
        for (String method : List.of("checkMaxDuration", "checkDefaultDuration", "checkRequiredLabelsText",
                "checkProtectedSets", "checkMaxSilencesPerBuild")) {
            urls.add(silences + method);
        }
        for (String method : List.of("checkSilenceJobs", "checkCustomQueryJobs")) {
            urls.add(access + method);
        }
        for (String method : List.of("checkName", "checkQuery", "checkLimit", "checkMaxChangePercent", "checkFailAfter",
                "fillDirectionItems", "fillNoDataItems")) {
            urls.add(entry + method);
        }
        for (String url : urls) {
            assertThat(post("reader", url)).as(url + " as reader").isEqualTo(403);
        }
        assertThat(post("admin", connections + "checkPrometheusUrl")).isEqualTo(200);
        assertThat(post("admin", access + "checkSilenceJobs")).isEqualTo(200);
    }

    @Test
    public void validationEndpointsRefuseGet() throws Exception {
        String url = descriptor(ConnectionsSection.DescriptorImpl.class).getDescriptorUrl() + "/checkPrometheusUrl";
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        // @POST makes Stapler skip the method for other verbs, so a GET is not routed to it at all.
        assertThat(wc.goTo(url, null).getWebResponse().getStatusCode()).isNotEqualTo(200);
    }

    @Test
    public void credentialListsAreEmptyForNonAdministrators() throws Exception {
        secureJenkins();
        addCredentials();
        ConnectionsSection.DescriptorImpl connections = descriptor(ConnectionsSection.DescriptorImpl.class);

        List<String> asReader = as("reader", () -> values(connections.doFillPrometheusCredentialsIdItems("")));
        List<String> alertmanagerAsReader = as("reader", () -> values(connections.doFillAlertmanagerCredentialsIdItems("")));
        List<String> asAdmin = as("admin", () -> values(connections.doFillPrometheusCredentialsIdItems("")));

        assertThat(asReader).isEmpty();
        assertThat(alertmanagerAsReader).isEmpty();
        assertThat(asAdmin).contains("", "prom-token", "am-basic");
    }

    /** Runs the call as the user. Not try-with-resources: the context is never used in the body ([try] lint). */
    private static <T> T as(String user, Supplier<T> call) {
        ACLContext context = ACL.as(User.getById(user, true));
        try {
            return call.get();
        } finally {
            context.close();
        }
    }

    private <T extends Descriptor<?>> T descriptor(Class<T> type) {
        return r.jenkins.getDescriptorByType(type);
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }

    private static List<String> names(ListBoxModel model) {
        return model.stream().map(option -> option.name).toList();
    }

    private static CatalogueCheck queueDepth() {
        CatalogueCheck check = new CatalogueCheck("queue_depth", "max(queue_depth{{selector}})", Direction.HIGHER_IS_WORSE);
        check.setDescription("queue depth");
        check.setLimit("100");
        check.setMaxChangePercent("30%");
        check.setFailAfter(3);
        check.setNoData(NoDataPolicy.FAIL);
        check.setUnit("jobs");
        return check;
    }

    /** A submitted form of this configuration: the four sections with valid defaults, plus the catalogue entries. */
    private static JSONObject form(JSONObject... catalogue) {
        JSONObject connections = new JSONObject();
        connections.put("prometheusUrl", "");
        connections.put("prometheusCredentialsId", "");
        connections.put("alertmanagerUrls", "");
        connections.put("alertmanagerCredentialsId", "");
        connections.put("requestTimeoutSeconds", "10");
        JSONObject verification = new JSONObject();
        verification.put("defaultDuration", "10m");
        verification.put("defaultInterval", "30s");
        verification.put("defaultChecksText", "");
        verification.put("allowLoosening", false);
        verification.put("errorPolicy", "FAIL_CLOSED");
        verification.put("maxErrors", "3");
        if (catalogue.length == 1) {
            verification.put("checkCatalogue", catalogue[0]);
        } else if (catalogue.length > 1) {
            JSONArray entries = new JSONArray();
            for (JSONObject entry : catalogue) {
                entries.add(entry);
            }
            verification.put("checkCatalogue", entries);
        }
        JSONObject silences = new JSONObject();
        silences.put("maxDuration", "1h");
        silences.put("defaultDuration", "30m");
        silences.put("requiredLabelsText", "service");
        silences.put("protectedSets", "{severity=\"critical\"}");
        silences.put("maxSilencesPerBuild", "10");
        JSONObject access = new JSONObject();
        access.put("silenceJobs", "");
        access.put("customQueryJobs", "");
        JSONObject form = new JSONObject();
        form.put("connections", connections);
        form.put("verification", verification);
        form.put("silences", silences);
        form.put("access", access);
        return form;
    }

    private static JSONObject catalogueEntry(String name, String query, String limit, String maxChangePercent) {
        JSONObject entry = new JSONObject();
        entry.put("name", name);
        entry.put("description", "");
        entry.put("query", query);
        entry.put("direction", "HIGHER_IS_WORSE");
        entry.put("limit", limit);
        entry.put("maxChangePercent", maxChangePercent);
        entry.put("failAfter", "");
        entry.put("critical", false);
        entry.put("noData", "INCONCLUSIVE");
        entry.put("unit", "");
        return entry;
    }

    private void secureJenkins() {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
    }

    /** POSTs with a valid crumb, so that a 403 can only come from the permission check. */
    private int post(String user, String relativeUrl) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebRequest request = new WebRequest(new URL(r.getURL(), relativeUrl), HttpMethod.POST);
        wc.addCrumb(request);
        List<NameValuePair> parameters = new ArrayList<>(request.getRequestParameters());
        parameters.add(new NameValuePair("value", PROMETHEUS));
        request.setRequestParameters(parameters);
        return wc.getPage(request).getWebResponse().getStatusCode();
    }

    private static void addCredentials() throws Exception {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "prom-token", "Prometheus token", Secret.fromString("s3cr3t-token")));
        store.getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "am-basic", "Alertmanager user", "alertmanager", "a-long-enough-password"));
        store.save();
    }
}
