package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import org.junit.Test;

/**
 * Keeps the memory promise of docs/benchmarks.md: the samples of 20 checks over one hour at a 10 s interval,
 * as a real verification keeps them for the report, stay under 20 MB of heap.
 */
public class VerificationFootprintTest {
    private static final long LIMIT = 20L * 1024 * 1024;
    private static final int SAMPLES = 20 * 361;

    @Test
    public void theInMemoryHourIsAFullHealthyWindowOfTwentyChecks() {
        VerificationResult result = VerificationFootprint.oneHour();

        assertThat(result.rounds()).isEqualTo(361);
        assertThat(result.stoppedEarly()).isFalse();
        assertThat(result.verdict()).as(VerificationFootprint.verdicts(result)).isEqualTo(Verdict.PASS);
        assertThat(result.checks()).hasSize(20).allSatisfy(c -> assertThat(c.samples()).hasSize(361));
        assertThat(result.checks()).filteredOn(c -> c.baseline() != null)
                .as("the relative checks hold an hour of baseline too")
                .isNotEmpty().allSatisfy(c -> assertThat(c.baseline().values()).hasSize(361));
        assertThat(result.checks().stream().map(CheckResult::samples).flatMap(java.util.List::stream))
                .as("per-pod checks name the worse series, as with a real Prometheus")
                .anySatisfy(s -> assertThat(s.series()).startsWith("{pod=\""));
    }

    @Test
    public void anHourOfTwentyChecksAtTenSecondsStaysUnderTwentyMegabytes() {
        VerificationFootprint.Measurement measured = VerificationFootprint.measure(2);

        assertThat(measured.samples()).isEqualTo(SAMPLES);
        assertThat(measured.retainedBytes()).as("heap retained by one hour's VerificationResult").isLessThan(LIMIT);
        assertThat(measured.withRecordBytes()).as("... together with its report record").isLessThan(LIMIT);
        assertThat(measured.inFlightBytes()).as("held by the verifier at its last round").isLessThan(LIMIT);
        // A sample is a record with a timestamp and a boxed value: far below 32 bytes would mean the measurement
        // saw nothing (for example, the results were collected before the second reading).
        assertThat(measured.retainedBytes()).as("measurement sanity").isGreaterThan(SAMPLES * 32L);
    }
}
