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
        CheckSpec spec = new CheckSpec("queue", "queue depth", "q", Direction.HIGHER_IS_WORSE, 1234.0, 100.0, 2,
                NoDataPolicy.INCONCLUSIVE, "", 3, "");
        assertThat(spec.thresholdText()).isEqualTo("<= 1234, at most 100% above baseline; fails after 2 consecutive failing samples");

        CheckCatalogue catalogue = new CheckCatalogue(List.of(new CheckDefinition("queue", "queue depth", "q",
                Direction.HIGHER_IS_WORSE, 2000.0, null, null, false, null, null)), List.of("queue"));
        List<CheckSpec> specs = new EffectiveThresholds(catalogue, false).resolve(List.of(),
                List.of(CheckRequest.tighten("queue", 1234.0, null, null)), new EffectiveThresholds.JobSettings(null, null, 3), "");
        assertThat(specs.get(0).adjustments()).isEqualTo("limit tightened from 2000 to 1234");
    }
}
