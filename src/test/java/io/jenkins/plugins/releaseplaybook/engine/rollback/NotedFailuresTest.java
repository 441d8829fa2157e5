package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

/** The body's failed verifications, read back from the report when the body ends, decide the trigger and detection. */
public class NotedFailuresTest {
    private static final Instant BODY_END = T0.plusSeconds(600);

    @Test
    public void failedVerificationsInsideTheBodyAreNotedInTheOrderTheyEnded() {
        StageRecord before = verify("pre-check", -120, -60, StageStatus.FAILURE, "Verification 'pre-check': FAIL");
        StageRecord passed = verify("smoke", 10, 40, StageStatus.SUCCESS, null);
        StageRecord late = verify("checkout", 60, 300, StageStatus.FAILURE,
                "Verification 'checkout': FAIL: error_ratio 0.2 > 0.01\n  error_ratio: above the limit");
        StageRecord errored = verify("payments", 50, 200, StageStatus.FAILURE, "Verification 'payments': ERROR: down");
        StageRecord aborted = verify("search", 70, 90, StageStatus.ABORTED, "aborted");
        StageRecord other = new StageRecord("b", StageKind.BACKUP, "db", T0.plusSeconds(1), T0.plusSeconds(2),
                StageStatus.FAILURE, "disk full");
        List<VerificationRecord> verifications = List.of(
                new VerificationRecord("payments", T0.plusSeconds(51), T0.plusSeconds(199), Verdict.ERROR, List.of()),
                new VerificationRecord("checkout", T0.plusSeconds(61), T0.plusSeconds(299), Verdict.FAIL, List.of()));

        List<Failure> noted = NotedFailures.verifications(List.of(before, passed, late, errored, aborted, other),
                verifications, T0, BODY_END);

        assertThat(noted).extracting(Failure::kind)
                .containsExactly(FailureKind.VERIFICATION_ERROR, FailureKind.VERIFICATION_FAILED);
        assertThat(noted).extracting(Failure::at).containsExactly(T0.plusSeconds(200), T0.plusSeconds(300));
        assertThat(noted.get(1).step()).isEqualTo("verifyStability 'checkout'");
        assertThat(noted.get(1).message()).as("the first line only")
                .isEqualTo("Verification 'checkout': FAIL: error_ratio 0.2 > 0.01");
    }

    @Test
    public void theFirstNotedVerificationTriggersAndIsTheTimeOfDetection() throws Exception {
        RollbackPlan plan = RollbackPlan.builder().action(RollbackAction.command("./deploy.sh --previous")).build();
        StageRecord failed = verify("checkout", 60, 300, StageStatus.FAILURE, "Verification 'checkout': FAIL");
        RollbackState state = RollbackState.begin(plan, false, T0);
        for (Failure f : NotedFailures.verifications(List.of(failed), List.of(), T0, BODY_END)) {
            state = state.noteFailure(f);
        }
        state = state.bodyFailed(Failure.bodyFailed("verifyStability", "Verification 'checkout': FAIL", BODY_END),
                BODY_END, null);

        assertThat(state.trigger().kind()).isEqualTo(FailureKind.VERIFICATION_FAILED);
        assertThat(state.trigger().at()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    public void aVerificationStillRunningOrEndingAfterTheBodyIsNotNoted() {
        StageRecord running = StageRecord.started(StageKind.VERIFY, "checkout", T0.plusSeconds(5));
        StageRecord after = verify("checkout", 700, 800, StageStatus.FAILURE, "late");
        assertThat(NotedFailures.verifications(List.of(running, after), List.of(), T0, BODY_END)).isEmpty();
        assertThat(Optional.ofNullable(running.end())).isEmpty();
    }

    private static StageRecord verify(String name, int from, int to, StageStatus status, String message) {
        return new StageRecord(name + from, StageKind.VERIFY, name, T0.plusSeconds(from), T0.plusSeconds(to), status,
                message);
    }
}
