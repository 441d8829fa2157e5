package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * A controller restart at any point: before the body ends, between actions, during an action, during the
 * re-verification. The state saved last is written with Java serialization and as JSON, read back, and the rollback
 * goes on with a new run, as the step does after a restart.
 */
public class RollbackResumeTest {
    private final ManualClock clock = new ManualClock(T0);

    private static RollbackPlan plan() throws RollbackException {
        return RollbackPlan.builder()
                .action(RollbackAction.restoreBackup("checkout-20261201T095500Z-a1b2c3"))
                .action(RollbackAction.command("./deploy.sh --previous"))
                .action(RollbackAction.job("deploy-checkout", Map.of("VERSION", "1.4.1")))
                .verify(Duration.ofMinutes(2))
                .build();
    }

    /** A state as saved, and the time it was saved at. */
    private record Saved(RollbackState state, Instant at) {}

    private RollbackRun run(ManualClock on, Fakes.Actions actions, List<Saved> saved) {
        return RollbackRun.builder(actions).prometheus(new Fakes.Prometheus(at -> 0.1)).clock(on)
                .sleeper(on.sleeper()).checkpoint(s -> saved.add(new Saved(s, on.instant()))).build();
    }

    private RollbackRun run(Fakes.Actions actions, List<Saved> saved) {
        return run(clock, actions, saved);
    }

    /** After a restart that took {@code downtime} from the moment {@code point} was saved. */
    private RollbackState resumed(Saved point, Duration downtime, Fakes.Actions[] actions) throws Exception {
        ManualClock later = new ManualClock(point.at().plus(downtime));
        actions[0] = new Fakes.Actions(later);
        return run(later, actions[0], new ArrayList<>()).resume(viaJson(viaJava(point.state())));
    }

    private RollbackState failed(RollbackState body) {
        clock.advance(Duration.ofMinutes(3));
        return body.bodyFailed(Failure.bodyFailed("sh", "exit code 1", clock.instant()), clock.instant(),
                Fakes.bodyVerification());
    }

    @Test
    public void aRestartBeforeTheBodyEndsKeepsTheReleaseStart() throws Exception {
        RollbackState body = RollbackState.begin(plan(), true, T0);

        RollbackState restored = viaJson(viaJava(body));

        assertThat(restored).isEqualTo(body);
        RollbackResult result = run(new Fakes.Actions(clock), new ArrayList<>()).execute(failed(restored)).result();
        assertThat(result.releaseStart()).isEqualTo(T0);
        assertThat(result.timeToDetect()).isEqualTo(Duration.ofMinutes(3));
        assertThat(result.toRecord().drill()).isTrue();
    }

    @Test
    public void fromEverySavedStateTheRollbackEndsWithEachActionRunAtMostOnce() throws Exception {
        List<Saved> points = new ArrayList<>();
        RollbackState start = failed(RollbackState.begin(plan(), false, T0));
        points.add(new Saved(start, clock.instant()));
        run(new Fakes.Actions(clock), points).execute(start);
        assertThat(points).anySatisfy(s -> assertThat(s.state().running()).isNotNull())
                .anySatisfy(s -> assertThat(s.state().phase()).isEqualTo(RollbackState.Phase.REVERIFYING));

        for (Saved saved : points) {
            RollbackState point = saved.state();
            assertThat(viaJson(viaJava(point))).as("read back as written").isEqualTo(point);
            Fakes.Actions[] resumedActions = new Fakes.Actions[1];

            RollbackState done = resumed(saved, Duration.ofSeconds(20), resumedActions);
            Fakes.Actions actions = resumedActions[0];

            String at = point.phase() + " with " + point.outcomes().size() + " outcomes, running " + point.running();
            assertThat(done.isDone()).as(at).isTrue();
            assertThat(done.outcomes()).as(at).hasSize(3);
            int alreadyStarted = point.outcomes().size() + (point.running() == null ? 0 : 1);
            int expectedCalls = point.phase() == RollbackState.Phase.ROLLING_BACK ? 3 - alreadyStarted : 0;
            assertThat(actions.calls).as(at).hasSize(expectedCalls);
            if (point.running() != null) {
                ActionOutcome interrupted = done.outcomes().get(point.running().index());
                assertThat(interrupted.status()).as(at).isEqualTo(ActionStatus.INTERRUPTED);
                assertThat(interrupted.message()).isEqualTo(
                        "interrupted by a controller restart, not retried: check by hand what it did");
                assertThat(done.result().outcome()).isEqualTo(RollbackResult.Outcome.FAILED);
            } else {
                assertThat(done.result().outcome()).as(at).isEqualTo(RollbackResult.Outcome.SUCCESS);
            }
            assertThat(done.reverification().status()).as(at).isEqualTo(Reverification.Status.PASSED);
        }
    }

    @Test
    public void aRestartDuringTheReverificationRecordsTheGapAndGoesOn() throws Exception {
        List<Saved> saved = new ArrayList<>();
        run(new Fakes.Actions(clock), saved).execute(failed(RollbackState.begin(plan(), false, T0)));
        Saved midway = saved.stream()
                .filter(s -> s.state().phase() == RollbackState.Phase.REVERIFYING
                        && s.state().sampling().roundsTaken() == 2)
                .findFirst().orElseThrow();

        RollbackState done = resumed(midway, Duration.ofMinutes(1), new Fakes.Actions[1]);

        assertThat(done.sampling().gaps()).hasSize(1);
        assertThat(done.sampling().gaps().get(0).missedRounds()).isPositive();
        assertThat(done.reverification().status()).isEqualTo(Reverification.Status.PASSED);
    }

    @Test
    public void aDamagedSavedStateIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(() -> RollbackStateJson.read("{\"plan\":null}", "builds/42/rollback-1.json"))
                .isInstanceOfSatisfying(RollbackException.class,
                        e -> assertThat(e.kind()).isEqualTo(RollbackException.Kind.UNREADABLE_STATE))
                .hasMessageStartingWith("The saved rollback state in builds/42/rollback-1.json cannot be read (");
        assertThatThrownBy(() -> RollbackStateJson.read("null", "x.json"))
                .isInstanceOf(RollbackException.class).hasMessageContaining("JSON null");
    }

    static RollbackState viaJava(RollbackState state) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RollbackState) in.readObject();
        }
    }

    static RollbackState viaJson(RollbackState state) throws RollbackException {
        return RollbackStateJson.read(RollbackStateJson.write(state), "test");
    }
}
