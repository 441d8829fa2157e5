package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import jenkins.model.Jenkins;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.springframework.security.access.AccessDeniedException;

/** The backups section of the global configuration: defaults, validation, the form, and who may check it. */
public class BackupsSectionITest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void defaultsAreZstdFiveAndTheNodesRoot() {
        BackupsSection backups = ReleasePlaybookConfiguration.get().getBackups();

        assertThat(backups.getDefaultDestination()).isEmpty();
        assertThat(backups.getDefaultCompression()).isEqualTo("zstd");
        assertThat(backups.getDefaultKeep()).isEqualTo(5);
    }

    @Test
    public void settersNormalizeAndRefuseWithTheirReason() {
        BackupsSection backups = new BackupsSection();
        backups.setDefaultCompression(" GZIP ");
        backups.setDefaultDestination("  /var/backups ");

        assertThat(backups.getDefaultCompression()).isEqualTo("gzip");
        assertThat(backups.getDefaultDestination()).isEqualTo("/var/backups");
        assertThatThrownBy(() -> backups.setDefaultCompression("lz4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown compression \"lz4\"");
        assertThatThrownBy(() -> backups.setDefaultKeep(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not \"-1\"");
        assertThatThrownBy(() -> backups.setDefaultKeep(1001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(backups.getDefaultKeep()).isEqualTo(5);
    }

    @Test
    public void theSettingsSurviveTheFormAndAReload() throws Exception {
        BackupsSection backups = new BackupsSection();
        backups.setDefaultDestination("/srv/release-backups");
        backups.setDefaultCompression("none");
        backups.setDefaultKeep(0);
        ReleasePlaybookConfiguration.get().setBackups(backups);

        r.submit(r.createWebClient().goTo("configure").getFormByName("config"));
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.load();

        assertThat(config.getBackups().getDefaultDestination()).isEqualTo("/srv/release-backups");
        assertThat(config.getBackups().getDefaultCompression()).isEqualTo("none");
        assertThat(config.getBackups().getDefaultKeep()).isZero();
        String stored = Files.readString(r.jenkins.getRootDir().toPath()
                .resolve(ReleasePlaybookConfiguration.class.getName() + ".xml"), StandardCharsets.UTF_8);
        assertThat(stored).contains("<defaultDestination>/srv/release-backups</defaultDestination>");
    }

    @Test
    public void formFieldsAreChecked() {
        BackupsSection.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(BackupsSection.DescriptorImpl.class);

        assertThat(descriptor.doCheckDefaultKeep("5").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckDefaultKeep("0").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckDefaultKeep("-1").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckDefaultKeep("five").renderHtml()).contains("not &quot;five&quot;");
        assertThat(descriptor.doCheckDefaultDestination("").renderHtml()).contains("release-backups");
        assertThat(descriptor.doCheckDefaultDestination("backups").renderHtml()).contains("&lt;node root&gt;/backups");
        assertThat(descriptor.doCheckDefaultDestination("/var/backups").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doFillDefaultCompressionItems()).extracting(option -> option.value)
                .containsExactly("zstd", "gzip", "none");
    }

    @Test
    public void onlyAdministratorsMayCheckTheFields() {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
        BackupsSection.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(BackupsSection.DescriptorImpl.class);

        ACLContext reader = ACL.as(User.getById("reader", true));
        try {
            assertThatThrownBy(() -> descriptor.doCheckDefaultKeep("5")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(descriptor::doFillDefaultCompressionItems).isInstanceOf(AccessDeniedException.class);
        } finally {
            reader.close();
        }
        ACLContext admin = ACL.as(User.getById("admin", true));
        try {
            assertThat(descriptor.doCheckDefaultKeep("5").kind).isEqualTo(FormValidation.Kind.OK);
        } finally {
            admin.close();
        }
    }
}
