package io.jenkins.plugins.releaseplaybook.config;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.steps.CustomCheck;
import java.math.BigDecimal;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * {@code customChecks: [[name: ..., limit: 0.02]]} as the Pipeline binds it: structs' {@link DescribableModel} hands
 * a Groovy {@code BigDecimal} or {@code Integer} through unchanged to an {@code Object} property (a {@code String}
 * property would refuse them with a {@code ClassCastException}).
 */
public class CustomCheckBindingITest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void numbersAndTextsBindToTheLimit() throws Exception {
        DescribableModel<CustomCheck> model = DescribableModel.of(CustomCheck.class);

        CustomCheck decimal = model.instantiate(Map.of("name", "error_ratio", "limit", new BigDecimal("0.02")));
        CustomCheck whole = model.instantiate(Map.of("name", "queue_depth", "limit", 100, "maxChange", 30));
        CustomCheck text = model.instantiate(Map.of("name", "latency_p99", "limit", " 500 ms ", "maxChange", "20%"));

        assertThat(decimal.getLimit()).isEqualTo("0.02");
        assertThat(whole.getLimit()).isEqualTo("100");
        assertThat(whole.getMaxChange()).isEqualTo("30");
        assertThat(text.getLimit()).isEqualTo("500ms");
        assertThat(text.getMaxChange()).isEqualTo("20%");
    }

    /** A text that cannot be read is kept as written: the step reports it with the check's name when it runs. */
    @Test
    public void unreadableTextIsKeptForTheStepToReport() throws Exception {
        CustomCheck check = DescribableModel.of(CustomCheck.class)
                .instantiate(Map.of("name", "latency_p99", "limit", "fast", "direction", "higher", "noData", "fail"));

        assertThat(check.getLimit()).isEqualTo("fast");
        assertThat(check.getDirection()).isEqualTo("HIGHER_IS_WORSE");
        assertThat(check.getNoData()).isEqualTo("FAIL");
    }

    /** A new check of the job's own gets a real direction by default; a catalogue check may keep the catalogue's. */
    @Test
    public void directionChoicesDependOnTheName() {
        CustomCheck.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(CustomCheck.DescriptorImpl.class);

        assertThat(values(descriptor.doFillDirectionItems(null, "latency_p99")))
                .containsExactly("", "HIGHER_IS_WORSE", "LOWER_IS_WORSE");
        assertThat(values(descriptor.doFillDirectionItems(null, "queue_depth")))
                .containsExactly("HIGHER_IS_WORSE", "LOWER_IS_WORSE");
        assertThat(values(descriptor.doFillDirectionItems(null, "")))
                .containsExactly("HIGHER_IS_WORSE", "LOWER_IS_WORSE");
        assertThat(values(descriptor.doFillNoDataItems(null))).containsExactly("", "INCONCLUSIVE", "FAIL", "IGNORE");
    }

    private static java.util.List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
