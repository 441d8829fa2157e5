package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.Test;

/** Which failures roll back, and which one wins. */
public class TriggersTest {
    private static RollbackPlan plan(boolean onAbort) throws RollbackException {
        return RollbackPlan.builder().action(RollbackAction.command("./deploy.sh --previous")).onAbort(onAbort).build();
    }

    @Test
    public void everyFailureTriggersButAUserAbortOnlyWithOnAbort() throws Exception {
        for (FailureKind kind : FailureKind.values()) {
            Failure failure = new Failure(kind, "step", "why", T0);
            assertThat(Triggers.triggers(plan(false), failure)).as(kind.name()).isEqualTo(kind != FailureKind.USER_ABORT);
            assertThat(Triggers.triggers(plan(true), failure)).as(kind.name() + " with onAbort").isTrue();
        }
    }

    @Test
    public void theFirstTriggeringFailureWins() throws Exception {
        Failure abort = Failure.userAbort("alice", T0);
        Failure verification = Failure.verification("checkout", true, "ERROR: unreachable", T0.plusSeconds(10));
        Failure timeout = Failure.timeout("Timeout has been exceeded", T0.plusSeconds(20));

        assertThat(Triggers.first(plan(false), List.of(abort, verification, timeout))).contains(verification);
        assertThat(Triggers.first(plan(true), List.of(abort, verification, timeout))).contains(abort);
        assertThat(Triggers.first(plan(false), List.of(abort))).isEmpty();
    }

    @Test
    public void aVerificationNotedInsideTheBodyIsTheTriggerAndItsEndTheDetectionEvenWhenTheBodyEndsLater()
            throws Exception {
        RollbackState state = RollbackState.begin(plan(false), false, T0)
                .noteFailure(Failure.verification("checkout", false, "FAIL: latency", T0.plusSeconds(300)))
                .bodyFailed(Failure.userAbort("bob", T0.plusSeconds(400)), T0.plusSeconds(400), null);

        assertThat(state.phase()).isEqualTo(RollbackState.Phase.ROLLING_BACK);
        assertThat(state.trigger().kind()).isEqualTo(FailureKind.VERIFICATION_FAILED);
        assertThat(state.trigger().at()).isEqualTo(T0.plusSeconds(300));
        assertThat(state.rollbackStart()).isEqualTo(T0.plusSeconds(400));
        assertThat(state.failures()).hasSize(2);
    }

    @Test
    public void aUserAbortDoesNotRollBackByDefault() throws Exception {
        RollbackState state = RollbackState.begin(plan(false), false, T0)
                .bodyFailed(Failure.userAbort("bob", T0.plusSeconds(30)), T0.plusSeconds(30), null);

        assertThat(state.phase()).isEqualTo(RollbackState.Phase.NOT_TRIGGERED);
        assertThat(state.isFinal()).isTrue();
        assertThat(state.trigger()).isNull();
        assertThatThrownBy(state::result).isInstanceOf(IllegalStateException.class);
    }

    @Test
    public void aFailureTheBodyCaughtDoesNotRollBack() throws Exception {
        RollbackState state = RollbackState.begin(plan(false), false, T0)
                .noteFailure(Failure.verification("checkout", false, "FAIL", T0.plusSeconds(10)))
                .bodySucceeded(T0.plusSeconds(20));

        assertThat(state.phase()).isEqualTo(RollbackState.Phase.SUCCEEDED);
        assertThat(state.trigger()).isNull();
        assertThatThrownBy(() -> state.bodyFailed(Failure.other("x", "y", T0), T0, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SUCCEEDED");
    }

    @Test
    public void aTimeoutAndAnAbortAreWordedForTheBuildMessage() {
        assertThat(Failure.timeout("Timeout has been exceeded", T0).describe().english())
                .isEqualTo("a timeout ended the body: Timeout has been exceeded");
        assertThat(Failure.userAbort("alice", T0).describe().english()).isEqualTo("the build was aborted by alice");
        assertThat(Failure.userAbort(null, T0).describe().english()).isEqualTo("the build was aborted");
        assertThat(Failure.bodyFailed("sh", null, T0).describe().english()).isEqualTo("sh failed");
    }
}
