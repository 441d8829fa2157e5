package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.Script;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/** Ordering, stopOnError, abort and accounting of a rollback on an injected clock. */
public class RollbackRunTest {
    private final ManualClock clock = new ManualClock(T0);
    private final Fakes.Actions actions = new Fakes.Actions(clock);
    private final List<RollbackState> saved = new ArrayList<>();

    @After
    public void clearInterrupt() {
        Thread.interrupted(); // an abort test sets it again on purpose
    }

    private RollbackRun run(Fakes.Prometheus prometheus) {
        return RollbackRun.builder(actions).prometheus(prometheus).clock(clock).sleeper(clock.sleeper())
                .checkpoint(saved::add).build();
    }

    private static RollbackPlan plan(boolean stopOnError, boolean verify) throws RollbackException {
        RollbackPlan.Builder plan = RollbackPlan.builder()
                .action(RollbackAction.restoreBackup("checkout-20261201T095500Z-a1b2c3"))
                .action(RollbackAction.command("./deploy.sh --previous"))
                .action(RollbackAction.job("deploy-checkout", Map.of("VERSION", "1.4.1")))
                .stopOnError(stopOnError);
        return (verify ? plan.verify() : plan).build();
    }

    /** The body ran 5 min, its verification failed then; the body ended a minute later. */
    private RollbackState failedBody(RollbackPlan plan) {
        RollbackState state = RollbackState.begin(plan, false, clock.instant());
        clock.advance(Duration.ofMinutes(5));
        state = state.noteFailure(Failure.verification("checkout", false,
                "Verification 'checkout': FAIL: latency 0.9 > 0.5", clock.instant()));
        clock.advance(Duration.ofMinutes(1));
        return state.bodyFailed(Failure.bodyFailed("verifyStability", "FAIL", clock.instant()), clock.instant(),
                Fakes.bodyVerification());
    }

    @Test
    public void actionsRunInTheDeclaredOrderAndEachOutcomeIsRecordedWithItsDuration() throws Exception {
        actions.on("./deploy.sh --previous", Script.ok(Duration.ofSeconds(20), "exit code 0"));
        actions.on("deploy-checkout", Script.ok(Duration.ofSeconds(90), "deploy-checkout #7 SUCCESS"));

        RollbackState done = run(null).execute(failedBody(plan(false, false)));

        assertThat(actions.calls).containsExactly("restoreBackup checkout-20261201T095500Z-a1b2c3",
                "command ./deploy.sh --previous", "job deploy-checkout {VERSION=1.4.1}");
        assertThat(done.outcomes()).extracting(ActionOutcome::status).containsOnly(ActionStatus.SUCCESS);
        assertThat(done.outcomes()).extracting(ActionOutcome::duration)
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(90));
        RollbackResult result = done.result();
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.SUCCESS);
        assertThat(result.message().english()).isEqualTo("Rolled back because verifyStability 'checkout' failed:"
                + " Verification 'checkout': FAIL: latency 0.9 > 0.5:"
                + " restoreBackup checkout-20261201T095500Z-a1b2c3: SUCCESS (1 s);"
                + " command ./deploy.sh --previous: SUCCESS (20 s): exit code 0;"
                + " job deploy-checkout (VERSION=1.4.1): SUCCESS (1 min 30 s): deploy-checkout #7 SUCCESS,"
                + " recovered in 2 min 51 s");
        assertThat(result.message().message(Locale.SIMPLIFIED_CHINESE)).startsWith("\u5df2\u56de\u6eda\uff0c\u539f\u56e0\uff1averifyStability")
                .contains("2 \u5206\u949f 51 \u79d2 \u5185\u6062\u590d");
    }

    @Test
    public void aFailedActionIsRecordedAndTheRemainingActionsStillRun() throws Exception {
        actions.on("./deploy.sh --previous", Script.throwing(Duration.ofSeconds(3),
                new IllegalStateException("exit code 2: no previous release")));

        RollbackResult result = run(null).execute(failedBody(plan(false, false))).result();

        assertThat(actions.calls).hasSize(3);
        assertThat(result.actions()).extracting(ActionOutcome::status)
                .containsExactly(ActionStatus.SUCCESS, ActionStatus.FAILED, ActionStatus.SUCCESS);
        assertThat(result.actions().get(1).message()).contains("exit code 2: no previous release");
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.FAILED);
        assertThat(result.recoveredAt()).isNull();
        assertThat(result.timeToRecover()).isNull();
        assertThat(result.message().english()).startsWith("rollback FAILED: rolled back because verifyStability")
                .contains("command ./deploy.sh --previous: FAILED (3 s):");
    }

    @Test
    public void stopOnErrorSkipsTheActionsAfterTheFirstFailureAndTheReverification() throws Exception {
        actions.on("checkout-20261201T095500Z-a1b2c3", Script.fails(Duration.ofSeconds(2), "checksum mismatch"));
        Fakes.Prometheus prometheus = new Fakes.Prometheus(at -> 0.1);

        RollbackResult result = run(prometheus).execute(failedBody(plan(true, true))).result();

        assertThat(actions.calls).containsExactly("restoreBackup checkout-20261201T095500Z-a1b2c3");
        assertThat(result.actions()).extracting(ActionOutcome::status)
                .containsExactly(ActionStatus.FAILED, ActionStatus.NOT_RUN, ActionStatus.NOT_RUN);
        assertThat(result.state().reverification().status()).isEqualTo(Reverification.Status.SKIPPED);
        assertThat(prometheus.queried).isEmpty();
        assertThat(result.message().english()).contains("command ./deploy.sh --previous: not run")
                .contains("re-verification skipped: not run: the rollback stopped at a failed action");
    }

    @Test
    public void timeToDetectAndToRecoverComeFromTheBodyStartTheFailingStepAndThePassedReverification()
            throws Exception {
        RollbackState done = run(new Fakes.Prometheus(at -> 0.1)).execute(failedBody(plan(false, true)));

        RollbackResult result = done.result();
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.SUCCESS);
        assertThat(result.releaseStart()).isEqualTo(T0);
        assertThat(result.detectedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(result.timeToDetect()).isEqualTo(Duration.ofMinutes(5));
        assertThat(result.rollbackStart()).isEqualTo(T0.plus(Duration.ofMinutes(6)));
        // 3 actions of 1 s, then 2 min of re-verification sampled every 30 s.
        assertThat(result.state().reverification().verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.recoveryConfirmed()).isTrue();
        assertThat(result.recoveredAt()).isEqualTo(T0.plus(Duration.ofMinutes(6)).plusSeconds(3).plusSeconds(120));
        assertThat(result.timeToRecover()).isEqualTo(Duration.ofMinutes(1).plusSeconds(123));
        assertThat(result.message().english()).endsWith("recovered in 3 min 3 s; re-verification passed:"
                + " Verification 'checkout': PASS: all 1 check passed");

        RollbackRecord record = result.toRecord();
        assertThat(record.outcome()).isEqualTo(StageStatus.SUCCESS);
        assertThat(record.timeToDetect()).isEqualTo(Duration.ofMinutes(5));
        assertThat(record.timeToRecover()).isEqualTo(result.timeToRecover());
        assertThat(record.recoveryConfirmed()).isTrue();
        assertThat(record.actions()).extracting(RollbackRecord.Action::kind)
                .containsExactly("restoreBackup", "command", "job");
        assertThat(record.actions()).extracting(RollbackRecord.Action::duration).containsOnly(Duration.ofSeconds(1));
        assertThat(record.trigger()).startsWith("verifyStability 'checkout' failed");
    }

    @Test
    public void aReverificationThatDoesNotPassMakesTheRollbackFail() throws Exception {
        RollbackResult result = run(new Fakes.Prometheus(at -> 0.9)).execute(failedBody(plan(false, true))).result();

        assertThat(result.state().reverification().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.FAILED);
        assertThat(result.recoveredAt()).isNull();
        assertThat(result.message().english()).startsWith("rollback FAILED:")
                .contains("; re-verification did not pass: Verification 'checkout': FAIL: latency 0.9 > 0.5");
        assertThat(result.toRecord().outcome()).isEqualTo(StageStatus.FAILURE);
    }

    @Test
    public void verifyWithoutAVerificationInTheBodySaysRecoveryIsNotConfirmed() throws Exception {
        RollbackState state = RollbackState.begin(plan(false, true), false, T0);
        clock.advance(Duration.ofSeconds(30));
        state = state.bodyFailed(Failure.bodyFailed("sh", "script returned exit code 1", clock.instant()),
                clock.instant(), null);

        RollbackResult result = run(new Fakes.Prometheus(at -> 0.1)).execute(state).result();

        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.SUCCESS);
        assertThat(result.recoveryConfirmed()).isFalse();
        assertThat(result.recoveredAt()).isEqualTo(result.rollbackEnd());
        assertThat(result.timeToRecover()).isEqualTo(Duration.ofSeconds(3));
        assertThat(result.message().english()).startsWith("Rolled back because sh failed: script returned exit code 1:")
                .endsWith("recovered in 3 s; re-verification skipped: the body ran no verifyStability whose checks"
                        + " could be repeated, so recovery is not confirmed");
    }

    @Test
    public void anAbortDuringAnActionStopsTheRollbackAndSaysWhatWasDone() throws Exception {
        actions.on("./deploy.sh --previous", Script.throwing(Duration.ofSeconds(4), new InterruptedException()));

        RollbackState done = run(null).execute(failedBody(plan(false, false)));

        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        assertThat(actions.calls).hasSize(2);
        RollbackResult result = done.result();
        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.ABORTED);
        assertThat(result.actions()).extracting(ActionOutcome::status)
                .containsExactly(ActionStatus.SUCCESS, ActionStatus.ABORTED, ActionStatus.NOT_RUN);
        assertThat(result.actions().get(1).duration()).isEqualTo(Duration.ofSeconds(4));
        assertThat(result.message().english()).startsWith("rollback ABORTED:")
                .contains("restoreBackup checkout-20261201T095500Z-a1b2c3: SUCCESS (1 s)")
                .contains("job deploy-checkout (VERSION=1.4.1): not run");
        assertThat(saved.get(saved.size() - 1)).isEqualTo(done);
        assertThat(result.toRecord().outcome()).isEqualTo(StageStatus.ABORTED);
    }

    @Test
    public void eachActionIsSavedAsRunningBeforeThePortIsCalledAndAsEndedAfter() throws Exception {
        RollbackState done = run(null).execute(failedBody(plan(false, false)));

        assertThat(saved).extracting(s -> s.running() == null ? "ended " + s.outcomes().size()
                : "running " + s.running().index())
                .containsExactly("running 0", "ended 1", "running 1", "ended 2", "running 2", "ended 3", "ended 3");
        assertThat(saved.get(saved.size() - 1)).isEqualTo(done);
        assertThat(done.isDone()).isTrue();
    }

    @Test
    public void aStateThatDoesNotRollBackIsReturnedAsItIs() throws Exception {
        RollbackState succeeded = RollbackState.begin(plan(false, false), false, T0).bodySucceeded(T0.plusSeconds(60));

        assertThat(run(null).execute(succeeded)).isSameAs(succeeded);
        assertThat(actions.calls).isEmpty();
        assertThat(saved).isEmpty();
    }

    @Test
    public void aPlanWithoutActionsOrWithAnEmptyCommandIsRefusedNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RollbackPlan.builder().verify().build())
                .isInstanceOfSatisfying(RollbackException.class,
                        e -> assertThat(e.kind()).isEqualTo(RollbackException.Kind.INVALID_PLAN))
                .hasMessageContaining("at least one action");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RollbackAction.command("  "))
                .hasMessageContaining("The rollback action command is empty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RollbackAction.restoreBackup(Map.of("name", "x")))
                .hasMessageContaining("without an id (keys: [name])");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RollbackPlan.builder()
                        .action(RollbackAction.command("x")).verify(Duration.ZERO).build())
                .hasMessageContaining("verifyDuration must be positive");
    }

    @Test
    public void theMapReleaseBackupReturnedNamesItsBackupByTheId() throws Exception {
        RollbackAction action = RollbackAction.restoreBackup(Map.of("id", "checkout-20261201T095500Z-a1b2c3",
                "name", "checkout", "files", 3));

        assertThat(action.target()).isEqualTo("checkout-20261201T095500Z-a1b2c3");
        assertThat(RollbackPlan.builder().action(action).verify().build().verifyDuration())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    public void aSaveThatFailsIsLoggedAndTheRollbackGoesOn() throws Exception {
        List<String> log = new ArrayList<>();
        RollbackRun failingSaves = RollbackRun.builder(actions).clock(clock).progress(log::add)
                .checkpoint(state -> {
                    throw new java.io.IOException("No space left on device");
                }).build();

        RollbackResult result = failingSaves.execute(failedBody(plan(false, false))).result();

        assertThat(result.outcome()).isEqualTo(RollbackResult.Outcome.SUCCESS);
        assertThat(actions.calls).hasSize(3);
        assertThat(log).contains("rollback: cannot save its state (No space left on device); it goes on, but a"
                + " controller restart now would lose what it did since the last save");
    }

    @Test
    public void aBackupReferenceIsAnIdOfThisBuildAnOtherIdOrTheLatestBackupOfAName() throws Exception {
        List<io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord> taken = List.of(
                new io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord("checkout-20261201T090000Z-aaaaaa",
                        "checkout", "built-in", "/b/1.tar", "ab", 1, 2, true, T0, List.of("/opt/checkout")),
                new io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord("checkout-20261201T091500Z-bbbbbb",
                        "checkout", "built-in", "/b/2.tar", "cd", 1, 2, true, T0, List.of("/opt/checkout")));

        assertThat(BackupReference.resolve("checkout", taken)).isEqualTo("checkout-20261201T091500Z-bbbbbb");
        assertThat(BackupReference.resolve("checkout-20261201T090000Z-aaaaaa", taken))
                .isEqualTo("checkout-20261201T090000Z-aaaaaa");
        assertThat(BackupReference.resolve("config-20261130T080000Z-cccccc", taken))
                .isEqualTo("config-20261130T080000Z-cccccc");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BackupReference.resolve("config", taken))
                .isInstanceOfSatisfying(RollbackException.class,
                        e -> assertThat(e.kind()).isEqualTo(RollbackException.Kind.BACKUP_NOT_FOUND))
                .hasMessageContaining("restoreBackup \"config\" is neither a backup id nor the name of one of the 2"
                        + " backups this build took");
    }

    @Test
    public void theRollbackStageAgreesWithTheReportsKpis() throws Exception {
        RollbackResult result = run(new Fakes.Prometheus(at -> 0.1)).execute(failedBody(plan(false, true))).result();
        io.jenkins.plugins.releaseplaybook.engine.report.StageRecord release =
                new io.jenkins.plugins.releaseplaybook.engine.report.StageRecord("body",
                        io.jenkins.plugins.releaseplaybook.engine.report.StageKind.RELEASE, "release", T0,
                        result.detectedAt(), StageStatus.FAILURE, null);
        io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport report =
                io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport.empty().withStage(release)
                        .withStage(result.toStage("rollback-1")).withRollback(result.toRecord(
                                new RollbackRecord.Acknowledgement("alice", T0, "acknowledgeRollbacks")));

        assertThat(report.kpis().timeToDetect()).isEqualTo(result.timeToDetect());
        assertThat(report.kpis().timeToRecover()).isEqualTo(result.timeToRecover());
        assertThat(report.rollbacks().get(0).acknowledgement().via()).isEqualTo("acknowledgeRollbacks");
        assertThat(Failure.detectedAt(report.timeline(), T0, T0.plusSeconds(3600))).isEqualTo(result.detectedAt());
        assertThat(Failure.detectedAt(List.of(), T0, T0.plusSeconds(3600))).isEqualTo(T0.plusSeconds(3600));
    }
}
