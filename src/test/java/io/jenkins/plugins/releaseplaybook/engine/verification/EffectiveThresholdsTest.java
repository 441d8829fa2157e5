package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.Test;

public class EffectiveThresholdsTest {
    private static final EffectiveThresholds.JobOverrides DEFAULTS = EffectiveThresholds.JobOverrides.none();
    private static final String SELECTOR = CheckCatalogue.selectorFor("checkout");
    private final EffectiveThresholds strict = new EffectiveThresholds(CheckCatalogue.builtIn(), EffectiveThresholds.AdminSettings.defaults());

    @Test
    public void withoutNamesTheDefaultSetRunsRenderedForTheService() {
        List<CheckSpec> checks = strict.resolve(List.of(), List.of(), DEFAULTS, SELECTOR);

        assertThat(checks).extracting(CheckSpec::name).containsExactlyElementsOf(CheckCatalogue.DEFAULT_SET);
        CheckSpec errors = checks.get(0);
        assertThat(errors.query()).as("a short range, so that a vanished service is not hidden")
                .isEqualTo("sum(rate(http_requests_total{code=~\"5..\",service=\"checkout\"}[1m]))"
                + " / sum(rate(http_requests_total{service=\"checkout\"}[1m]))");
        assertThat(errors.volumeQuery()).isEqualTo("sum(increase(http_requests_total{service=\"checkout\"}[1m]))");
        assertThat(errors.minVolume()).isEqualTo(100);
        assertThat(checks.get(1).volumeQuery()).as("latency has no traffic guard").isNull();
        assertThat(errors.failAfter()).as("error ratio is critical").isEqualTo(1);
        assertThat(checks.get(1).failAfter()).isEqualTo(2);
        assertThat(checks.get(1).thresholdText()).isEqualTo("<= 1 s, at most 50% above baseline; fails after 2 consecutive failing samples");
    }

    @Test
    public void aJobMayTightenAndTheReportSaysSo() {
        List<CheckSpec> checks = strict.resolve(List.of("latency_p99"),
                List.of(CheckRequest.builder("latency_p99").limit(0.3).maxChangePercent(20.0).failAfter(1)
                        .build()), new EffectiveThresholds.JobOverrides(null, NoDataPolicy.FAIL),
                SELECTOR);

        CheckSpec latency = checks.get(0);
        assertThat(latency.limit()).isEqualTo(0.3);
        assertThat(latency.maxChangePercent()).isEqualTo(20.0);
        assertThat(latency.failAfter()).isEqualTo(1);
        assertThat(latency.noData()).isEqualTo(NoDataPolicy.FAIL);
        assertThat(latency.adjustments()).isEqualTo("limit tightened from 1 s to 0.3 s; maximum change tightened from 50% to 20%;"
                + " failAfter tightened from 2 to 1; noData tightened from inconclusive to fail");
    }

    @Test
    public void looseningIsRefusedNamingCheckValueAndAdminValue() {
        assertThatThrownBy(() -> strict.resolve(List.of(), List.of(CheckRequest.builder("latency_p99").limit(2.0)
                .build()),
                DEFAULTS, SELECTOR))
                .hasMessageContaining("Check 'latency_p99': limit 2 s is looser than the admin's limit 1 s")
                .hasMessageContaining("ask a Jenkins administrator to allow loosening");
        assertThatThrownBy(() -> strict.resolve(List.of(), List.of(CheckRequest.builder("memory_available_ratio")
                .limit(0.05).build()),
                DEFAULTS, SELECTOR))
                .as("lower is worse: a smaller minimum is looser").hasMessageContaining("limit 0.05 is looser than the admin's limit 0.1");
        assertThatThrownBy(() -> strict.resolve(List.of("latency_p99"), List.of(), new EffectiveThresholds.JobOverrides(5, null), SELECTOR))
                .hasMessageContaining("failAfter 5 is looser than the admin's failAfter 2");
        assertThatThrownBy(() -> strict.resolve(List.of("latency_p99"), List.of(), new EffectiveThresholds.JobOverrides(null, NoDataPolicy.IGNORE), SELECTOR))
                .hasMessageContaining("noData ignore is looser than the admin's noData inconclusive");
    }

    @Test
    public void looseningIsNotedWhenTheAdminAllowsIt() {
        List<CheckSpec> checks = new EffectiveThresholds(CheckCatalogue.builtIn(), new EffectiveThresholds.AdminSettings(true, 3)).resolve(List.of(),
                List.of(CheckRequest.builder("latency_p99").limit(2.0).build()), DEFAULTS, SELECTOR);

        CheckSpec latency = checks.stream().filter(c -> c.name().equals("latency_p99")).findFirst().orElseThrow();
        assertThat(latency.limit()).isEqualTo(2.0);
        assertThat(latency.adjustments()).isEqualTo("limit loosened (allowed by the admin) from 1 s to 2 s");
    }

    @Test
    public void customChecksRunAloneAndNeedAQueryAndADirection() {
        CheckRequest queueDepth = CheckRequest.builder("queue_depth").query("max(queue_depth{{selector}})")
                .direction(Direction.HIGHER_IS_WORSE).limit(1000.0).critical(true).unit("jobs").build();

        List<CheckSpec> checks = strict.resolve(List.of(), List.of(queueDepth), DEFAULTS, SELECTOR);

        assertThat(checks).extracting(CheckSpec::name).containsExactly("queue_depth");
        assertThat(checks.get(0).query()).isEqualTo("max(queue_depth{service=\"checkout\"})");
        assertThat(checks.get(0).failAfter()).isEqualTo(1);
        assertThatThrownBy(() -> strict.resolve(List.of(), List.of(CheckRequest.builder("queue").limit(1.0)
                .build()), DEFAULTS, SELECTOR))
                .hasMessageContaining("Custom check 'queue' needs a 'query'");
        assertThatThrownBy(() -> strict.resolve(List.of(), List.of(CheckRequest.builder("queue").query("q").limit(1.0)
                .build()),
                DEFAULTS, SELECTOR)).hasMessageContaining("needs a 'direction'");
        assertThatThrownBy(() -> strict.resolve(List.of(), List.of(CheckRequest.builder("queue").query("q")
                .direction(Direction.LOWER_IS_WORSE).build()), DEFAULTS, SELECTOR))
                .hasMessageContaining("neither a limit nor a maximum change");
        assertThatThrownBy(() -> strict.resolve(List.of(), List.of(CheckRequest.builder("latency_p99").query("other")
                .direction(Direction.HIGHER_IS_WORSE).limit(1.0).build()), DEFAULTS, SELECTOR))
                .hasMessageContaining("give your check another name");
    }

    @Test
    public void unknownCatalogueNamesListTheKnownOnes() {
        assertThatThrownBy(() -> strict.resolve(List.of("latency_p42"), List.of(), DEFAULTS, SELECTOR))
                .hasMessageContaining("Unknown check 'latency_p42'")
                .hasMessageContaining("latency_p95, latency_p99");
    }

    @Test
    public void selectorsEscapeQuotesAndBackslashes() {
        assertThat(CheckCatalogue.selectorFor("a\"b\\c")).isEqualTo("service=\"a\\\"b\\\\c\"");
    }

    @Test
    public void theAdminsDefaultSetReplacesTheBuiltInOne() {
        CheckCatalogue catalogue = new CheckCatalogue(CheckCatalogue.builtIn().definitions(), List.of("latency_p95", "error_ratio"));

        List<CheckSpec> checks = new EffectiveThresholds(catalogue, EffectiveThresholds.AdminSettings.defaults()).resolve(List.of(), List.of(), DEFAULTS, SELECTOR);

        assertThat(checks).extracting(CheckSpec::name).containsExactly("latency_p95", "error_ratio");
        assertThatThrownBy(() -> new CheckCatalogue(CheckCatalogue.builtIn().definitions(), List.of("latency_p42")))
                .hasMessageContaining("The default checks name 'latency_p42', which the catalogue does not define");
        CheckCatalogue small = new CheckCatalogue(List.of(CheckCatalogue.builtIn().get("error_ratio")));
        assertThat(small.defaultSet()).as("built-in default set less what the admin removed").containsExactly("error_ratio");
    }

    @Test
    public void directionsAndPercentagesAreReadAsPeopleWriteThem() {
        assertThat(Direction.parse("higher_is_worse")).isEqualTo(Direction.HIGHER_IS_WORSE);
        assertThat(Direction.parse(" lower ")).isEqualTo(Direction.LOWER_IS_WORSE);
        assertThatThrownBy(() -> Direction.parse("up")).hasMessageContaining("Unknown direction 'up'");
        assertThat(io.jenkins.plugins.releaseplaybook.engine.support.Percentages.parse("20%")).isEqualTo(20.0);
        assertThat(io.jenkins.plugins.releaseplaybook.engine.support.Percentages.parse(" 12.5 ")).isEqualTo(12.5);
        for (String bad : List.of("", "%", "-5%", "0%", "twenty", "20%%", "1e3")) {
            assertThatThrownBy(() -> io.jenkins.plugins.releaseplaybook.engine.support.Percentages.parse(bad)).as(bad)
                    .hasMessageContaining("percentage");
        }
    }

    @Test
    public void catalogueRefusesDuplicatesAndChecksThatCanNeverFail() {
        CheckDefinition one = CheckCatalogue.builtIn().get("latency_p99");
        assertThatThrownBy(() -> new CheckCatalogue(List.of(one, one))).hasMessageContaining("defines 'latency_p99' twice");
        assertThatThrownBy(() -> one.withLimits(null, null, null)).hasMessageContaining("can never fail");
        assertThatThrownBy(() -> CheckDefinition.builder("bad name").query("q").higherIsWorse().limit(1.0).build())
                .hasMessageContaining("Check name 'bad name' is invalid");
    }

    @Test
    public void aJobWideFailAfterAppliesToTheChecksThatAreNotCritical() {
        List<CheckSpec> checks = strict.resolve(List.of(), List.of(), new EffectiveThresholds.JobOverrides(2, null), SELECTOR);

        assertThat(checks.get(0).name()).isEqualTo("error_ratio");
        assertThat(checks.get(0).failAfter()).as("critical: keeps its own 1").isEqualTo(1);
        assertThat(checks.get(0).adjustmentNotes()).isEmpty();
        assertThat(checks.get(1).failAfter()).isEqualTo(2);

        List<CheckSpec> tighter = strict.resolve(List.of(), List.of(), new EffectiveThresholds.JobOverrides(1, null), SELECTOR);
        assertThat(tighter).allSatisfy(c -> assertThat(c.failAfter()).isEqualTo(1));
        assertThat(tighter.get(1).adjustments()).isEqualTo("failAfter tightened from 2 to 1");
    }

    @Test
    public void aCriticalCheckNamedByTheJobTakesItsOwnFailAfter() {
        EffectiveThresholds lenient = new EffectiveThresholds(CheckCatalogue.builtIn(), new EffectiveThresholds.AdminSettings(true, 3));
        List<CheckSpec> checks = lenient.resolve(List.of(), List.of(CheckRequest.builder("error_ratio").failAfter(3)
                .build(),
                CheckRequest.builder("latency_p99").failAfter(1)
                        .build()), new EffectiveThresholds.JobOverrides(2, null), SELECTOR);

        assertThat(checks.get(0).failAfter()).isEqualTo(3);
        assertThat(checks.get(0).adjustments()).isEqualTo("failAfter loosened (allowed by the admin) from 1 to 3");
        assertThat(checks.get(1).failAfter()).as("the check's own setting wins over the job-wide one").isEqualTo(1);
        assertThatThrownBy(() -> strict.resolve(List.of(), List.of(CheckRequest.builder("error_ratio").failAfter(2)
                .build()),
                DEFAULTS, SELECTOR)).hasMessageContaining("looser than the admin's failAfter 1");
    }

    @Test
    public void repeatingTheAdminsValueIsNoAdjustment() {
        List<CheckSpec> checks = strict.resolve(List.of("latency_p99"),
                List.of(CheckRequest.builder("latency_p99").limit(1.0).maxChangePercent(50.0).failAfter(2)
                        .build()), DEFAULTS, SELECTOR);

        assertThat(checks.get(0).adjustmentNotes()).isEmpty();
        assertThat(checks.get(0).adjustments()).isEmpty();
    }
}
