package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.util.Arrays;

/**
 * One-sided Mann-Whitney U test: is the release window stochastically greater than the baseline?
 *
 * <p>Rank-based, so it needs no assumption about the shape of the metric's distribution and a few
 * outliers cannot carry it. The p-value uses the normal approximation with tie correction and continuity
 * correction, which is accurate for the sample sizes a verification window has (about 8 and more per
 * side); callers refuse to compare smaller samples. The effect size is the common-language effect size,
 * the probability that a window sample exceeds a baseline sample (ties count half): 0.5 is no difference,
 * 1.0 means every window sample is above every baseline sample.
 */
public final class MannWhitneyU {
    private MannWhitneyU() {}

    /**
     * @param u the U statistic of the window sample
     * @param pValue one-sided p-value for "window greater than baseline"
     * @param effectSize P(window &gt; baseline) + P(tie) / 2
     */
    public record Result(double u, double pValue, double effectSize) {}

    /** Tests whether {@code window} tends to be greater than {@code baseline}. */
    public static Result greater(double[] window, double[] baseline) {
        int n1 = window.length;
        int n2 = baseline.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("Mann-Whitney U needs samples on both sides (window " + n1
                    + ", baseline " + n2 + ")");
        }
        int n = n1 + n2;
        double[][] pooled = new double[n][];
        for (int i = 0; i < n1; i++) {
            pooled[i] = new double[] {window[i], 0};
        }
        for (int i = 0; i < n2; i++) {
            pooled[n1 + i] = new double[] {baseline[i], 1};
        }
        Arrays.sort(pooled, (a, b) -> Double.compare(a[0], b[0]));

        double windowRankSum = 0;
        double tieTerm = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && pooled[j + 1][0] == pooled[i][0]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            int ties = j - i + 1;
            tieTerm += (double) ties * ties * ties - ties;
            for (int k = i; k <= j; k++) {
                if (pooled[k][1] == 0) {
                    windowRankSum += averageRank;
                }
            }
            i = j + 1;
        }
        double u = windowRankSum - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        double effect = u / (n1 * (double) n2);
        if (variance <= 0) {
            // Every value is the same: no evidence of any difference.
            return new Result(u, 1.0, effect);
        }
        double z = (u - mean - 0.5) / Math.sqrt(variance);
        return new Result(u, upperTail(z), effect);
    }

    /** P(Z &gt; z) for a standard normal Z. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /**
     * Complementary error function by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), ample
     * for comparing p-values with significance levels such as 0.05 or 0.01.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double tail = poly * Math.exp(-z * z);
        return x >= 0 ? tail : 2 - tail;
    }
}
