package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.engine.policy.ChecklistKind;
import io.jenkins.plugins.releaseplaybook.engine.policy.LevelPolicy;
import io.jenkins.plugins.releaseplaybook.engine.policy.PlaybookPolicy;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import jenkins.model.Jenkins;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.springframework.security.access.AccessDeniedException;

/** The release gate policy section: defaults, validation of the calendar syntax, the form, and who may check it. */
public class PolicySectionITest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void defaultsAreTheEnginesDefaults() {
        PlaybookPolicy policy = ReleasePlaybookConfiguration.get().getPolicy().policy();

        assertThat(policy).isEqualTo(PlaybookPolicy.defaults());
        assertThat(policy.level(Risk.LOW)).isEqualTo(LevelPolicy.lowDefault());
        assertThat(policy.level(Risk.HIGH).requires(ChecklistKind.DRILL)).isFalse();
    }

    @Test
    public void settersRefuseWithTheLineAndTheReason() {
        PolicySection section = new PolicySection();

        assertThatThrownBy(() -> section.setWindows("Mon-Thu 09:00-16:00\nMon-Thu 9-16"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Line 2 'Mon-Thu 9-16'");
        assertThatThrownBy(() -> section.setFreezes("2027-01-03 to 2026-12-20"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> section.setZone("Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Mars/Olympus' is not a time zone");
        assertThatThrownBy(() -> section.setDrillMaxAgeDays(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(section.getWindows()).isEmpty();
        assertThat(section.getZone()).isEqualTo("UTC");
        assertThat(section.getDrillMaxAgeDays()).isEqualTo(30);
    }

    @Test
    public void theSettingsSurviveTheFormAndAReload() throws Exception {
        PolicySectionLevel medium = new PolicySectionLevel();
        medium.setPlan(true);
        medium.setSilencesActive(true);
        medium.setCustomItems("load test passed");
        PolicySection section = new PolicySection();
        section.setMedium(medium);
        section.setZone("Asia/Shanghai");
        section.setWindows("Mon-Fri 10:00-17:00");
        section.setFreezes("2026-10-01 to 2026-10-07 national holiday");
        section.setDrillMaxAgeDays(14);
        ReleasePlaybookConfiguration.get().setPolicy(section);

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.load();

        PolicySection read = config.getPolicy();
        assertThat(read.getZone()).isEqualTo("Asia/Shanghai");
        assertThat(read.getWindows()).isEqualTo("Mon-Fri 10:00-17:00");
        assertThat(read.getFreezes()).isEqualTo("2026-10-01 to 2026-10-07 national holiday");
        assertThat(read.getDrillMaxAgeDays()).isEqualTo(14);
        assertThat(read.policy().level(Risk.MEDIUM).requiredInOrder())
                .containsExactly(ChecklistKind.PLAN, ChecklistKind.SILENCES_ACTIVE);
        assertThat(read.policy().level(Risk.MEDIUM).customItems()).containsExactly("load test passed");
        assertThat(read.policy().level(Risk.HIGH)).isEqualTo(LevelPolicy.highDefault());
        String stored = Files.readString(r.jenkins.getRootDir().toPath()
                .resolve(ReleasePlaybookConfiguration.class.getName() + ".xml"), StandardCharsets.UTF_8);
        assertThat(stored).contains("<zone>Asia/Shanghai</zone>").contains("<string>silencesActive</string>");
    }

    @Test
    public void formFieldsAreCheckedWithTheCalendarSyntax() {
        PolicySection.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(PolicySection.DescriptorImpl.class);

        assertThat(descriptor.doCheckWindows("Mon-Thu 09:00-16:00\nSat 10:00-12:00 [Asia/Shanghai]", "UTC")
                .renderHtml()).contains("2 window(s) read.");
        assertThat(descriptor.doCheckWindows("", "UTC").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation bad = descriptor.doCheckWindows("Mon-Thu 9-16", "UTC");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.renderHtml()).contains("Line 1").contains("is not a time");
        assertThat(descriptor.doCheckWindows("Mon 09:00-10:00", "Nowhere/City").kind)
                .as("the zone is reported on its own field").isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckFreezes("2026-12-20 to 2027-01-03 year-end <freeze>", "Europe/Berlin")
                .renderHtml()).contains("1 freeze(s) read.");
        assertThat(descriptor.doCheckFreezes("2026-13-01", "UTC").renderHtml()).contains("is not a date");
        assertThat(descriptor.doCheckZone("Europe/Berlin").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckZone("Nowhere/City").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckDrillMaxAgeDays("0").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckDrillMaxAgeDays("30").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    public void onlyAdministratorsMayCheckTheFields() {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
        PolicySection.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(PolicySection.DescriptorImpl.class);

        ACLContext reader = ACL.as(User.getById("reader", true));
        try {
            assertThatThrownBy(() -> descriptor.doCheckWindows("Mon 09:00-10:00", "UTC"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> descriptor.doCheckZone("UTC")).isInstanceOf(AccessDeniedException.class);
        } finally {
            reader.close();
        }
        ACLContext admin = ACL.as(User.getById("admin", true));
        try {
            assertThat(descriptor.doCheckZone("UTC").kind).isEqualTo(FormValidation.Kind.OK);
        } finally {
            admin.close();
        }
    }
}
