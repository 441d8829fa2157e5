package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckSpec;
import io.jenkins.plugins.releaseplaybook.engine.verification.QueryPort;
import io.jenkins.plugins.releaseplaybook.engine.verification.QueryResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.RangeResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.Series;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/** In-memory ports for the rollback's unit tests; the integration test uses real processes and a real Prometheus. */
final class Fakes {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private Fakes() {}

    /** One scripted answer: how long the action takes on the clock, then what it answers or throws. */
    record Script(Duration takes, ActionResult result, Exception failure) {
        static Script ok(Duration takes, String message) {
            return new Script(takes, ActionResult.succeeded(message), null);
        }

        static Script fails(Duration takes, String message) {
            return new Script(takes, ActionResult.failed(message), null);
        }

        static Script throwing(Duration takes, Exception failure) {
            return new Script(takes, null, failure);
        }
    }

    /** Answers each action by its target; records the calls in order. */
    static final class Actions implements RollbackActions {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final Map<String, Script> scripts = new HashMap<>();
        private final ManualClock clock;

        Actions(ManualClock clock) {
            this.clock = clock;
        }

        Actions on(String target, Script script) {
            scripts.put(target, script);
            return this;
        }

        @Override
        public ActionResult restoreBackup(String reference) throws InterruptedException, RollbackException {
            return answer("restoreBackup " + reference, reference);
        }

        @Override
        public ActionResult command(String command) throws InterruptedException, RollbackException {
            return answer("command " + command, command);
        }

        @Override
        public ActionResult job(String fullName, Map<String, String> parameters)
                throws InterruptedException, RollbackException {
            return answer("job " + fullName + " " + parameters, fullName);
        }

        private ActionResult answer(String call, String target) throws InterruptedException, RollbackException {
            calls.add(call);
            Script script = scripts.getOrDefault(target, Script.ok(Duration.ofSeconds(1), ""));
            clock.advance(script.takes());
            if (script.failure() instanceof InterruptedException e) {
                throw e;
            }
            if (script.failure() instanceof RollbackException e) {
                throw e;
            }
            if (script.failure() instanceof RuntimeException e) {
                throw e;
            }
            return script.result();
        }
    }

    /** Answers every instant query with a value of the clock's time; no range data. */
    static final class Prometheus implements QueryPort {
        final List<Instant> queried = new CopyOnWriteArrayList<>();
        private final ToDoubleFunction<Instant> value;

        Prometheus(ToDoubleFunction<Instant> value) {
            this.value = value;
        }

        @Override
        public QueryResult query(String promql, Instant at) {
            queried.add(at);
            return new QueryResult(promql, List.of(new Series(Map.of(), value.applyAsDouble(at))), List.of());
        }

        @Override
        public RangeResult queryRange(String promql, Instant start, Instant end, Duration step) {
            return new RangeResult(promql, List.of(), List.of());
        }
    }

    /** The body's verification: latency under 0.5, every 30 s over 10 min. */
    static VerificationSpec bodyVerification() {
        return VerificationSpec.builder("checkout")
                .check(CheckSpec.builder("latency").query("latency{service=\"checkout\"}").higherIsWorse().limit(0.5)
                        .build())
                .duration(Duration.ofMinutes(10)).interval(Duration.ofSeconds(30)).build();
    }
}
