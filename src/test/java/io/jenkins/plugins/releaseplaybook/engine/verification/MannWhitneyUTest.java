package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.Test;

public class MannWhitneyUTest {
    @Test
    public void uCountsPairsInWhichTheWindowIsGreaterTiesHalf() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            double[] window = randomInts(random, 1 + random.nextInt(15));
            double[] baseline = randomInts(random, 1 + random.nextInt(15));

            MannWhitneyU.Result result = MannWhitneyU.greater(window, baseline);

            assertThat(result.u()).isEqualTo(pairwiseU(window, baseline));
            assertThat(result.effectSize()).isCloseTo(pairwiseU(window, baseline) / (window.length * (double) baseline.length),
                    within(1e-12));
        }
    }

    @Test
    public void pValueAgreesWithTheExactDistributionForWindowSizedSamples() {
        // Without ties, compare the normal approximation with the exact permutation distribution of U.
        int n1 = 10;
        int n2 = 10;
        double[] baseline = new double[n2];
        for (int i = 0; i < n2; i++) {
            baseline[i] = 2 * i;
        }
        for (int shift = -12; shift <= 20; shift += 3) {
            double[] window = new double[n1];
            for (int i = 0; i < n1; i++) {
                window[i] = 2 * i + shift + 0.5;
            }
            MannWhitneyU.Result result = MannWhitneyU.greater(window, baseline);
            assertThat(result.pValue()).as("shift %d", shift).isCloseTo(exactUpperTail(n1, n2, (int) result.u()), within(0.01));
        }
    }

    @Test
    public void separatedSamplesAreSignificantOverlappingOnesAreNot() {
        double[] baseline = {0.20, 0.22, 0.21, 0.23, 0.19, 0.22, 0.20, 0.21};
        double[] doubled = {0.41, 0.44, 0.40, 0.45, 0.39, 0.43, 0.42, 0.40};
        double[] same = {0.21, 0.20, 0.23, 0.22, 0.19, 0.21, 0.22, 0.20};

        MannWhitneyU.Result regression = MannWhitneyU.greater(doubled, baseline);
        MannWhitneyU.Result noChange = MannWhitneyU.greater(same, baseline);
        MannWhitneyU.Result improvement = MannWhitneyU.greater(baseline, doubled);

        assertThat(regression.pValue()).isLessThan(0.001);
        assertThat(regression.effectSize()).isEqualTo(1.0);
        assertThat(noChange.pValue()).isGreaterThan(0.3);
        assertThat(noChange.effectSize()).isBetween(0.35, 0.65);
        assertThat(improvement.pValue()).as("one-sided: a faster release is no regression").isGreaterThan(0.99);
    }

    @Test
    public void allEqualValuesShowNoDifference() {
        MannWhitneyU.Result result = MannWhitneyU.greater(new double[] {1, 1, 1}, new double[] {1, 1});
        assertThat(result.pValue()).isEqualTo(1.0);
        assertThat(result.effectSize()).isEqualTo(0.5);
    }

    @Test
    public void emptySidesAreRefused() {
        assertThatThrownBy(() -> MannWhitneyU.greater(new double[0], new double[] {1}))
                .hasMessageContaining("window 0, baseline 1");
    }

    @Test
    public void normalTailMatchesKnownValues() {
        assertThat(MannWhitneyU.upperTail(0)).isCloseTo(0.5, within(1e-7));
        assertThat(MannWhitneyU.upperTail(1.6448536)).isCloseTo(0.05, within(1e-6));
        assertThat(MannWhitneyU.upperTail(2.3263479)).isCloseTo(0.01, within(1e-6));
        assertThat(MannWhitneyU.upperTail(-1.959964)).isCloseTo(0.975, within(1e-6));
    }

    private static double[] randomInts(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(6);
        }
        return values;
    }

    private static double pairwiseU(double[] window, double[] baseline) {
        double u = 0;
        for (double w : window) {
            for (double b : baseline) {
                u += w > b ? 1 : w == b ? 0.5 : 0;
            }
        }
        return u;
    }

    /** P(U &gt;= u) under the null hypothesis, by counting rank arrangements (no ties). */
    private static double exactUpperTail(int n1, int n2, int u) {
        // count[i][j][k]: arrangements of i window and j baseline values with U = k.
        long[][][] count = new long[n1 + 1][n2 + 1][n1 * n2 + 1];
        for (int j = 0; j <= n2; j++) {
            count[0][j][0] = 1;
        }
        for (int i = 1; i <= n1; i++) {
            count[i][0][0] = 1;
            for (int j = 1; j <= n2; j++) {
                for (int k = 0; k <= i * j; k++) {
                    // The largest value is from the window (beats all j baseline values) or from the baseline.
                    long fromWindow = k >= j ? count[i - 1][j][k - j] : 0;
                    long fromBaseline = count[i][j - 1][k];
                    count[i][j][k] = fromWindow + fromBaseline;
                }
            }
        }
        long total = 0;
        long tail = 0;
        for (int k = 0; k <= n1 * n2; k++) {
            total += count[n1][n2][k];
            if (k >= u) {
                tail += count[n1][n2][k];
            }
        }
        return tail / (double) total;
    }
}
