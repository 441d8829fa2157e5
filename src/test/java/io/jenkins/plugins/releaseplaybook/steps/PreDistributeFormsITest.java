package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.config.DistributionSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The Snippet Generator form, the Pipeline Syntax reference and the form validation of {@code preDistribute}, and the
 * distribution section of Manage Jenkins (form round trip, known-hosts check).
 */
public class PreDistributeFormsITest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    private static final String KNOWN_HOST =
            "web-1,10.0.0.7 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILhHzPmKBuoL+tTGhtHsZHbd9nJpIvVUyOzia0Bo9k/c";

    @Test
    public void snippetsRoundTrip() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        PreDistributeStep sftp = new PreDistributeStep("target/*.jar", "/opt/checkout/releases");
        sftp.setHosts(List.of("web1", "deploy@web2:2222"));
        sftp.setCredentialsId("deploy-key");
        snippetizer.assertRoundTrip(sftp, "preDistribute artifacts: 'target/*.jar', credentialsId: 'deploy-key',"
                + " hosts: ['web1', 'deploy@web2:2222'], remoteDirectory: '/opt/checkout/releases'");

        PreDistributeStep agents = new PreDistributeStep("target/*.jar", "releases");
        agents.setAgents("checkout && prod");
        agents.setCreateDirectory(true);
        agents.setParallelism(4);
        agents.setRetries(1);
        agents.setTimeout("10m");
        agents.setMinSuccess("90%");
        snippetizer.assertRoundTrip(agents, "preDistribute agents: 'checkout && prod', artifacts: 'target/*.jar',"
                + " createDirectory: true, minSuccess: '90%', parallelism: 4, remoteDirectory: 'releases', retries: 1,"
                + " timeout: '10m'");
    }

    @Test
    public void theFormSplitsTheHostsAndTakesEmptyNumbersAsDefaults() throws Exception {
        new SnippetizerTester(r).assertGenerateSnippet(
                "{'stapler-class': '" + PreDistributeStep.class.getName() + "', 'artifacts': 'target/*.jar',"
                        + " 'remoteDirectory': '/opt/app', 'hostsText': 'web1\\n\\n deploy@web2:2222 ',"
                        + " 'credentialsId': 'deploy-key', 'agents': '', 'createDirectory': false, 'parallelism': '',"
                        + " 'retries': '', 'timeout': '', 'minSuccess': '', 'hostKeyPolicy': ''}",
                "preDistribute artifacts: 'target/*.jar', credentialsId: 'deploy-key',"
                        + " hosts: ['web1', 'deploy@web2:2222'], remoteDirectory: '/opt/app'",
                null);
    }

    @Test
    public void aTypoInTheFormIsTheMessageOfTheSnippet() {
        PreDistributeStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(PreDistributeStep.DescriptorImpl.class);

        assertThatThrownBy(() -> descriptor.newInstance((StaplerRequest2) null, JSONObject.fromObject(
                "{'artifacts': 'a.jar', 'remoteDirectory': 'r', 'parallelism': 'four'}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism: \u201cfour\u201d is not a whole number.")
                .hasNoCause();
    }

    @Test
    public void configFormRoundTrips() throws Exception {
        PreDistributeStep step = new PreDistributeStep("target/*.jar, conf/app.yaml", "/opt/app");
        step.setHosts(List.of("web1", "[2001:db8::7]:2222"));
        step.setCredentialsId("deploy-key");
        step.setCreateDirectory(true);
        step.setParallelism(2);
        step.setMinSuccess("50%");
        step.setHostKeyPolicy("KNOWN_HOSTS");
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    @Test
    public void pipelineSyntaxReferenceCanBeGenerated() throws Exception {
        SnippetizerTester.assertDocGeneration(PreDistributeStep.class);
    }

    @Test
    public void stepFieldsAreChecked() {
        PreDistributeStep.DescriptorImpl d = r.jenkins.getDescriptorByType(PreDistributeStep.DescriptorImpl.class);

        assertThat(d.doCheckArtifacts(null, "target/*.jar").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckArtifacts(null, " , ").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckRemoteDirectory(null, "/opt/app/../etc").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckRemoteDirectory(null, "releases/1.4.2").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckHostsText(null, "web1\ndeploy@web2:2222\n[::1]:22").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckHostsText(null, "web1:99999").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckHostsText(null, "web1\nweb1").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckAgents(null, "a && (").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckAgents(null, "nobody-has-this").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(d.doCheckAgents(null, "built-in").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckParallelism(null, "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckParallelism(null, "65").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckRetries(null, "-1").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckTimeout(null, "10m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckTimeout(null, "ten minutes").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckMinSuccess(null, "90%").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckMinSuccess(null, "lots").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doFillHostKeyPolicyItems(null)).extracting(o -> o.value).containsExactly("", "KNOWN_HOSTS");
    }

    @Test
    public void theDistributionSectionRoundTripsThroughTheFormAndChecksKnownHosts() throws Exception {
        DistributionSection section = new DistributionSection();
        section.setKnownHosts(KNOWN_HOST + "\n");
        section.setHostKeyPolicy("trust-on-first-use");
        section.setDefaultParallelism(12);
        section.setDefaultRetries(0);
        section.setDefaultTimeout("45m");
        ReleasePlaybookConfiguration.get().setDistribution(section);

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));

        DistributionSection after = ReleasePlaybookConfiguration.get().getDistribution();
        assertThat(after.getKnownHosts().strip()).isEqualTo(KNOWN_HOST);
        assertThat(after.getHostKeyPolicy()).isEqualTo("TRUST_ON_FIRST_USE");
        assertThat(after.getDefaultParallelism()).isEqualTo(12);
        assertThat(after.getDefaultRetries()).isZero();
        assertThat(after.getDefaultTimeout()).isEqualTo("45m");

        DistributionSection.DescriptorImpl d = r.jenkins.getDescriptorByType(DistributionSection.DescriptorImpl.class);
        assertThat(d.doCheckKnownHosts(KNOWN_HOST).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckKnownHosts("").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(d.doCheckKnownHosts("web-1 ssh-ed25519 not-base64!").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckDefaultTimeout("0s").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckDefaultParallelism("0").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doFillHostKeyPolicyItems()).extracting(o -> o.value)
                .containsExactly("KNOWN_HOSTS", "TRUST_ON_FIRST_USE");
        assertThatThrownBy(() -> section.setKnownHosts("garbage line"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
