package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
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
                "testPrometheusConnection", "testAlertmanagerConnection")) {
            assertThat(post("reader", base + method)).as(method + " as reader").isEqualTo(403);
        }
        assertThat(post("admin", base + "checkPrometheusUrl")).isEqualTo(200);
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
