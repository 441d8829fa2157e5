package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.CheckRecord;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import io.jenkins.plugins.releaseplaybook.engine.verification.SampleOutcome;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/** The judgement of design §4 on synthetic series: every rule, and the cases that trip naive judges. */
public class CheckJudgeTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static CheckSpec latency(int failAfter, NoDataPolicy noData) {
        return CheckSpec.builder("latency_p99").description("p99 latency").query("q").higherIsWorse().limit(0.5)
                .maxChangePercent(50.0).failAfter(failAfter).noData(noData).unit("s").build();
    }

    private static final CheckSpec LATENCY = latency(2, NoDataPolicy.INCONCLUSIVE);

    @Test
    public void healthySeriesPassesWithItsMedianInTheTrail() {
        CheckResult result = judge(LATENCY, baseline(0.2, 0.21, 0.22, 0.2, 0.19, 0.21), 0.2, 0.22, 0.21, 0.2, 0.23, 0.21);

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.observed()).isEqualTo(0.21);
        assertThat(result.trail()).anySatisfy(l -> assertThat(l).startsWith("p99 latency median 0.21 s <= 0.5 s over 6 samples"));
    }

    @Test
    public void consecutiveFailuresFailWithValuesAndTimes() {
        CheckJudge judge = new CheckJudge(LATENCY, ErrorPolicy.FAIL_CLOSED);
        feed(judge, 0.2, 0.82, 0.91, 0.95);

        CheckResult result = judge.conclude(null);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.samples()).as("nothing is recorded after the verdict").hasSize(3);
        assertThat(result.observed()).isEqualTo(0.91);
        assertThat(result.trail()).contains("p99 latency 0.82 s, 0.91 s > 0.5 s for 2 consecutive samples (12:00:30, 12:01:00)");
    }

    @Test
    public void flappingNeverFailsTwiceInARowAndPassesButSaysSo() {
        CheckResult result = judge(latency(2, NoDataPolicy.INCONCLUSIVE), baseline(0.4, 0.45, 0.42, 0.41, 0.44),
                0.6, 0.3, 0.7, 0.4, 0.8, 0.45);

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.trail()).anySatisfy(l -> assertThat(l).contains("3 failing samples, never 2 in a row"));
    }

    @Test
    public void aCriticalCheckFailsOnItsFirstFailingSample() {
        CheckResult result = judge(latency(1, NoDataPolicy.INCONCLUSIVE), null, 0.2, 0.6);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.trail()).contains("p99 latency 0.6 s > 0.5 s for 1 consecutive sample (12:00:30)");
    }

    @Test
    public void aGapInTheDataDoesNotHideARunOfFailures() {
        CheckJudge judge = new CheckJudge(LATENCY, ErrorPolicy.FAIL_CLOSED);
        judge.record(value(0, 0.9));
        judge.record(Sample.noData(at(1), "empty result"));
        judge.record(Sample.error(at(2), "Prometheus unreachable"));
        judge.record(value(3, 0.95));

        assertThat(judge.conclude(null).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    public void allNanIsInconclusiveByDefaultAndFailsUnderTheFailPolicy() {
        double nan = Double.NaN;
        assertThat(judge(LATENCY, null, nan, nan, nan).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        CheckResult strict = judge(latency(2, NoDataPolicy.FAIL), null, nan, nan, nan);
        assertThat(strict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(strict.trail()).anySatisfy(l -> assertThat(l).contains("no data in any of 3 samples").contains("policy: fail"));
        assertThat(judge(latency(2, NoDataPolicy.IGNORE), null, nan, nan).verdict())
                .as("never PASS without a single value, whatever the policy").isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void halfTheSamplesWithoutDataIsInconclusiveUnlessIgnored() {
        double nan = Double.NaN;
        assertThat(judge(LATENCY, baseline(0.2, 0.2, 0.2, 0.2, 0.2), 0.2, nan, 0.2, nan).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
        CheckSpec absoluteOnly = CheckSpec.builder("x").query("q").higherIsWorse().limit(0.5)
                .noData(NoDataPolicy.IGNORE).build();
        assertThat(judge(absoluteOnly, null, 0.2, nan, 0.2, nan).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    public void oneSampleIsJudgedButCannotBeComparedWithTheBaseline() {
        CheckResult result = judge(LATENCY, baseline(0.2, 0.2, 0.21, 0.2, 0.19), 0.21);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.trail()).anySatisfy(l -> assertThat(l).contains("too few samples to compare"));
    }

    @Test
    public void errorsInterleavedWithGoodSamplesAreNotedButDoNotFail() {
        CheckJudge judge = new CheckJudge(absolute(), ErrorPolicy.FAIL_CLOSED);
        for (int i = 0; i < 8; i++) {
            judge.record(i % 2 == 0 ? Sample.error(at(i), "HTTP 503") : value(i, 0.1));
        }

        CheckResult result = judge.conclude(null);

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.trail()).anySatisfy(l -> assertThat(l).contains("4 of 8 queries failed (fewer than 3 in a row)"));
    }

    @Test
    public void consecutiveErrorsFailClosedOrInconclusiveAsTheAdminSays() {
        CheckJudge closed = new CheckJudge(absolute(), ErrorPolicy.FAIL_CLOSED);
        CheckJudge lenient = new CheckJudge(absolute(), ErrorPolicy.INCONCLUSIVE);
        for (CheckJudge judge : List.of(closed, lenient)) {
            judge.record(value(0, 0.1));
            for (int i = 1; i <= 3; i++) {
                judge.record(Sample.error(at(i), "Prometheus at http://p:9090 is unreachable"));
            }
        }

        assertThat(closed.stopsVerification()).isTrue();
        CheckResult failed = closed.conclude(null);
        assertThat(failed.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(failed.trail()).anySatisfy(l -> assertThat(l)
                .isEqualTo("x: 3 consecutive failed queries (12:00:30, 12:01:00, 12:01:30); last: Prometheus at http://p:9090 is unreachable"));
        assertThat(lenient.stopsVerification()).isFalse();
        assertThat(lenient.conclude(null).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void reasonsLeaveOutTheNoteOnAdjustedThresholds() {
        CheckSpec tightened = CheckSpec.builder("x").query("q").higherIsWorse().limit(0.5)
                .adjustmentNotes(List.of(Text.literal("limit tightened from 1 to 0.5"))).build();
        CheckResult result = judge(tightened, null, 0.9, 0.9);

        assertThat(result.trail()).first().isEqualTo("thresholds: limit tightened from 1 to 0.5");
        assertThat(result.reasons()).containsExactly("x 0.9 > 0.5 for 2 consecutive samples (12:00:00, 12:00:30)");
    }

    @Test
    public void aRejectedQueryIsAnErrorAtOnce() {
        CheckJudge judge = new CheckJudge(absolute(), ErrorPolicy.FAIL_CLOSED);
        judge.record(Sample.rejected(at(0), "PromQL error in 'rate(x[1m]': unclosed left parenthesis"));

        assertThat(judge.stopsVerification()).isTrue();
        assertThat(judge.conclude(null).trail())
                .containsExactly("x: Prometheus rejected the query, so it cannot be judged: PromQL error in 'rate(x[1m]': unclosed left parenthesis");
    }

    @Test
    public void onlyErrorsIsNeverAPass() {
        CheckJudge judge = new CheckJudge(absolute(), ErrorPolicy.FAIL_CLOSED);
        judge.record(Sample.error(at(0), "HTTP 503"));
        judge.record(Sample.error(at(1), "HTTP 503"));

        assertThat(judge.conclude(null).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    public void emptyBaselineIsReportedNotPassed() {
        CheckResult result = judge(LATENCY, Baseline.missing(at(-20), at(0), "no data in the baseline window"),
                0.2, 0.2, 0.21, 0.2, 0.2, 0.22);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.trail()).anySatisfy(l -> assertThat(l)
                .contains("no baseline data (no data in the baseline window)").contains("not evaluated"));
        assertThat(CheckRecord.from(result).baseline()).isNull();
    }

    @Test
    public void doubledLatencyUnderTheAbsoluteLimitIsARegression() {
        CheckResult result = judge(LATENCY, baseline(0.1, 0.11, 0.1, 0.09, 0.1, 0.11, 0.1, 0.1),
                0.2, 0.21, 0.2, 0.19, 0.2, 0.22, 0.2, 0.21);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.trail()).anySatisfy(l -> assertThat(l)
                .startsWith("p99 latency median 0.2 s vs baseline 0.1 s: 100% above (limit: at most 50% above)")
                .endsWith(": regression"));
        assertThat(CheckRecord.from(result).baseline()).isEqualTo(0.1);
    }

    @Test
    public void tenPercentNoiseNeverFailsA20PercentLimit() {
        Random random = new Random(42);
        CheckSpec tight = CheckSpec.builder("latency_p99").description("p99 latency").query("q").higherIsWorse()
                .maxChangePercent(20.0).unit("s").build();
        for (int trial = 0; trial < 1000; trial++) {
            double[] baseline = noisy(random, 0.2, 8 + random.nextInt(30));
            double[] window = noisy(random, 0.2, 6 + random.nextInt(20));
            assertThat(judge(tight, Baseline.of(at(-40), at(0), baseline), window).verdict()).as("trial %d", trial)
                    .isEqualTo(Verdict.PASS);
        }
    }

    @Test
    public void aLargeButInsignificantChangeIsTreatedAsNoise() {
        // Medians differ by 60 %, but the samples overlap so much that the difference is not significant.
        CheckResult result = judge(LATENCY, baseline(0.1, 0.1, 0.1, 0.3, 0.3, 0.3),
                0.1, 0.1, 0.32, 0.32, 0.33, 0.34);

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.trail()).anySatisfy(l -> assertThat(l).contains("but not significant").contains("treated as noise"));
    }

    @Test
    public void aDropInThroughputFailsALowerIsWorseCheck() {
        CheckSpec requests = CheckSpec.builder("request_rate").description("request rate").query("q").lowerIsWorse()
                .maxChangePercent(50.0).unit("req/s").build();

        CheckResult dropped = judge(requests, baseline(100, 102, 98, 101, 99, 100), 30, 31, 29, 30, 32, 30);
        CheckResult grown = judge(requests, baseline(100, 102, 98, 101, 99, 100), 300, 310, 290, 300, 320, 300);

        assertThat(dropped.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(dropped.trail()).anySatisfy(l -> assertThat(l).contains("70% below"));
        assertThat(grown.verdict()).as("more traffic is no regression").isEqualTo(Verdict.PASS);
    }

    @Test
    public void theWorstSeriesIsJudgedAndNamed() {
        QueryResult result = new QueryResult("q", List.of(
                new Series(Map.of("instance", "web1"), 0.2),
                new Series(Map.of("instance", "web2"), 0.9),
                new Series(Map.of("instance", "web3"), Double.NaN)), List.of());

        Sample sample = SampleClassifier.classify(LATENCY, T0, result);

        assertThat(sample.outcome()).isEqualTo(SampleOutcome.FAIL);
        assertThat(sample.value()).isEqualTo(0.9);
        assertThat(sample.series()).contains("web2");
        assertThat(SampleClassifier.classify(LATENCY, T0, new QueryResult("q", List.of(), List.of())).outcome())
                .isEqualTo(SampleOutcome.NODATA);
        assertThat(SampleClassifier.classify(LATENCY, T0, new QueryResult("q",
                List.of(new Series(Map.of(), Double.POSITIVE_INFINITY)), List.of())).outcome()).isEqualTo(SampleOutcome.NODATA);
    }

    @Test
    public void aSeriesThatVanishesAtTheEndIsNeverAPass() {
        // The acceptance run's case: the last 13 of 37 samples had no data, the 24 before were healthy.
        double[] values = new double[37];
        java.util.Arrays.fill(values, 0, 24, 0.25);
        java.util.Arrays.fill(values, 24, 37, Double.NaN);

        CheckResult result = judge(absolute(), null, values);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.trail()).contains("x: no data since 12:12:00 (the last 13 of 37 samples; last: value NaN;"
                + " policy: inconclusive): the series vanished, so the check cannot pass");
        assertThat(result.trail()).contains("x: 13 of 37 samples without data (last: value NaN)");
        assertThat(judge(absolute(NoDataPolicy.FAIL), null, values).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judge(absolute(NoDataPolicy.IGNORE), null, values).verdict()).as("vanished is never ignored")
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void aVanishedTailNeedsFailAfterSamplesAndAFifthOfTheWindow() {
        double nan = Double.NaN;
        CheckResult oneSample = judge(absolute(), null, 0.2, 0.2, 0.2, 0.2, nan);
        assertThat(oneSample.verdict()).as("one sample is fewer than failAfter (2)").isEqualTo(Verdict.PASS);
        assertThat(oneSample.trail()).contains("x: 1 of 5 samples without data (last: value NaN)");

        double[] long20 = new double[20];
        java.util.Arrays.fill(long20, 0.2);
        long20[18] = nan;
        long20[19] = nan;
        assertThat(judge(absolute(), null, long20).verdict()).as("2 of 20 is less than the last fifth")
                .isEqualTo(Verdict.PASS);
        long20[15] = nan;
        long20[16] = nan;
        long20[17] = nan;
        CheckResult fifth = judge(absolute(), null, long20);
        assertThat(fifth.verdict()).as("5 of 20: the last fifth").isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(fifth.trail()).anySatisfy(l -> assertThat(l).startsWith("x: no data since 12:07:30 (the last 5 of 20"));

        CheckResult recovered = judge(absolute(), null, 0.2, nan, nan, nan, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2);
        assertThat(recovered.verdict()).as("data that came back").isEqualTo(Verdict.PASS);
        assertThat(recovered.trail()).contains("x: 3 of 10 samples without data (last: value NaN)");
    }

    @Test
    public void everyTrailStatesItsNoDataCount() {
        CheckResult healthy = judge(absolute(), null, 0.2, 0.2, 0.2);
        assertThat(healthy.trail()).containsExactly("x median 0.2 <= 0.5 over 3 samples (worst 0.2)",
                "x: 0 of 3 samples without data");

        CheckJudge failing = new CheckJudge(absolute(), ErrorPolicy.FAIL_CLOSED);
        failing.record(Sample.noData(at(0), "empty result"));
        feedAt(failing, 1, 0.9, 0.9);
        assertThat(failing.conclude(null).trail()).contains("x: 1 of 3 samples without data (last: empty result)");
    }

    @Test
    public void tooLittleTrafficMakesARatioSampleNoData() {
        CheckSpec ratio = absolute().toBuilder().volumeGuard("v", 100).build();
        Sample failing = value(0, 0.9);

        Sample guarded = SampleClassifier.guardVolume(ratio, failing,
                new QueryResult("v", List.of(new Series(Map.of(), 37.6)), List.of()));
        assertThat(guarded.outcome()).isEqualTo(SampleOutcome.NODATA);
        assertThat(guarded.error()).isEqualTo("too little traffic (37 requests < 100)");
        assertThat(SampleClassifier.guardVolume(ratio, failing,
                new QueryResult("v", List.of(new Series(Map.of(), 100.0)), List.of()))).isEqualTo(failing);
        assertThat(SampleClassifier.guardVolume(ratio, failing, new QueryResult("v", List.of(), List.of())).error())
                .isEqualTo("too little traffic (0 requests < 100)");

        CheckJudge judge = new CheckJudge(ratio, ErrorPolicy.FAIL_CLOSED);
        feedAt(judge, 0, 0.2, 0.2, 0.2, 0.2);
        judge.record(guarded);
        assertThat(judge.conclude(null).trail()).contains("x: 1 of 5 samples without data (last: too little traffic"
                + " (37 requests < 100))");
    }

    private static void feedAt(CheckJudge judge, int from, double... values) {
        for (int i = 0; i < values.length; i++) {
            QueryResult result = new QueryResult("q", List.of(new Series(Map.of(), values[i])), List.of());
            judge.record(SampleClassifier.classify(judge.check(), at(from + i), result));
        }
    }

    private static CheckSpec absolute(NoDataPolicy noData) {
        return CheckSpec.builder("x").query("q").higherIsWorse().limit(0.5).noData(noData).build();
    }

    private static CheckSpec absolute() {
        return CheckSpec.builder("x").query("q").higherIsWorse().limit(0.5).build();
    }

    private static CheckResult judge(CheckSpec check, Baseline baseline, double... values) {
        CheckJudge judge = new CheckJudge(check, ErrorPolicy.FAIL_CLOSED);
        feed(judge, values);
        return judge.conclude(baseline);
    }

    private static void feed(CheckJudge judge, double... values) {
        for (int i = 0; i < values.length; i++) {
            QueryResult result = new QueryResult("q", List.of(new Series(Map.of(), values[i])), List.of());
            judge.record(SampleClassifier.classify(judge.check(), at(i), result));
        }
    }

    private static Sample value(int index, double value) {
        return SampleClassifier.classify(LATENCY, at(index),
                new QueryResult("q", List.of(new Series(Map.of(), value)), List.of()));
    }

    private static Baseline baseline(double... values) {
        return Baseline.of(at(-20), at(0), values);
    }

    private static Instant at(int index) {
        return T0.plusSeconds(30L * index);
    }

    private static double[] noisy(Random random, double center, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = center * (1 + (random.nextDouble() * 2 - 1) * 0.10);
        }
        return values;
    }
}
