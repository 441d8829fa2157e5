package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.CheckRecord;
import io.jenkins.plugins.releaseplaybook.engine.verification.SampleOutcome;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Test;

/** Decision trails are texts with keys: the same judgement reads in English and in Chinese. */
public class CheckJudgeChineseTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Test
    public void aFailureReadsInBothLanguages() {
        CheckSpec latency = CheckSpec.builder("latency_p99").description("p99 latency").query("q").higherIsWorse()
                .limit(0.5).maxChangePercent(50.0).unit("s").build();
        CheckJudge judge = new CheckJudge(latency, ErrorPolicy.FAIL_CLOSED);
        feed(judge, T0, 0.82);
        feed(judge, T0.plusSeconds(30), 0.91);

        CheckResult result = judge.conclude(null);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.trail()).containsExactly("p99 latency 0.82 s, 0.91 s > 0.5 s for 2 consecutive samples (12:00:00, 12:00:30)");
        assertThat(result.trail(ZH)).containsExactly("p99 latency 0.82 s, 0.91 s > 0.5 s，连续 2 个样本（12:00:00, 12:00:30）");
        CheckRecord record = CheckRecord.from(result);
        assertThat(record.trail()).isEqualTo(result.trail());
        assertThat(record.trailLines().get(0).key()).isEqualTo("verification.trail.failRun");
        assertThat(record.thresholdLine().message(ZH)).isEqualTo("<= 0.5 s，相对基线最多高于 50%；连续 2 个样本未通过即失败");
    }

    @Test
    public void tightenedThresholdsAndNoDataReadInChinese() {
        CheckCatalogue catalogue = CheckCatalogue.builtIn();
        List<CheckSpec> specs = new EffectiveThresholds(catalogue, EffectiveThresholds.AdminSettings.defaults()).resolve(List.of("latency_p99"),
                List.of(CheckRequest.builder("latency_p99").limit(0.3).build()),
                new EffectiveThresholds.JobOverrides(null, NoDataPolicy.FAIL), "service=\"checkout\"");
        CheckJudge judge = new CheckJudge(specs.get(0), ErrorPolicy.FAIL_CLOSED);
        for (int i = 0; i < 3; i++) {
            judge.record(Sample.noData(T0.plusSeconds(30L * i), "empty result"));
        }

        CheckResult result = judge.conclude(null);

        assertThat(result.trail().get(0)).startsWith("thresholds: limit tightened from 1 s to 0.3 s; noData tightened from");
        assertThat(result.trail(ZH).get(0)).startsWith("阈值调整：阈值从 1 s 收紧到 0.3 s；noData从 inconclusive 收紧到 fail");
        assertThat(result.trail(ZH)).anySatisfy(line -> assertThat(line).contains("3 个样本全部没有数据")
                .contains("策略：失败"));
        assertThat(result.samples()).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(SampleOutcome.NODATA));
    }

    private static void feed(CheckJudge judge, Instant at, double value) {
        judge.record(SampleClassifier.classify(judge.check(), at,
                new QueryResult("q", List.of(new Series(Map.of(), value)), List.of())));
    }

    @Test
    public void aVanishedSeriesAndTooLittleTrafficReadInChinese() {
        CheckSpec check = CheckSpec.builder("x").query("q").higherIsWorse().limit(0.5).build();
        CheckJudge judge = new CheckJudge(check, ErrorPolicy.FAIL_CLOSED);
        feed(judge, T0, 0.2);
        feed(judge, T0.plusSeconds(30), 0.2);
        feed(judge, T0.plusSeconds(60), 0.2);
        judge.record(Sample.noData(T0.plusSeconds(90), SampleClassifier.tooLittleTraffic(37, 100)));
        judge.record(Sample.noData(T0.plusSeconds(120), SampleClassifier.tooLittleTraffic(37, 100)));

        CheckResult result = judge.conclude(null);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.trail(ZH)).contains("x\uff1a\u81ea 12:01:30 \u8d77\u6ca1\u6709\u6570\u636e\uff08"
                + "5 \u4e2a\u6837\u672c\u4e2d\u7684\u6700\u540e 2 \u4e2a\uff1b\u6700\u540e\u4e00\u6b21\uff1a"
                + "\u6d41\u91cf\u592a\u5c11\uff0837 \u4e2a\u8bf7\u6c42 < 100\uff09\uff1b\u7b56\u7565\uff1a"
                + "\u65e0\u6cd5\u5224\u5b9a\uff09\uff1a\u5e8f\u5217\u5df2\u6d88\u5931\uff0c\u8be5\u68c0\u67e5"
                + "\u4e0d\u80fd\u5224\u4e3a\u901a\u8fc7");
    }
}
