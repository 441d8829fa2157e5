package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.After;
import org.junit.Test;

/**
 * A verification interrupted by a controller restart, on a manual clock: the state goes through its JSON form (as
 * the Pipeline step keeps it) and a new session, as after a real restart; the gap is recorded, never passed.
 */
public class VerificationSessionTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration EVERY = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock(T0);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<VerificationSession> sessions = new ArrayList<>();

    @After
    public void closeSessions() {
        sessions.forEach(VerificationSession::close);
    }

    @Test
    public void resumingMidWindowRecordsTheGapAndSamplesTheRestOfTheWindow() throws Exception {
        Prometheus prometheus = new Prometheus((query, at) -> 0.1);
        SamplingState state = sampleRounds(session(prometheus), begin(session(prometheus), spec(check("a", 0.5))), 5);
        assertThat(state.lastRoundAt()).isEqualTo(T0.plusSeconds(120));

        // Down from 12:02:00 until 12:03:40: the rounds due at 12:02:30 and 12:03:00 passed unsampled.
        clock.advance(Duration.ofSeconds(100));
        VerificationSession afterRestart = session(prometheus);
        state = afterRestart.resume(restore(state));

        assertThat(state.gaps()).containsExactly(
                new Gap(T0.plusSeconds(120), T0.plusSeconds(220), 2, Gap.Cause.CONTROLLER_RESTART));
        assertThat(state.isOver()).isFalse();
        assertThat(state.nextRoundAt()).as("the round due at 12:03:30 is taken at once").isEqualTo(T0.plusSeconds(210));
        assertThat(log).contains("resumed after a controller restart: no samples from 12:02:00 to 12:03:40: controller"
                + " restart (2 planned rounds missed)");

        state = untilOver(afterRestart, state);
        VerificationResult result = afterRestart.conclude(state);

        assertThat(prometheus.times("a")).doesNotContain(T0.plusSeconds(150), T0.plusSeconds(180))
                .contains(T0.plusSeconds(220), T0.plusSeconds(240), T0.plusSeconds(600));
        assertThat(result.rounds()).isEqualTo(19);
        assertThat(result.verdict()).as("2 of 21 rounds missed: the rest of the window decides").isEqualTo(Verdict.PASS);
        assertThat(result.checks().get(0).trail())
                .contains("no samples from 12:02:00 to 12:03:40: controller restart (2 planned rounds missed)");
        VerificationRecord record = VerificationRecord.from(result);
        assertThat(record.gaps()).hasSize(1);
        assertThat(record.checks().get(0).samples()).hasSize(19);
    }

    @Test
    public void resumingAfterTheWindowConcludesWithWhatItHasAndNeverPasses() throws Exception {
        Prometheus prometheus = new Prometheus((query, at) -> 0.1);
        SamplingState state = sampleRounds(session(prometheus), begin(session(prometheus), spec(check("a", 0.5))), 3);

        clock.advance(Duration.ofMinutes(14));
        VerificationSession afterRestart = session(prometheus);
        state = afterRestart.resume(restore(state));

        assertThat(state.isOver()).isTrue();
        assertThat(state.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.from()).isEqualTo(T0.plusSeconds(60));
            assertThat(gap.to()).as("the gap ends with the window").isEqualTo(T0.plus(WINDOW));
            assertThat(gap.missedRounds()).isEqualTo(18);
        });
        assertThat(afterRestart.round(state)).as("no round after the window").isSameAs(state);
        VerificationResult result = afterRestart.conclude(state);

        assertThat(prometheus.times("a")).hasSize(3);
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.checks().get(0).trail()).contains(
                "no samples from 12:01:00 to 12:10:00: controller restart (18 planned rounds missed)",
                "18 of 21 planned rounds were missed, too much of the window to pass on");
        assertThat(log).anySatisfy(line -> assertThat(line).endsWith("the window is over, so the verification concludes"
                + " with the samples taken"));
    }

    @Test
    public void aFailureAfterTheRestartStillFailsFast() throws Exception {
        Instant restartedAt = T0.plusSeconds(200);
        Prometheus prometheus = new Prometheus((query, at) -> at.isBefore(restartedAt) ? 0.1 : 0.9);
        SamplingState state = sampleRounds(session(prometheus), begin(session(prometheus), spec(check("a", 0.5))), 4);

        clock.advance(Duration.ofSeconds(110));
        VerificationSession afterRestart = session(prometheus);
        state = untilOver(afterRestart, afterRestart.resume(restore(state)));
        VerificationResult result = afterRestart.conclude(state);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.rounds()).isEqualTo(6);
        assertThat(result.gaps()).hasSize(1);
    }

    @Test
    public void theBaselineIsCapturedOnceAndKeptAcrossTheRestart() throws Exception {
        Prometheus prometheus = new Prometheus((query, at) -> 0.1);
        prometheus.range = List.of(0.1, 0.1, 0.11, 0.09, 0.1, 0.1, 0.1, 0.1);
        CheckSpec relative = CheckSpec.builder("lat").description("latency").query("lat").higherIsWorse().limit(1.0)
                .maxChangePercent(50.0).unit("s").build();
        VerificationSpec spec = VerificationSpec.builder("checkout").check(relative).duration(WINDOW).interval(EVERY)
                .baseline(T0.minusSeconds(30), Duration.ofMinutes(10)).concurrency(4).build();
        SamplingState state = sampleRounds(session(prometheus), begin(session(prometheus), spec), 2);
        Baseline captured = state.baselines().get(0);
        assertThat(captured.values()).hasSize(8);

        clock.advance(Duration.ofSeconds(45));
        VerificationSession afterRestart = session(prometheus);
        SamplingState resumed = afterRestart.captureBaselines(afterRestart.resume(restore(state)));
        VerificationResult result = afterRestart.conclude(untilOver(afterRestart, resumed));

        assertThat(prometheus.rangeCalls).as("one baseline query, before the restart").hasSize(1);
        assertThat(resumed.baselines().get(0)).isEqualTo(captured);
        assertThat(result.checks().get(0).baseline()).isEqualTo(captured);
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    public void aBaselineQueryThatFailsOnceIsAskedAgain() throws Exception {
        Prometheus prometheus = new Prometheus((query, at) -> 0.1);
        prometheus.range = List.of(0.1, 0.1, 0.11, 0.09, 0.1, 0.1, 0.1, 0.1);
        prometheus.rangeFailures = 1;
        CheckSpec relative = CheckSpec.builder("lat").description("latency").query("lat").higherIsWorse().limit(1.0)
                .maxChangePercent(50.0).unit("s").build();
        VerificationSpec spec = VerificationSpec.builder("checkout").check(relative).duration(WINDOW).interval(EVERY)
                .baseline(T0.minusSeconds(30), Duration.ofMinutes(10)).concurrency(4).build();

        SamplingState state = begin(session(prometheus), spec);

        assertThat(prometheus.rangeCalls).as("one transient 503, then the answer").hasSize(2);
        assertThat(state.baselines().get(0).values()).hasSize(8);
        assertThat(state.baselines().get(0).problem()).isNull();
    }

    @Test
    public void aBaselineQueryThatKeepsFailingIsReportedAsSuch() throws Exception {
        Prometheus prometheus = new Prometheus((query, at) -> 0.1);
        prometheus.rangeFailures = 5;
        CheckSpec relative = CheckSpec.builder("lat").description("latency").query("lat").higherIsWorse().limit(1.0)
                .maxChangePercent(50.0).unit("s").build();
        VerificationSpec spec = VerificationSpec.builder("checkout").check(relative).duration(WINDOW).interval(EVERY)
                .baseline(T0.minusSeconds(30), Duration.ofMinutes(10)).concurrency(4).build();

        SamplingState state = begin(session(prometheus), spec);

        assertThat(prometheus.rangeCalls).as("retried once, as samples are").hasSize(2);
        assertThat(state.baselines().get(0).problem()).isEqualTo("the baseline query failed: HTTP 503 from Prometheus");
    }

    @Test
    public void aRatioOnTooLittleTrafficIsNoDataNotAFailure() throws Exception {
        // One error in 37 requests: a ratio of 2.7%, far above the limit, and nothing to judge a release by.
        Prometheus prometheus = new Prometheus((query, at) -> 0.027);
        prometheus.volume = 37.4;
        CheckSpec ratio = CheckSpec.builder("error_ratio").description("error ratio").query("ratio").higherIsWorse()
                .limit(0.01).failAfter(1).volumeGuard("volume", 100).build();
        VerificationSession session = session(prometheus);
        SamplingState state = untilOver(session, begin(session, spec(ratio)));
        VerificationResult result = session.conclude(state);

        CheckResult check = result.checks().get(0);
        assertThat(check.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(check.samples()).allSatisfy(s -> assertThat(s.error()).isEqualTo("too little traffic (37 requests < 100)"));
        assertThat(check.trail()).anySatisfy(l -> assertThat(l).contains("no data in any of 21 samples")
                .contains("last: too little traffic (37 requests < 100)"));

        prometheus.volume = 250.0;
        VerificationSession busy = session(prometheus);
        VerificationResult failed = busy.conclude(untilOver(busy, begin(busy, spec(ratio))));
        assertThat(failed.checks().get(0).verdict()).as("enough traffic: the ratio counts").isEqualTo(Verdict.FAIL);

        prometheus.volume = null;
        VerificationSession silent = session(prometheus);
        VerificationResult none = silent.conclude(untilOver(silent, begin(silent, spec(ratio))));
        assertThat(none.checks().get(0).samples().get(0).error()).isEqualTo("too little traffic (0 requests < 100)");
    }

    @Test
    public void aRestartWithinOneIntervalMissesNothing() throws Exception {
        Prometheus prometheus = new Prometheus((query, at) -> 0.1);
        SamplingState state = sampleRounds(session(prometheus), begin(session(prometheus), spec(check("a", 0.5))), 2);

        clock.advance(Duration.ofSeconds(40)); // the round due at 12:01:00 is late, not missed
        SamplingState resumed = session(prometheus).resume(restore(state));

        assertThat(resumed.gaps()).isEmpty();
        assertThat(resumed.nextRound()).isEqualTo(2);
        assertThat(log).contains("resumed after a controller restart; no planned round was missed");
    }

    @Test
    public void aRestartBeforeTheBaselinesWereCapturedStartsTheWindowWhenTheyAre() throws Exception {
        Prometheus prometheus = new Prometheus((query, at) -> 0.1);
        SamplingState initial = SamplingState.initial(spec(check("a", 0.5)), T0);

        clock.advance(Duration.ofMinutes(3));
        VerificationSession afterRestart = session(prometheus);
        SamplingState resumed = afterRestart.resume(restore(initial));
        assertThat(resumed.gaps()).isEmpty();
        assertThatThrownBy(() -> afterRestart.round(resumed)).isInstanceOf(IllegalStateException.class);

        SamplingState begun = afterRestart.captureBaselines(resumed);
        assertThat(begun.start()).isEqualTo(T0.plusSeconds(180));
        assertThat(begun.nextRoundAt()).isEqualTo(T0.plusSeconds(180));
    }

    @Test
    public void anInterruptedRoundLeavesTheStateAsItWas() throws Exception {
        Prometheus prometheus = new Prometheus((query, at) -> {
            throw new IllegalStateException("interrupt"); // replaced below
        });
        prometheus.interrupt = true;
        VerificationSession session = session(prometheus);
        SamplingState begun = begin(session, spec(check("a", 0.5)));

        assertThatThrownBy(() -> session.round(begun)).isInstanceOf(InterruptedException.class);
        VerificationResult partial = session.concludeStopped(begun);

        assertThat(partial.rounds()).isZero();
        assertThat(partial.stoppedEarly()).isTrue();
        assertThat(partial.verdict()).as("never PASS without a sample").isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void theStateSurvivesItsJsonForm() throws Exception {
        Prometheus prometheus = new Prometheus((query, at) -> at.isBefore(T0.plusSeconds(30)) ? 0.1 : null);
        SamplingState state = sampleRounds(session(prometheus), begin(session(prometheus),
                spec(check("a", 0.5), check("b", 2))), 3);
        clock.advance(Duration.ofMinutes(2));
        state = session(prometheus).resume(state);

        String json = SamplingStateJson.write(state);

        assertThat(SamplingStateJson.read(json)).isEqualTo(state);
        assertThat(json).contains("\"missedRounds\":3").doesNotContain("\"over\"");
        assertThatThrownBy(() -> SamplingStateJson.read("{\"spec\": 3}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
    }

    private VerificationSession session(Prometheus prometheus) {
        VerificationSession session = new VerificationSession(prometheus, clock, log::add);
        sessions.add(session);
        return session;
    }

    private SamplingState begin(VerificationSession session, VerificationSpec spec) throws InterruptedException {
        return session.captureBaselines(SamplingState.initial(spec, clock.instant()));
    }

    /** Takes {@code count} rounds on time, without waiting after the last. */
    private SamplingState sampleRounds(VerificationSession session, SamplingState state, int count) throws Exception {
        SamplingState current = state;
        for (int i = 0; i < count; i++) {
            waitForNextRound(current);
            current = session.round(current);
        }
        return current;
    }

    private SamplingState untilOver(VerificationSession session, SamplingState state) throws Exception {
        SamplingState current = state;
        while (!current.isOver()) {
            waitForNextRound(current);
            current = session.round(current);
        }
        return current;
    }

    private void waitForNextRound(SamplingState state) {
        Duration wait = Duration.between(clock.instant(), state.nextRoundAt());
        if (!wait.isNegative()) {
            clock.advance(wait);
        }
    }

    /** What a restarted controller reads back. */
    private static SamplingState restore(SamplingState state) {
        return SamplingStateJson.read(SamplingStateJson.write(state));
    }

    private static VerificationSpec spec(CheckSpec... checks) {
        return VerificationSpec.builder("checkout").checks(List.of(checks)).duration(WINDOW).interval(EVERY).build();
    }

    private static CheckSpec check(String query, double limit) {
        return CheckSpec.builder(query).query(query).higherIsWorse().limit(limit).build();
    }

    /** Answers instant queries from a function of (query, time); {@code null} means no data. */
    private static final class Prometheus implements QueryPort {
        private final BiFunction<String, Instant, Double> values;
        private final List<String> queries = new CopyOnWriteArrayList<>();
        private final List<Instant> times = new CopyOnWriteArrayList<>();
        final List<String> rangeCalls = new CopyOnWriteArrayList<>();
        List<Double> range = List.of();
        /** How many range queries fail (HTTP 503, which may pass) before they answer. */
        int rangeFailures;
        /** Answers to volume queries (those that start with {@code volume}); {@code null} means no data. */
        Double volume;
        boolean interrupt;

        Prometheus(BiFunction<String, Instant, Double> values) {
            this.values = values;
        }

        @Override
        public QueryResult query(String promql, Instant at) throws VerificationException {
            if (interrupt) {
                throw new VerificationException(VerificationException.Kind.INTERRUPTED, promql,
                        URI.create("http://prometheus:9090"), -1, null, "interrupted");
            }
            queries.add(promql);
            times.add(at);
            Double value = promql.startsWith("volume") ? volume : values.apply(promql, at);
            return new QueryResult(promql, value == null ? List.of() : List.of(new Series(Map.of(), value)), List.of());
        }

        @Override
        public RangeResult queryRange(String promql, Instant start, Instant end, Duration step) throws VerificationException {
            rangeCalls.add(promql + " " + start + " " + end + " " + step);
            if (rangeFailures > 0) {
                rangeFailures--;
                throw new VerificationException(VerificationException.Kind.HTTP_ERROR, promql,
                        URI.create("http://prometheus:9090"), 503, null, "HTTP 503 from Prometheus");
            }
            List<TimedValue> points = new ArrayList<>();
            for (int i = 0; i < range.size(); i++) {
                points.add(new TimedValue(start.plus(step.multipliedBy(i)), range.get(i)));
            }
            return new RangeResult(promql, List.of(new RangeSeries(Map.of(), points)), List.of());
        }

        List<Instant> times(String query) {
            List<Instant> result = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                if (queries.get(i).equals(query)) {
                    result.add(times.get(i));
                }
            }
            return result;
        }
    }
}
