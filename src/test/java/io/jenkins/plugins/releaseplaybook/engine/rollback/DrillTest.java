package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.Script;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import io.jenkins.plugins.releaseplaybook.engine.verification.SamplingState;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSession;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.Test;

/** A drill fails the first verification of the body on purpose and judges the rollback that follows. */
public class DrillTest {
    private final ManualClock clock = new ManualClock(T0);

    @Test
    public void onlyTheFirstVerificationInsideTheBodyOfADrillIsFailed() {
        StageRecord before = StageRecord.started(StageKind.VERIFY, "pre-check", T0.minusSeconds(60));
        StageRecord first = StageRecord.started(StageKind.VERIFY, "checkout", T0.plusSeconds(60));
        StageRecord second = StageRecord.started(StageKind.VERIFY, "checkout-2", T0.plusSeconds(120));
        List<StageRecord> timeline = List.of(before, first, second);

        assertThat(Drill.failsThisVerification(true, T0, timeline, first.id())).isTrue();
        assertThat(Drill.failsThisVerification(true, T0, timeline, second.id())).isFalse();
        assertThat(Drill.failsThisVerification(true, T0, List.of(before), "not yet recorded")).isTrue();
        assertThat(Drill.failsThisVerification(false, T0, timeline, first.id())).isFalse();
        assertThat(Drill.failsThisVerification(true, null, timeline, first.id())).as("outside a body").isFalse();
    }

    @Test
    public void aDrillThatRollsBackWellPassesAndTheDrilledVerificationKeepsItsRealSamples() throws Exception {
        Fakes.Prometheus prometheus = new Fakes.Prometheus(at -> 0.1); // a healthy service
        RollbackPlan plan = RollbackPlan.builder().action(RollbackAction.command("./deploy.sh --previous")).verify()
                .build();
        RollbackState state = RollbackState.begin(plan, true, clock.instant());
        clock.advance(Duration.ofSeconds(45));

        // The body's verifyStability, as the step runs it, asking the drill after each round.
        VerificationResult drilled;
        try (VerificationSession session = new VerificationSession(prometheus, clock, line -> {})) {
            SamplingState sampling = session.captureBaselines(SamplingState.initial(Fakes.bodyVerification(),
                    clock.instant()));
            sampling = session.round(sampling);
            while (!Drill.endsNow(sampling)) {
                clock.advance(Duration.ofSeconds(30));
                sampling = session.round(sampling);
            }
            drilled = Drill.failedOnPurpose(session.concludeStopped(sampling));
        }
        assertThat(drilled.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(drilled.rounds()).isEqualTo(1);
        assertThat(drilled.checks().get(0).verdict()).as("what was really seen").isEqualTo(Verdict.PASS);
        assertThat(drilled.checks().get(0).samples()).hasSize(1);
        assertThat(Drill.verificationMessage().english()).isEqualTo("drill: verification failed on purpose");

        state = state.bodyFailed(Failure.verification("checkout", false, Drill.verificationMessage().english(),
                drilled.end()), clock.instant(), Fakes.bodyVerification());
        RollbackResult result = RollbackRun.builder(new Fakes.Actions(clock)).prometheus(prometheus).clock(clock)
                .sleeper(clock.sleeper()).build().execute(state).result();

        Drill.BuildOutcome outcome = Drill.outcome(result);
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.message().english()).startsWith("drill passed: Rolled back because verifyStability"
                + " 'checkout' failed: drill: verification failed on purpose: command ./deploy.sh --previous: SUCCESS");
        assertThat(outcome.message().message(Locale.SIMPLIFIED_CHINESE)).startsWith("\u6f14\u7ec3\u901a\u8fc7");
        assertThat(result.toRecord().drill()).isTrue();
        assertThat(result.timeToDetect()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    public void aDrillWhoseRollbackFailsFailsTheBuild() throws Exception {
        Fakes.Actions actions = new Fakes.Actions(clock)
                .on("./deploy.sh --previous", Script.fails(Duration.ofSeconds(2), "exit code 127: not found"));
        RollbackPlan plan = RollbackPlan.builder().action(RollbackAction.command("./deploy.sh --previous")).build();
        RollbackState state = RollbackState.begin(plan, true, T0).bodyFailed(Failure.verification("checkout", false,
                "drill", T0.plusSeconds(40)), T0.plusSeconds(40), null);

        Drill.BuildOutcome outcome = Drill.outcome(RollbackRun.builder(actions).clock(clock).build().execute(state)
                .result());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message().english()).startsWith("drill failed: the emergency plan did not work: rollback"
                + " FAILED:").contains("exit code 127: not found");
    }
}
