package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.config.BackupsSection;
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
 * The Snippet Generator forms, the Pipeline Syntax reference and the form validation of {@code releaseBackup} and
 * {@code releaseRestore}.
 */
public class BackupStepsFormsITest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void releaseBackupSnippetsRoundTrip() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        ReleaseBackupStep step = new ReleaseBackupStep("checkout");
        snippetizer.assertRoundTrip(step, "releaseBackup 'checkout'");

        step.setPaths(List.of("/opt/checkout/current", "conf"));
        snippetizer.assertRoundTrip(step, "releaseBackup name: 'checkout', paths: ['/opt/checkout/current', 'conf']");

        step.setExcludes(List.of("**/*.log"));
        step.setDumps(List.of(new BackupDump("shop.pgdump", "pg_dump -Fc shop")));
        step.setDestination("/var/backups");
        step.setCompression("GZIP");
        step.setKeep(3);
        step.setTestRestore(true);
        snippetizer.assertRoundTrip(step, "releaseBackup compression: 'gzip', destination: '/var/backups',"
                + " dumps: [[command: 'pg_dump -Fc shop', name: 'shop.pgdump']], excludes: ['**/*.log'], keep: 3,"
                + " name: 'checkout', paths: ['/opt/checkout/current', 'conf'], testRestore: true");
    }

    @Test
    public void releaseRestoreSnippetsRoundTrip() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        ReleaseRestoreStep step = new ReleaseRestoreStep();
        step.setId("checkout-20261201T104512Z-a1b2c3");
        snippetizer.assertRoundTrip(step, "releaseRestore(id: 'checkout-20261201T104512Z-a1b2c3')");

        step.setDryRun(true);
        snippetizer.assertRoundTrip(step, "releaseRestore dryRun: true, id: 'checkout-20261201T104512Z-a1b2c3'");

        ReleaseRestoreStep latest = new ReleaseRestoreStep();
        latest.setName("checkout");
        latest.setLatest(true);
        latest.setTarget("restored");
        latest.setPaths(List.of("/etc/checkout"));
        latest.setDestination("/var/backups");
        snippetizer.assertRoundTrip(latest, "releaseRestore destination: '/var/backups', latest: true, name: 'checkout',"
                + " paths: ['/etc/checkout'], target: 'restored'");
    }

    /** The forms edit lists as text areas, one entry a line, and dumps as a repeatable block. */
    @Test
    public void snippetGeneratorFormsSplitListsAndReadDumps() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        snippetizer.assertGenerateSnippet(
                "{'stapler-class': '" + ReleaseBackupStep.class.getName() + "', 'name': ' checkout ',"
                        + " 'pathsText': '/etc/checkout\\n\\n conf ', 'excludesText': '',"
                        + " 'dumps': {'name': 'shop.pgdump', 'command': 'pg_dump -Fc shop'},"
                        + " 'testRestore': false, 'destination': '', 'compression': '', 'keep': '2'}",
                "releaseBackup dumps: [[command: 'pg_dump -Fc shop', name: 'shop.pgdump']], keep: 2, name: 'checkout',"
                        + " paths: ['/etc/checkout', 'conf']",
                null);
        snippetizer.assertGenerateSnippet(
                "{'stapler-class': '" + ReleaseRestoreStep.class.getName() + "', 'id': '', 'name': 'checkout',"
                        + " 'latest': true, 'target': '', 'pathsText': '', 'dryRun': true, 'destination': ''}",
                "releaseRestore dryRun: true, latest: true, name: 'checkout'",
                null);
    }

    @Test
    public void aTypoInTheFormIsTheMessageOfTheSnippet() {
        ReleaseBackupStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(ReleaseBackupStep.DescriptorImpl.class);

        assertThatThrownBy(() -> descriptor.newInstance((StaplerRequest2) null, JSONObject.fromObject(
                "{'name': 'checkout', 'keep': 'three'}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep must be a whole number, 0 (keep every backup) or more, not \u201cthree\u201d.")
                .hasNoCause();
        assertThatThrownBy(() -> descriptor.newInstance((StaplerRequest2) null, JSONObject.fromObject("{'name': ''}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("releaseBackup needs a name");
    }

    @Test
    public void configFormsRoundTrip() throws Exception {
        ReleaseBackupStep backup = new ReleaseBackupStep("checkout");
        backup.setPaths(List.of("/opt/checkout/current", "conf"));
        backup.setExcludes(List.of("**/*.log"));
        backup.setDumps(List.of(new BackupDump("shop.pgdump", "pg_dump -Fc shop"),
                new BackupDump("users.sql", "mysqldump users")));
        backup.setCompression("none");
        backup.setKeep(0);
        backup.setTestRestore(true);
        r.assertEqualDataBoundBeans(backup, new StepConfigTester(r).configRoundTrip(backup));

        ReleaseRestoreStep restore = new ReleaseRestoreStep();
        restore.setName("checkout");
        restore.setLatest(true);
        restore.setPaths(List.of("/etc/checkout"));
        restore.setDryRun(true);
        r.assertEqualDataBoundBeans(restore, new StepConfigTester(r).configRoundTrip(restore));
    }

    @Test
    public void pipelineSyntaxReferenceCanBeGenerated() throws Exception {
        SnippetizerTester.assertDocGeneration(ReleaseBackupStep.class);
    }

    @Test
    public void releaseBackupFieldsAreChecked() {
        ReleaseBackupStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(ReleaseBackupStep.DescriptorImpl.class);

        assertThat(descriptor.doCheckName(null, "checkout").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckName(null, "").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckName(null, ".hidden").renderHtml()).contains("is not allowed");
        assertThat(descriptor.doCheckName(null, "a/b").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckKeep(null, "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckKeep(null, "0").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckKeep(null, "-1").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckKeep(null, "many").kind).isEqualTo(FormValidation.Kind.ERROR);

        BackupsSection defaults = new BackupsSection();
        defaults.setDefaultCompression("gzip");
        ReleasePlaybookConfiguration.get().setBackups(defaults);
        ListBoxModel compressions = descriptor.doFillCompressionItems(null);
        assertThat(compressions).extracting(option -> option.value).containsExactly("", "zstd", "gzip", "none");
        assertThat(compressions.get(0).name).contains("(gzip)");

        BackupDump.DescriptorImpl dump = r.jenkins.getDescriptorByType(BackupDump.DescriptorImpl.class);
        assertThat(dump.doCheckName(null, "shop.pgdump").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(dump.doCheckName(null, "dumps/shop.pgdump").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(dump.doCheckName(null, "..").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(dump.doCheckCommand(null, " ").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(dump.doCheckCommand(null, "pg_dump -Fc shop").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    public void releaseRestoreFieldsAreChecked() {
        ReleaseRestoreStep.DescriptorImpl descriptor =
                r.jenkins.getDescriptorByType(ReleaseRestoreStep.DescriptorImpl.class);

        assertThat(descriptor.doCheckId(null, "checkout-20261201T104512Z-a1b2c3", "").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckId(null, "", "checkout").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckId(null, "", "").renderHtml()).contains("needs to know which backup");
        assertThat(descriptor.doCheckId(null, "checkout", "").renderHtml()).contains("is not a backup id");
        assertThat(descriptor.doCheckId(null, "checkout-20261201T104512Z-a1b2c3", "checkout").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckName(null, "checkout", false).kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(descriptor.doCheckName(null, "checkout", true).kind).isEqualTo(FormValidation.Kind.OK);
    }
}
