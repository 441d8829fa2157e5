package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
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

/** The global configuration in a running Jenkins: form round trip, validation, permissions. */
public class ReleasePlaybookConfigurationITest {
    private static final String PROMETHEUS = "https://prometheus.example.com:9090";
    private static final String ALERTMANAGERS = "https://am-0.example.com:9093\nhttps://am-1.example.com:9093";

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void formRoundTripKeepsEveryValue() throws Exception {
        addCredentials();
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.setPrometheusUrl(PROMETHEUS);
        config.setPrometheusCredentialsId("prom-token");
        config.setAlertmanagerUrls(ALERTMANAGERS);
        config.setAlertmanagerCredentialsId("am-basic");
        config.setRequestTimeoutSeconds(25);
        config.save();

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));

        assertThat(config.getPrometheusUrl()).isEqualTo(PROMETHEUS);
        assertThat(config.getPrometheusCredentialsId()).isEqualTo("prom-token");
        assertThat(config.getAlertmanagerUrls()).isEqualTo(ALERTMANAGERS);
        assertThat(config.getAlertmanagerEndpoints()).containsExactly(
                URI.create("https://am-0.example.com:9093"), URI.create("https://am-1.example.com:9093"));
        assertThat(config.getAlertmanagerCredentialsId()).isEqualTo("am-basic");
        assertThat(config.getRequestTimeoutSeconds()).isEqualTo(25);
    }

    @Test
    public void defaultsWhenNothingIsConfigured() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThat(config.getPrometheusUrl()).isNull();
        assertThat(config.getPrometheusEndpoint()).isNull();
        assertThat(config.getAlertmanagerEndpoints()).isEmpty();
        assertThat(config.getRequestTimeoutSeconds()).isEqualTo(10);
        assertThat(config.getDefaultDuration()).isEqualTo("10m");
        assertThat(config.getDefaultInterval()).isEqualTo("30s");
        assertThat(config.getDefaultChecks()).isEmpty();
        assertThat(config.isAllowLoosening()).isFalse();
        assertThat(config.getErrorPolicy()).isEqualTo(ErrorPolicy.FAIL_CLOSED);
        assertThat(config.getMaxErrors()).isEqualTo(3);
        assertThat(config.catalogue().definitions()).isEqualTo(CheckCatalogue.builtIn().definitions());
        assertThat(config.getCheckCatalogue()).extracting(CatalogueCheck::getName)
                .containsExactlyElementsOf(CheckCatalogue.builtIn().definitions().stream().map(CheckDefinition::name).toList());
    }

    @Test
    public void verificationSettingsSurviveTheFormRoundTrip() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.setDefaultDuration("5m");
        config.setDefaultInterval("15s");
        config.setDefaultChecks(List.of("error_ratio", "queue_depth"));
        config.setAllowLoosening(true);
        config.setErrorPolicy(ErrorPolicy.INCONCLUSIVE);
        config.setMaxErrors(5);
        List<CatalogueCheck> catalogue = new ArrayList<>(config.getCheckCatalogue());
        catalogue.add(queueDepth());
        config.setCheckCatalogue(catalogue);
        config.save();

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));

        assertThat(config.getDefaultDuration()).isEqualTo("5m");
        assertThat(config.getDefaultInterval()).isEqualTo("15s");
        assertThat(config.getDefaultChecks()).containsExactly("error_ratio", "queue_depth");
        assertThat(config.isAllowLoosening()).isTrue();
        assertThat(config.getErrorPolicy()).isEqualTo(ErrorPolicy.INCONCLUSIVE);
        assertThat(config.getMaxErrors()).isEqualTo(5);
        CheckCatalogue saved = config.catalogue();
        assertThat(saved.definitions()).hasSize(CheckCatalogue.builtIn().definitions().size() + 1);
        assertThat(saved.get("queue_depth")).isEqualTo(queueDepth().toDefinition());
        assertThat(saved.get("error_ratio")).isEqualTo(CheckCatalogue.builtIn().get("error_ratio"));
    }

    /** The built-in catalogue is stored as "built in", so that a plugin update can improve it. */
    @Test
    public void anUneditedCatalogueStaysTheBuiltInOne() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));
        config.setCheckCatalogue(config.getCheckCatalogue());
        config.setCheckCatalogue(List.of());

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

        assertThatThrownBy(() -> config.configure(null, form(noLimit)))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("queue_depth")
                .hasMessageContaining("neither a limit nor a maximum change");
        assertThatThrownBy(() -> config.configure(null, form(catalogueEntry("queue_depth", "max(q{{selector}})", "5", ""),
                        duplicate)))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("'queue_depth' twice");
        assertThatThrownBy(() -> config.configure(null, form(catalogueEntry("queue_depth", "max(q{{selector}})", "five", ""))))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("limit \"five\" is not a number");
        assertThat(config.catalogue().definitions()).isEqualTo(CheckCatalogue.builtIn().definitions());
    }

    @Test
    public void badDurationsAndUnknownDefaultChecksAreFormErrors() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        JSONObject badDuration = form();
        badDuration.put("defaultDuration", "10 minutes");
        JSONObject intervalTooLong = form();
        intervalTooLong.put("defaultDuration", "1m");
        intervalTooLong.put("defaultInterval", "2m");
        JSONObject unknownCheck = form();
        unknownCheck.put("defaultChecksText", "error_ratio\nno_such_check");

        assertThatThrownBy(() -> config.configure(null, badDuration))
                .isInstanceOf(FormException.class).hasMessageContaining("Invalid duration '10 minutes'");
        assertThatThrownBy(() -> config.configure(null, intervalTooLong))
                .isInstanceOf(FormException.class).hasMessageContaining("longer than the default duration");
        assertThatThrownBy(() -> config.configure(null, unknownCheck))
                .isInstanceOf(FormException.class).hasMessageContaining("no_such_check");
        assertThat(config.getDefaultDuration()).isEqualTo("10m");
        assertThat(config.getDefaultChecks()).isEmpty();
    }

    @Test
    public void verificationFieldsAreValidatedAsTyped() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThat(config.doCheckDefaultDuration("10m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckDefaultDuration("1h30m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckDefaultDuration("ten").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckDefaultInterval("30s", "10m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckDefaultInterval("20m", "10m").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckMaxErrors("3").kind).isEqualTo(FormValidation.Kind.OK);
        for (String bad : List.of("0", "101", "three", "")) {
            assertThat(config.doCheckMaxErrors(bad).kind).as(bad).isEqualTo(FormValidation.Kind.ERROR);
        }
        assertThat(config.doCheckDefaultChecksText("error_ratio\nlatency_p99").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckDefaultChecksText("no_such_check").kind).isEqualTo(FormValidation.Kind.WARNING);

        CatalogueCheck.DescriptorImpl entry = r.jenkins.getDescriptorByType(CatalogueCheck.DescriptorImpl.class);
        assertThat(entry.doCheckName("").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(entry.doCheckQuery("up{{selector}}").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(entry.doCheckQuery("up").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(entry.doCheckLimit("0.5").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(entry.doCheckLimit("half").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(entry.doCheckMaxChangePercent("-5").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(entry.doCheckFailAfter("0").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(entry.doCheckFailAfter("").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    public void verificationSettersRejectWhatTheFormRejects() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        CatalogueCheck noLimit = new CatalogueCheck("queue_depth", "max(queue_depth{{selector}})", Direction.HIGHER_IS_WORSE);

        assertThatThrownBy(() -> config.setDefaultDuration("soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.setMaxErrors(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.setCheckCatalogue(List.of(noLimit)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1")
                .hasMessageContaining("queue_depth");
        assertThatThrownBy(() -> config.setCheckCatalogue(List.of(queueDepth(), queueDepth())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThat(config.getDefaultDuration()).isEqualTo("10m");
        assertThat(config.catalogue().definitions()).isEqualTo(CheckCatalogue.builtIn().definitions());
    }

    @Test
    public void theSilencePolicyIsTheEnginesDefaultUntilChanged() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThat(config.getSilenceMaxDuration()).isEqualTo("1h");
        assertThat(config.getSilenceDefaultDuration()).isEqualTo("30m");
        assertThat(config.getSilenceRequiredLabels()).containsExactly("service");
        assertThat(config.getSilenceProtectedSets()).isEqualTo("{severity=\"critical\"}");
        assertThat(config.getMaxSilencesPerBuild()).isEqualTo(10);
        assertThat(config.silencePolicy()).isEqualTo(SilencePolicy.defaults());
    }

    @Test
    public void silenceSettingsSurviveTheFormRoundTrip() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.setSilenceMaxDuration("2h");
        config.setSilenceDefaultDuration("45m");
        config.setSilenceRequiredLabels(List.of("service", "env"));
        config.setSilenceProtectedSets("{severity=\"critical\"}\r\n\r\n  team=\"payments\", alertname=~\"Fraud.*\"  ");
        config.setMaxSilencesPerBuild(4);
        config.save();

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));

        assertThat(config.getSilenceMaxDuration()).isEqualTo("2h");
        assertThat(config.getSilenceDefaultDuration()).isEqualTo("45m");
        assertThat(config.getSilenceRequiredLabels()).containsExactly("service", "env");
        assertThat(config.getSilenceProtectedSets())
                .isEqualTo("{severity=\"critical\"}\nteam=\"payments\", alertname=~\"Fraud.*\"");
        assertThat(config.getMaxSilencesPerBuild()).isEqualTo(4);
        SilencePolicy policy = config.silencePolicy();
        assertThat(policy.maxDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.defaultDuration()).isEqualTo(Duration.ofMinutes(45));
        assertThat(policy.protectedSets()).containsExactly(ProtectedSet.parse("severity=\"critical\""),
                ProtectedSet.parse("team=\"payments\", alertname=~\"Fraud.*\""));
    }

    @Test
    public void emptyLabelsAndSetsMeanNoneAndSurviveTheForm() throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.setSilenceRequiredLabels(List.of());
        config.setSilenceProtectedSets("");
        config.save();

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));

        assertThat(config.getSilenceRequiredLabels()).isEmpty();
        assertThat(config.getSilenceProtectedSets()).isEmpty();
        assertThat(config.silencePolicy().protectedSets()).isEmpty();
        config.setSilenceRequiredLabels(null);
        config.setSilenceProtectedSets(null);
        assertThat(config.silencePolicy()).isEqualTo(SilencePolicy.defaults());
    }

    @Test
    public void badSilenceSettingsAreFormErrorsNamingTheField() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        JSONObject longDefault = form();
        longDefault.put("silenceMaxDuration", "20m");
        longDefault.put("silenceDefaultDuration", "30m");
        JSONObject badSet = form();
        badSet.put("silenceProtectedSets", "{severity=\"critical\"}\n\nseverity");
        JSONObject badLabel = form();
        badLabel.put("silenceRequiredLabelsText", "service\nteam name");
        JSONObject badCap = form();
        badCap.put("maxSilencesPerBuild", "0");

        assertThatThrownBy(() -> config.configure(null, longDefault))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("The default silence duration (30m) is longer than the maximum (20m)")
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("silenceDefaultDuration"));
        assertThatThrownBy(() -> config.configure(null, badSet))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("Protected set on line 3")
                .hasMessageContaining("there is no operator after the label name 'severity'")
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("silenceProtectedSets"));
        assertThatThrownBy(() -> config.configure(null, badLabel))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("\"team name\" is not a label name")
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("silenceRequiredLabelsText"));
        assertThatThrownBy(() -> config.configure(null, badCap))
                .isInstanceOf(FormException.class)
                .satisfies(e -> assertThat(((FormException) e).getFormField()).isEqualTo("maxSilencesPerBuild"));
        assertThat(config.silencePolicy()).isEqualTo(SilencePolicy.defaults());
    }

    @Test
    public void silenceFieldsAreValidatedAsTyped() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThat(config.doCheckSilenceMaxDuration("1h").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckSilenceMaxDuration("an hour").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckSilenceDefaultDuration("30m", "1h").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckSilenceDefaultDuration("2h", "1h").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckSilenceDefaultDuration("2h", "").kind).as("against the built-in 1h")
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckSilenceRequiredLabelsText("service\nenv").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckSilenceRequiredLabelsText("9lives").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckSilenceRequiredLabelsText("").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(config.doCheckSilenceProtectedSets("{severity=\"critical\"}").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckSilenceProtectedSets("{severity=\"critical\"").renderHtml())
                .contains("line 1").contains("unbalanced braces");
        assertThat(config.doCheckSilenceProtectedSets("  ").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(config.doCheckMaxSilencesPerBuild("10").kind).isEqualTo(FormValidation.Kind.OK);
        for (String bad : List.of("0", "1001", "ten", "")) {
            assertThat(config.doCheckMaxSilencesPerBuild(bad).kind).as(bad).isEqualTo(FormValidation.Kind.ERROR);
        }
    }

    @Test
    public void silenceSettersRejectWhatTheFormRejects() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThatThrownBy(() -> config.setSilenceMaxDuration("forever")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.setSilenceProtectedSets("severity"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> config.setSilenceRequiredLabels(List.of("service", "a-b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a-b");
        assertThatThrownBy(() -> config.setMaxSilencesPerBuild(0)).isInstanceOf(IllegalArgumentException.class);
        // Each setter alone cannot compare the two durations (JCasC sets them in any order); the policy can.
        config.setSilenceMaxDuration("10m");
        assertThatThrownBy(config::silencePolicy)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The default silence duration (30m) must be positive and at most the maximum (10m)");
    }

    private static CatalogueCheck queueDepth() {
        CatalogueCheck check = new CatalogueCheck("queue_depth", "max(queue_depth{{selector}})", Direction.HIGHER_IS_WORSE);
        check.setDescription("queue depth");
        check.setLimit(100.0);
        check.setMaxChangePercent(30.0);
        check.setFailAfter(3);
        check.setNoData(NoDataPolicy.FAIL);
        check.setUnit("jobs");
        return check;
    }

    /** A submitted form of this configuration: valid defaults plus the given catalogue entries. */
    private static JSONObject form(JSONObject... catalogue) {
        JSONObject form = new JSONObject();
        form.put("prometheusUrl", "");
        form.put("alertmanagerUrls", "");
        form.put("requestTimeoutSeconds", "10");
        form.put("defaultDuration", "10m");
        form.put("defaultInterval", "30s");
        form.put("defaultChecksText", "");
        form.put("maxErrors", "3");
        if (catalogue.length == 1) {
            form.put("checkCatalogue", catalogue[0]);
        } else if (catalogue.length > 1) {
            JSONArray entries = new JSONArray();
            for (JSONObject entry : catalogue) {
                entries.add(entry);
            }
            form.put("checkCatalogue", entries);
        }
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

    @Test
    public void malformedUrlsAreFormErrors() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThat(config.doCheckPrometheusUrl(PROMETHEUS).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckPrometheusUrl("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckPrometheusUrl("ftp://prometheus.example.com").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckPrometheusUrl("prometheus.example.com:9090").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(config.doCheckPrometheusUrl("https://user:secret@prometheus.example.com").renderHtml())
                .contains("credentials")
                .doesNotContain("secret@");

        assertThat(config.doCheckAlertmanagerUrls(ALERTMANAGERS).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckAlertmanagerUrls("https://am-0.example.com\nnot a url").renderHtml())
                .contains("Line 2");
        assertThat(config.doCheckAlertmanagerUrls("https://am-0.example.com\nhttps://am-0.example.com").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    public void timeoutMustBeAWholeNumberOfSecondsInRange() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThat(config.doCheckRequestTimeoutSeconds("10").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckRequestTimeoutSeconds("300").kind).isEqualTo(FormValidation.Kind.OK);
        for (String bad : List.of("0", "301", "-5", "ten", "1.5", "")) {
            assertThat(config.doCheckRequestTimeoutSeconds(bad).kind).as(bad).isEqualTo(FormValidation.Kind.ERROR);
        }
        assertThatThrownBy(() -> config.setRequestTimeoutSeconds(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void settersRejectWhatTheFormRejects() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        assertThatThrownBy(() -> config.setPrometheusUrl("http://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.setAlertmanagerUrls("https://ok.example.com\nbad url"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Line 2");
        assertThat(config.getPrometheusUrl()).isNull();
        assertThat(config.getAlertmanagerUrls()).isNull();
    }

    @Test
    public void connectionTestReportsAnUnreachableServerAsAnError() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        // Port 1 on the loopback interface: nothing listens there, the connection is refused at once.
        FormValidation prometheus = config.doTestPrometheusConnection("http://127.0.0.1:1", "", "2");
        FormValidation alertmanager = config.doTestAlertmanagerConnection("http://127.0.0.1:1", "", "2");

        assertThat(prometheus.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(alertmanager.kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    public void connectionTestNamesUnknownCredentials() {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        FormValidation result = config.doTestPrometheusConnection("http://127.0.0.1:1", "no-such-id", "2");

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
        String base = ReleasePlaybookConfiguration.get().getDescriptorUrl() + "/";

        for (String method : List.of("checkPrometheusUrl", "checkAlertmanagerUrls", "checkRequestTimeoutSeconds",
                "checkDefaultDuration", "checkDefaultInterval", "checkMaxErrors", "checkDefaultChecksText",
                "checkSilenceMaxDuration", "checkSilenceDefaultDuration", "checkSilenceRequiredLabelsText",
                "checkSilenceProtectedSets", "checkMaxSilencesPerBuild",
                "testPrometheusConnection", "testAlertmanagerConnection")) {
            assertThat(post("reader", base + method)).as(method + " as reader").isEqualTo(403);
        }
        assertThat(post("admin", base + "checkPrometheusUrl")).isEqualTo(200);

        String entry = r.jenkins.getDescriptorByType(CatalogueCheck.DescriptorImpl.class).getDescriptorUrl() + "/";
        for (String method : List.of("checkName", "checkQuery", "checkLimit", "checkMaxChangePercent", "checkFailAfter")) {
            assertThat(post("reader", entry + method)).as(method + " as reader").isEqualTo(403);
        }
    }

    @Test
    public void validationEndpointsRefuseGet() throws Exception {
        String url = ReleasePlaybookConfiguration.get().getDescriptorUrl() + "/checkPrometheusUrl";
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        // @POST makes Stapler skip the method for other verbs, so a GET is not routed to it at all.
        assertThat(wc.goTo(url, null).getWebResponse().getStatusCode()).isNotEqualTo(200);
    }

    @Test
    public void credentialListsAreEmptyForNonAdministrators() throws Exception {
        secureJenkins();
        addCredentials();
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();

        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            assertThat(config.doFillPrometheusCredentialsIdItems("")).isEmpty();
            assertThat(config.doFillAlertmanagerCredentialsIdItems("")).isEmpty();
        }
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            assertThat(values(config.doFillPrometheusCredentialsIdItems(""))).contains("", "prom-token", "am-basic");
        }
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
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
