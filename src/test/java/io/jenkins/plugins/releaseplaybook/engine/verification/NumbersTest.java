package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.Test;

public class NumbersTest {
    @Test
    public void typedNumbersComeBackAsTyped() {
        assertThat(Numbers.exact(100.0)).isEqualTo("100");
        assertThat(Numbers.exact(1234.0)).isEqualTo("1234");
        assertThat(Numbers.exact(0.02)).isEqualTo("0.02");
        assertThat(Numbers.exact(1.5)).isEqualTo("1.5");
        assertThat(Numbers.exactPercent(20.0)).isEqualTo("20%");
    }

    @Test
    public void thresholdsAndAdjustmentsShowTheTypedLimits() {
        CheckSpec spec = CheckSpec.builder("queue").description("queue depth").query("q").higherIsWorse()
                .limit(1234.0).maxChangePercent(100.0).build();
        assertThat(spec.thresholdText()).isEqualTo("<= 1234, at most 100% above baseline; fails after 2 consecutive failing samples");

        CheckCatalogue catalogue = new CheckCatalogue(List.of(CheckDefinition.builder("queue")
                .description("queue depth").query("q").higherIsWorse().limit(2000.0).build()), List.of("queue"));
        List<CheckSpec> specs = new EffectiveThresholds(catalogue, EffectiveThresholds.AdminSettings.defaults()).resolve(List.of(),
                List.of(CheckRequest.builder("queue").limit(1234.0)
                        .build()), EffectiveThresholds.JobOverrides.none(), "");
        assertThat(specs.get(0).adjustments()).isEqualTo("limit tightened from 2000 to 1234");
    }
}
