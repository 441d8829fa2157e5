package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.releaseplaybook.engine.rollback.LoopGuard;
import org.junit.Rule;
import org.junit.Test;

/** {@code unclassified: releasePlaybook: rollback:} in Configuration as Code, applied and exported. */
public class RollbackSectionCascITest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code-rollback.yml")
    public void appliesTheRollbackSection() {
        assertThat(ReleasePlaybookConfiguration.get().getRollback().getMaxConsecutiveRollbacks()).isEqualTo(5);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code-rollback.yml")
    public void exportsTheRollbackSection() throws Exception {
        ConfiguratorRegistry registry = ConfiguratorRegistry.get();
        ConfigurationContext context = new ConfigurationContext(registry);
        CNode releasePlaybook = Util.getUnclassifiedRoot(context).get("releasePlaybook");

        String exported = Util.toYamlString(releasePlaybook.asMapping().get("rollback"));

        assertThat(exported).contains("maxConsecutiveRollbacks: 5");
    }

    @Test
    public void theDefaultIsTheEnginesAndValidationSaysWhatIsWrong() {
        RollbackSection section = ReleasePlaybookConfiguration.get().getRollback();
        assertThat(section.getMaxConsecutiveRollbacks()).isEqualTo(LoopGuard.DEFAULT_MAX_CONSECUTIVE_ROLLBACKS);

        RollbackSection.DescriptorImpl descriptor =
                r.jenkins.getDescriptorByType(RollbackSection.DescriptorImpl.class);
        assertThat(descriptor.doCheckMaxConsecutiveRollbacks("-1").getMessage())
                .as("FormValidation.error escapes its message (the quotes become &quot;)")
                .isEqualTo(hudson.Util.escape(Messages.RollbackSection_MaxInvalid("-1", 100)));
        assertThat(descriptor.doCheckMaxConsecutiveRollbacks("three").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckMaxConsecutiveRollbacks("0").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(descriptor.doCheckMaxConsecutiveRollbacks("3").kind).isEqualTo(FormValidation.Kind.OK);
    }
}
