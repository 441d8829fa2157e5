package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.junit.Test;

/** The sampler's timing, fail-fast, concurrency and abort, on a manual clock: no test here sleeps. */
public class StabilityVerifierTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    public void samplesOncePerIntervalForTheWholeWindowOnTheInjectedClock() throws Exception {
        FakePrometheus prometheus = new FakePrometheus((query, at) -> 0.1);

        VerificationResult result = verifier(prometheus).verify(spec(Duration.ofMinutes(10), Duration.ofSeconds(30),
                check("a", 0.5)));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.rounds()).isEqualTo(21);
        assertThat(result.stoppedEarly()).isFalse();
        assertThat(prometheus.times("a")).hasSize(21).startsWith(T0, T0.plusSeconds(30)).endsWith(T0.plusSeconds(600));
        assertThat(result.end()).isEqualTo(T0.plusSeconds(600));
        assertThat(log).hasSize(21);
        assertThat(log.get(2)).isEqualTo("round 3/21 at 12:01:00: a 0.1 ok");
    }

    @Test
    public void failsFastWithinFailAfterRoundsOfTheDegradation() throws Exception {
        Instant degradedFrom = T0.plusSeconds(120);
        FakePrometheus prometheus = new FakePrometheus((query, at) ->
                query.equals("a") && !at.isBefore(degradedFrom) ? 0.9 : 0.1);

        VerificationResult result = verifier(prometheus).verify(spec(Duration.ofMinutes(10), Duration.ofSeconds(30),
                check("a", 0.5), check("b", 0.5)));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.end()).isEqualTo(degradedFrom.plusSeconds(30));
        assertThat(result.checksWith(Verdict.FAIL)).extracting(c -> c.check().name()).containsExactly("a");
        assertThat(result.checksWith(Verdict.PASS)).extracting(c -> c.check().name()).containsExactly("b");
        assertThat(result.summary()).as("says why, not only which check").isEqualTo("Verification 'checkout': FAIL: a 0.9 > 0.5"
                + " for 2 consecutive samples (12:02:00, 12:02:30) (stopped early after 6 rounds)");
        assertThat(log.get(4)).contains("a 0.9 FAIL 1/2").contains("b 0.1 ok");
    }

    @Test
    public void checksOfARoundRunConcurrently() throws Exception {
        // Every query waits until all three checks of the round are in flight: sequential sampling would time out.
        CyclicBarrier allInFlight = new CyclicBarrier(3);
        FakePrometheus prometheus = new FakePrometheus((query, at) -> {
            try {
                allInFlight.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("checks were not queried concurrently", e);
            }
            return 0.1;
        });

        VerificationResult result = verifier(prometheus).verify(spec(Duration.ofSeconds(60), Duration.ofSeconds(30),
                check("a", 1), check("b", 1), check("c", 1)));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(prometheus.times("c")).hasSize(3);
    }

    @Test
    public void prometheusGoingAwayEndsInErrorFailingClosed() throws Exception {
        Instant downFrom = T0.plusSeconds(60);
        FakePrometheus prometheus = new FakePrometheus((query, at) -> at.isBefore(downFrom) ? 0.1 : null);

        VerificationResult result = verifier(prometheus).verify(spec(Duration.ofMinutes(10), Duration.ofSeconds(30),
                check("a", 0.5)));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.rounds()).isEqualTo(5);
        assertThat(prometheus.attempts("a")).as("each failed sample was retried once").isEqualTo(2 + 3 * 2);
        assertThat(result.checks().get(0).trail()).anySatisfy(l -> assertThat(l).contains("3 consecutive failed queries"));
    }

    @Test
    public void capturesTheBaselineBeforeTheReleaseWithOneRangeQuery() throws Exception {
        FakePrometheus prometheus = new FakePrometheus((query, at) -> 0.2);
        prometheus.range = List.of(0.1, 0.1, 0.11, 0.09, 0.1, 0.1, 0.1, 0.1);
        CheckSpec relative = CheckSpec.builder("lat").description("latency").query("lat").higherIsWorse().limit(1.0)
                .maxChangePercent(50.0).unit("s").build();
        Instant releaseStart = T0.minusSeconds(30);

        VerificationResult result = verifier(prometheus).verify(VerificationSpec.builder("checkout").check(relative)
                .duration(Duration.ofMinutes(4)).interval(Duration.ofSeconds(30))
                .baseline(releaseStart, Duration.ofMinutes(10)).concurrency(4).build());

        assertThat(prometheus.rangeCalls).containsExactly("lat " + releaseStart.minusSeconds(600) + " " + releaseStart + " PT30S");
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.checks().get(0).trail()).anySatisfy(l -> assertThat(l).contains("100% above").endsWith("regression"));
        assertThat(log.get(0)).startsWith("baseline 11:49:30-11:59:30: lat median 0.1 s (8 points)");
    }

    @Test
    public void abortStopsPromptlyAndPropagates() {
        FakePrometheus prometheus = new FakePrometheus((query, at) -> 0.1);
        StabilityVerifier verifier = new StabilityVerifier(prometheus, clock, duration -> {
            throw new InterruptedException("build aborted");
        }, log::add);

        VerificationException e = org.junit.Assert.assertThrows(VerificationException.class,
                () -> verifier.verify(spec(Duration.ofHours(1), Duration.ofSeconds(10), check("a", 1))));

        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller (and cleared here)").isTrue();
        assertThat(e.kind()).isEqualTo(VerificationException.Kind.INTERRUPTED);
        assertThat(e).hasMessage("Verification 'checkout' was stopped after 1 rounds");
        assertThat(prometheus.times("a")).as("no round after the abort").hasSize(1);
        VerificationResult partial = e.partial().orElseThrow();
        assertThat(partial.rounds()).isEqualTo(1);
        assertThat(partial.stoppedEarly()).isTrue();
        assertThat(partial.checks().get(0).samples()).as("what was sampled is kept for the report").hasSize(1);
    }

    @Test
    public void refusesAWindowShorterThanItsInterval() {
        assertThatThrownBy(() -> spec(Duration.ofSeconds(10), Duration.ofSeconds(30), check("a", 1)))
                .hasMessageContaining("The duration (10 s) is shorter than the interval (30 s)")
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.message(Locale.SIMPLIFIED_CHINESE))
                        .isEqualTo("验证时长（10 秒）短于采样间隔（30 秒）：验证至少需要两个样本；请延长时长或缩短间隔"));
    }

    private StabilityVerifier verifier(FakePrometheus prometheus) {
        return new StabilityVerifier(prometheus, clock, clock.sleeper(), log::add);
    }

    private static VerificationSpec spec(Duration duration, Duration interval, CheckSpec... checks) {
        return VerificationSpec.builder("checkout").checks(List.of(checks)).duration(duration).interval(interval)
                .build();
    }

    private static CheckSpec check(String query, double limit) {
        return CheckSpec.builder(query).query(query).higherIsWorse().limit(limit).build();
    }

    /** Answers instant queries from a function of (query, time); {@code null} means "unreachable". */
    private static final class FakePrometheus implements QueryPort {
        private final BiFunction<String, Instant, Double> values;
        private final Map<String, List<Instant>> times = new ConcurrentHashMap<>();
        private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
        final List<String> rangeCalls = new CopyOnWriteArrayList<>();
        List<Double> range = List.of();

        FakePrometheus(BiFunction<String, Instant, Double> values) {
            this.values = values;
        }

        @Override
        public QueryResult query(String promql, Instant at) throws VerificationException {
            attempts.merge(promql, 1, Integer::sum);
            Double value = values.apply(promql, at);
            if (value == null) {
                throw new VerificationException(VerificationException.Kind.UNREACHABLE, promql, URI.create("http://prometheus:9090"),
                        -1, null, "Prometheus at http://prometheus:9090 is unreachable: connection refused");
            }
            times.computeIfAbsent(promql, q -> new CopyOnWriteArrayList<>()).add(at);
            return new QueryResult(promql, List.of(new Series(Map.of(), value)), List.of());
        }

        @Override
        public RangeResult queryRange(String promql, Instant start, Instant end, Duration step) {
            rangeCalls.add(promql + " " + start + " " + end + " " + step);
            List<TimedValue> points = new ArrayList<>();
            for (int i = 0; i < range.size(); i++) {
                points.add(new TimedValue(start.plus(step.multipliedBy(i)), range.get(i)));
            }
            return new RangeResult(promql, List.of(new RangeSeries(Map.of(), points)), List.of());
        }

        List<Instant> times(String query) {
            return times.getOrDefault(query, List.of());
        }

        int attempts(String query) {
            return attempts.getOrDefault(query, 0);
        }
    }
}
