package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static io.jenkins.plugins.releaseplaybook.engine.rollback.Fakes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.verification.CheckSpec;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

/** A verification inside an autoRollback body compares with the time before the body started. */
public class BodyBaselineTest {
    private static final Instant BODY_START = T0.plusSeconds(600);

    @Test
    public void theBaselineEndsAtTheBodysStartAndEverythingElseIsKept() {
        VerificationSpec spec = spec().baseline(T0, Duration.ofMinutes(15)).build();

        VerificationSpec moved = BodyBaseline.releasingAt(spec, BODY_START);

        assertThat(moved.releaseStart()).isEqualTo(BODY_START);
        assertThat(moved).usingRecursiveComparison().ignoringFields("releaseStart").isEqualTo(spec);
    }

    @Test
    public void aSpecWithoutABaselineOrAlreadyStartingThereIsKeptAsItIs() {
        VerificationSpec none = spec().build();
        VerificationSpec noWindow = spec().baseline(T0, Duration.ZERO).build();
        VerificationSpec there = spec().baseline(BODY_START, Duration.ofMinutes(15)).build();

        assertThat(BodyBaseline.releasingAt(none, BODY_START)).isSameAs(none);
        assertThat(BodyBaseline.releasingAt(noWindow, BODY_START)).isSameAs(noWindow);
        assertThat(BodyBaseline.releasingAt(there, BODY_START)).isSameAs(there);
    }

    private static VerificationSpec.Builder spec() {
        return VerificationSpec.builder("checkout")
                .check(CheckSpec.builder("latency").query("latency").higherIsWorse().limit(0.5).build())
                .check(CheckSpec.builder("errors").query("errors").higherIsWorse().limit(0.01).build())
                .duration(Duration.ofMinutes(10)).interval(Duration.ofSeconds(30))
                .errorPolicy(ErrorPolicy.INCONCLUSIVE).concurrency(3);
    }
}
