package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Locale;

/**
 * What a check whose samples are mostly empty (no series, NaN, Inf) concludes. A release must not pass
 * because the metrics it is judged by vanished.
 */
public enum NoDataPolicy {
    /** The default: the check is INCONCLUSIVE, which marks the build UNSTABLE unless configured otherwise. */
    INCONCLUSIVE,
    /** Missing data fails the check: for metrics that must always exist. */
    FAIL,
    /** Judge on the samples that have data; still never PASS without any. For sparse metrics. */
    IGNORE;

    public static NoDataPolicy parse(String text) {
        for (NoDataPolicy policy : values()) {
            if (policy.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return policy;
            }
        }
        throw new InvalidInputException(Text.of("verification.noData.unknown", text));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
