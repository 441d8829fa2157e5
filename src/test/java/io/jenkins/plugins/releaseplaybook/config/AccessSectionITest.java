package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** Which jobs may create silences or run their own PromQL, as the global configuration decides it. */
public class AccessSectionITest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void byDefaultEveryJobIsAllowed() {
        AccessSection access = ReleasePlaybookConfiguration.get().getAccess();

        assertThat(access.refusalToCreateSilences("checkout")).isNull();
        assertThat(access.refusalToCreateSilences("team-b/payments/deploy")).isNull();
        assertThat(access.refusalToRunCustomQueries("team-b/payments/deploy")).isNull();
    }

    @Test
    public void listedJobsAreAllowedAndOthersRefusedNamingTheSetting() {
        AccessSection access = new AccessSection();
        access.setSilenceJobs("team-a/**\n# release trains\nreleases/*-prod");
        access.setCustomQueryJobs("team-a/observability/*");
        ReleasePlaybookConfiguration.get().setAccess(access);
        AccessSection saved = ReleasePlaybookConfiguration.get().getAccess();

        assertThat(saved.refusalToCreateSilences("team-a/checkout")).isNull();
        assertThat(saved.refusalToCreateSilences("releases/checkout-prod")).isNull();
        String refused = saved.refusalToCreateSilences("team-b/checkout");
        assertThat(refused).contains("team-b/checkout")
                .contains("Manage Jenkins \u00bb System \u00bb Release Playbook \u00bb Access \u00bb Jobs that may create silences");

        assertThat(saved.refusalToRunCustomQueries("team-a/observability/probe")).isNull();
        assertThat(saved.refusalToRunCustomQueries("team-a/checkout"))
                .contains("team-a/checkout")
                .contains("Access \u00bb Jobs that may run their own PromQL queries");
    }

    @Test
    public void theSettingSurvivesTheFormAndARestartOfTheConfiguration() throws Exception {
        AccessSection access = new AccessSection();
        access.setSilenceJobs("  team-a/**  \r\n\r\nreleases/*-prod\r\n");
        ReleasePlaybookConfiguration.get().setAccess(access);

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.load();

        assertThat(config.getAccess().getSilenceJobs()).isEqualTo("team-a/**\nreleases/*-prod");
        assertThat(config.getAccess().getCustomQueryJobs()).isEmpty();
        assertThat(config.getAccess().refusalToCreateSilences("team-c/x")).isNotNull();
        String stored = Files.readString(r.jenkins.getRootDir().toPath()
                .resolve(ReleasePlaybookConfiguration.class.getName() + ".xml"), StandardCharsets.UTF_8);
        assertThat(stored).contains("<silenceJobs>team-a/**\nreleases/*-prod</silenceJobs>");
    }

    @Test
    public void malformedPatternsAreRefusedNamingTheLine() {
        AccessSection access = new AccessSection();
        AccessSection.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(AccessSection.DescriptorImpl.class);

        assertThatThrownBy(() -> access.setSilenceJobs("team-a/**\n/team-b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Line 2 '/team-b'");
        assertThat(access.getSilenceJobs()).isEmpty();
        assertThat(descriptor.doCheckSilenceJobs("team-a//x").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckCustomQueryJobs("team-a/**").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckCustomQueryJobs("").renderHtml()).contains("every job");
    }
}
