package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.releaseplaybook.engine.policy.ChecklistKind;
import io.jenkins.plugins.releaseplaybook.engine.policy.LevelPolicy;
import io.jenkins.plugins.releaseplaybook.engine.policy.PlaybookPolicy;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import java.time.ZoneId;
import org.junit.Rule;
import org.junit.Test;

/** {@code unclassified: releasePlaybook: policy:} in Configuration as Code, applied and exported (a round trip). */
public class PolicySectionCascITest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code-policy.yml")
    public void appliesThePolicySection() {
        PolicySection section = ReleasePlaybookConfiguration.get().getPolicy();
        PlaybookPolicy policy = section.policy();

        assertThat(section.getZone()).isEqualTo("Europe/Berlin");
        assertThat(policy.calendar().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(policy.calendar().windows()).hasSize(2);
        assertThat(policy.calendar().windows().get(1).zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(policy.calendar().freezes()).singleElement()
                .satisfies(freeze -> assertThat(freeze.reason()).isEqualTo("year-end freeze"));
        assertThat(policy.drillMaxAgeDays()).isEqualTo(14);
        assertThat(policy.level(Risk.LOW).requiredInOrder()).containsExactly(ChecklistKind.PLAN);
        assertThat(policy.level(Risk.HIGH).requiredInOrder()).containsExactly(ChecklistKind.PLAN,
                ChecklistKind.BACKUP_VERIFIED, ChecklistKind.BACKUP_RESTORE_TESTED, ChecklistKind.DRILL,
                ChecklistKind.CHANGE_WINDOW);
        assertThat(policy.level(Risk.HIGH).customItems()).containsExactly("load test passed");
        assertThat(policy.level(Risk.MEDIUM)).as("not given: the default").isEqualTo(LevelPolicy.mediumDefault());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code-policy.yml")
    public void exportsThePolicySection() throws Exception {
        ConfiguratorRegistry registry = ConfiguratorRegistry.get();
        ConfigurationContext context = new ConfigurationContext(registry);
        CNode releasePlaybook = Util.getUnclassifiedRoot(context).get("releasePlaybook");

        String exported = Util.toYamlString(releasePlaybook.asMapping().get("policy"));

        assertThat(exported).contains("zone: \"Europe/Berlin\"").contains("drillMaxAgeDays: 14")
                .contains("Mon-Thu 09:00-16:00").contains("Fri 09:00-12:00 [Asia/Shanghai]")
                .contains("2026-12-20 to 2027-01-03 year-end freeze").contains("drill: true")
                .contains("backupRestoreTested: true").contains("customItems: \"load test passed\"");
    }
}
