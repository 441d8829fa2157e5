package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.Test;

/**
 * The presence query that tells a vanished service from a {@code rate()} still answering for its range, the
 * deployed-version check, and the summary that says why; on a manual clock against answers the test controls.
 */
public class PresenceAndVersionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final String SELECTOR = CheckCatalogue.selectorFor("checkout");

    private final ManualClock clock = new ManualClock(T0);

    @Test
    public void absentRawSeriesMakeASampleNoDataWhileTheRangeQueryStillAnswers() throws Exception {
        Instant vanished = T0.plusSeconds(60);
        CheckSpec requests = CheckSpec.builder("request_rate").description("request rate").query("rate")
                .lowerIsWorse().limit(1).presenceQuery("count").build();
        // The rate keeps answering (its range remembers the service); the raw series are gone from 12:01:00.
        Answers prometheus = new Answers((query, at) -> query.equals("rate") ? series(5.0)
                : at.isBefore(vanished) ? series(3.0) : List.of());

        VerificationResult result = verify(prometheus, requests);

        CheckResult check = result.checks().get(0);
        assertThat(check.samples()).extracting(Sample::outcome).containsExactly(SampleOutcome.PASS, SampleOutcome.PASS,
                SampleOutcome.NODATA, SampleOutcome.NODATA, SampleOutcome.NODATA);
        assertThat(check.samples().get(2).error()).isEqualTo("series absent");
        assertThat(check.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(check.trail()).anySatisfy(l -> assertThat(l)
                .startsWith("request rate: no data since 12:01:00 (the last 3 of 5 samples; last: series absent"));
        assertThat(check.trail(Locale.SIMPLIFIED_CHINESE)).anySatisfy(l -> assertThat(l).contains("序列不存在"));
        assertThat(prometheus.asked("rate")).as("the main query is not asked for series that are gone").hasSize(2);
    }

    @Test
    public void aPresenceQueryAnsweringZeroIsAbsentToo() throws Exception {
        CheckSpec check = CheckSpec.builder("x").query("value").higherIsWorse().limit(1).presenceQuery("count").build();
        Answers prometheus = new Answers((query, at) -> query.equals("value") ? series(0.5) : series(0.0));

        VerificationResult result = verify(prometheus, check);

        assertThat(result.checks().get(0).samples()).allSatisfy(s -> assertThat(s.error()).isEqualTo("series absent"));
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void builtInChecksCountTheirRawSeriesWithoutARange() {
        for (CheckDefinition definition : CheckCatalogue.builtIn().definitions()) {
            assertThat(definition.presenceQuery()).as(definition.name()).startsWith("count(").doesNotContain("[");
        }
        assertThat(CheckCatalogue.builtIn().get("error_ratio").renderPresence(SELECTOR))
                .isEqualTo("count(http_requests_total{service=\"checkout\"})");
        assertThat(CheckCatalogue.builtIn().get("latency_p99").renderPresence(SELECTOR))
                .isEqualTo("count(http_request_duration_seconds_bucket{service=\"checkout\"})");
        assertThat(CheckCatalogue.builtIn().get("load_per_core").renderPresence(SELECTOR))
                .isEqualTo("count(node_load1{service=\"checkout\"})");
    }

    @Test
    public void instancesOnAnotherVersionFailTheDeployedVersionCheck() throws Exception {
        CheckSpec version = resolve(List.of("deployed_version"), "1.4.2").get(0);
        assertThat(version.query()).isEqualTo("build_info{service=\"checkout\"}");
        assertThat(version.thresholdText()).isEqualTo("every instance reports 1.4.2; fails after 2 consecutive failing samples");
        Answers prometheus = new Answers((query, at) -> query.startsWith("count(") ? series(5.0) : List.of(
                instance("a", "1.4.2"), instance("b", "1.4.1"), instance("c", "1.4.2"), instance("d", "1.4.1"),
                instance("e", "1.4.2")));

        VerificationResult result = verify(prometheus, version);

        CheckResult check = result.checks().get(0);
        assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check.trail()).contains("deployed version: 2 of 5 instances still report another version (1.4.1) in 2"
                + " consecutive samples (12:00:00, 12:00:30)");
        assertThat(check.trail(Locale.SIMPLIFIED_CHINESE)).anySatisfy(l -> assertThat(l).contains("5 个实例中有 2 个"));
        assertThat(result.summary()).startsWith("Verification 'checkout': FAIL: deployed_version: 2 of 5 instances still"
                + " report another version (1.4.1)");
    }

    @Test
    public void aRolloutCompleteAtTheEndPassesAndOneStillRunningAtTheEndFails() throws Exception {
        CheckSpec version = resolve(List.of("deployed_version"), "1.4.2").get(0);
        Instant done = T0.plusSeconds(60);
        Answers finishing = new Answers((query, at) -> query.startsWith("count(") ? series(2.0)
                : List.of(instance("a", "1.4.2"), instance("b", at.isBefore(done) && at.isAfter(T0) ? "1.4.1" : "1.4.2")));
        CheckResult finished = verify(finishing, version).checks().get(0);
        assertThat(finished.verdict()).as(finished.trail().toString()).isEqualTo(Verdict.PASS);
        assertThat(finished.trail()).contains("deployed version: all 2 instances report 1.4.2 at the end of the window; 1"
                + " failing sample, never 2 in a row");

        Instant late = clock.instant().plusSeconds(120); // the last round of the second window
        Answers stuck = new Answers((query, at) -> query.startsWith("count(") ? series(2.0)
                : List.of(instance("a", "1.4.2"), instance("b", at.isBefore(late) ? "1.4.2" : "1.4.1")));
        CheckResult unfinished = verify(stuck, version).checks().get(0);
        assertThat(unfinished.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(unfinished.why()).isEqualTo("deployed version: at the end of the window 1 of 2 instances still report"
                + " another version (1.4.1) (last sample " + CheckJudge.clock(late) + "): the rollout is not complete");
    }

    @Test
    public void theDeployedVersionCheckNeedsTheReleasesVersion() {
        assertThatThrownBy(() -> resolve(List.of("deployed_version"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Check 'deployed_version' compares the deployed version with the release's, but no"
                        + " version is known: call releasePlan(version: ...)");
        assertThat(resolve(List.of(), null)).extracting(CheckSpec::name).doesNotContain("deployed_version")
                .containsExactlyElementsOf(CheckCatalogue.DEFAULT_SET);
        assertThat(resolve(List.of(), "1.4.2")).extracting(CheckSpec::name).endsWith("deployed_version");
        CheckCatalogue chosen = new CheckCatalogue(CheckCatalogue.builtIn().definitions(), List.of("error_ratio"));
        assertThat(new EffectiveThresholds(chosen, EffectiveThresholds.AdminSettings.defaults())
                .resolve(List.of(), List.of(), EffectiveThresholds.JobOverrides.none(), SELECTOR, "1.4.2"))
                .as("a default set the admin chose is taken as it is").extracting(CheckSpec::name)
                .containsExactly("error_ratio");
    }

    @Test
    public void versionMetricAndLabelAreConfigurable() {
        CheckDefinition custom = CheckDefinition.deployedVersion("app_version").versionMetric("app_info")
                .versionLabel("release").build();
        CheckCatalogue catalogue = new CheckCatalogue(List.of(custom));
        CheckSpec spec = new EffectiveThresholds(catalogue, EffectiveThresholds.AdminSettings.defaults())
                .resolve(List.of("app_version"), List.of(), EffectiveThresholds.JobOverrides.none(), SELECTOR, "2.0")
                .get(0);
        assertThat(spec.query()).isEqualTo("app_info{service=\"checkout\"}");
        assertThat(spec.presenceQuery()).isEqualTo("count(app_info{service=\"checkout\"})");
        assertThat(spec.versionLabel()).isEqualTo("release");
        assertThat(spec.expectedVersion()).isEqualTo("2.0");
        assertThatThrownBy(() -> CheckDefinition.deployedVersion("v").versionLabel("not a label").build())
                .hasMessageContaining("version label 'not a label'");
        assertThatThrownBy(() -> CheckDefinition.deployedVersion("v").versionMetric("build-info").build())
                .hasMessageContaining("version metric 'build-info'");
    }

    @Test
    public void theSummaryOfAnUnreachablePrometheusSaysSoOnceNamingTheChecks() throws Exception {
        QueryPort down = new Answers((query, at) -> null);

        VerificationResult result = verify(down, CheckSpec.builder("error_ratio").query("e").higherIsWorse().limit(0.01)
                .build(), CheckSpec.builder("latency_p99").query("l").higherIsWorse().limit(1).build());

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.summary()).isEqualTo("Verification 'checkout': ERROR: Prometheus at http://prometheus:9090 is"
                + " unreachable: connection refused (checks error_ratio, latency_p99) (stopped early after 3 rounds)");
    }

    @Test
    public void thePassSummaryCountsTheChecks() throws Exception {
        VerificationResult result = verify(new Answers((query, at) -> series(0.1)),
                CheckSpec.builder("a").query("a").higherIsWorse().limit(1).build());
        assertThat(result.summary()).isEqualTo("Verification 'checkout': PASS: all 1 check passed");
    }

    @Test
    public void buildersNameTheirNumbersAndFillTheDefaults() {
        CheckSpec p99 = CheckSpec.builder("latency_p99").query("q").higherIsWorse().limit(1.0).maxChangePercent(50)
                .unit("s").build();
        assertThat(p99.limit()).isEqualTo(1.0);
        assertThat(p99.maxChangePercent()).isEqualTo(50.0);
        assertThat(p99.description()).isEqualTo("latency_p99");
        assertThat(p99.failAfter()).isEqualTo(2);
        assertThat(p99.maxErrors()).isEqualTo(3);
        assertThat(p99.noData()).isEqualTo(NoDataPolicy.INCONCLUSIVE);
        assertThat(p99.toBuilder().noMaxChange().build().maxChangePercent()).isNull();
        assertThatThrownBy(() -> CheckSpec.builder("x").query("q").build())
                .hasMessageContaining("direction of check x");

        CheckDefinition definition = CheckDefinition.builder("queue").query("q{{selector}}").lowerIsWorse().limit(3)
                .build();
        assertThat(definition.effectiveFailAfter()).isEqualTo(2);
        assertThat(definition.toBuilder().critical().build().effectiveFailAfter()).isEqualTo(1);
        assertThatThrownBy(() -> CheckDefinition.builder("queue").query("q").lowerIsWorse().build())
                .hasMessageContaining("neither a limit nor a maximum change");

        VerificationSpec spec = VerificationSpec.builder("checkout").check(p99).duration(Duration.ofMinutes(10))
                .interval(Duration.ofSeconds(30)).build();
        assertThat(spec.hasBaseline()).isFalse();
        assertThat(spec.errorPolicy()).isEqualTo(ErrorPolicy.FAIL_CLOSED);
        assertThat(spec.concurrency()).isEqualTo(VerificationSpec.DEFAULT_CONCURRENCY);
        assertThat(spec.rounds()).isEqualTo(21);
    }

    @Test
    public void adminSettingsAndJobOverridesAreApart() {
        assertThatThrownBy(() -> new EffectiveThresholds.AdminSettings(false, 0)).hasMessageContaining("maxErrors is 0");
        assertThatThrownBy(() -> new EffectiveThresholds.JobOverrides(0, null)).hasMessageContaining("failAfter is 0");
        List<CheckSpec> checks = new EffectiveThresholds(CheckCatalogue.builtIn(),
                new EffectiveThresholds.AdminSettings(false, 5)).resolve(List.of("latency_p99"), List.of(),
                        EffectiveThresholds.JobOverrides.none(), SELECTOR);
        assertThat(checks.get(0).maxErrors()).as("the admin's maxErrors").isEqualTo(5);
    }

    private List<CheckSpec> resolve(List<String> names, String version) {
        return new EffectiveThresholds(CheckCatalogue.builtIn(), EffectiveThresholds.AdminSettings.defaults())
                .resolve(names, List.of(), EffectiveThresholds.JobOverrides.none(), SELECTOR, version);
    }

    /** Five rounds, 30 s apart, on the manual clock. */
    private VerificationResult verify(QueryPort prometheus, CheckSpec... checks) throws VerificationException {
        VerificationSpec spec = VerificationSpec.builder("checkout").checks(List.of(checks))
                .duration(Duration.ofMinutes(2)).interval(Duration.ofSeconds(30)).build();
        return new StabilityVerifier(prometheus, clock, clock.sleeper(), line -> { }).verify(spec);
    }

    private static List<Series> series(double value) {
        return List.of(new Series(Map.of(), value));
    }

    private static Series instance(String name, String version) {
        return new Series(Map.of("__name__", "build_info", "instance", name, "version", version), 1);
    }

    /** Instant answers from a function of (query, time); {@code null} means "unreachable". */
    private static final class Answers implements QueryPort {
        private final BiFunction<String, Instant, List<Series>> answers;
        private final List<String> asked = new ArrayList<>();

        Answers(BiFunction<String, Instant, List<Series>> answers) {
            this.answers = answers;
        }

        @Override
        public synchronized QueryResult query(String promql, Instant at) throws VerificationException {
            asked.add(promql);
            List<Series> series = answers.apply(promql, at);
            if (series == null) {
                throw new VerificationException(VerificationException.Kind.UNREACHABLE, promql,
                        URI.create("http://prometheus:9090"), -1, null,
                        "Prometheus at http://prometheus:9090 is unreachable: connection refused");
            }
            return new QueryResult(promql, series, List.of());
        }

        @Override
        public RangeResult queryRange(String promql, Instant start, Instant end, Duration step) {
            throw new UnsupportedOperationException("no baseline in these tests");
        }

        synchronized List<String> asked(String query) {
            return asked.stream().filter(query::equals).toList();
        }
    }
}
