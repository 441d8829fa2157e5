package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.io.Serializable;

/**
 * A check as a job writes it in {@code verifyStability(customChecks: [...])}. With the name of a catalogue
 * check and no query it tightens that check's limits; with another name and a query it defines a check of
 * the job's own. Every field but the name may be {@code null}.
 */
public record CheckRequest(
        String name,
        String query,
        Direction direction,
        Double limit,
        Double maxChangePercent,
        Integer failAfter,
        Boolean critical,
        NoDataPolicy noData,
        String unit)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A request that only changes a catalogue check's limits. */
    public static CheckRequest tighten(String name, Double limit, Double maxChangePercent, Integer failAfter) {
        return new CheckRequest(name, null, null, limit, maxChangePercent, failAfter, null, null, null);
    }
}
