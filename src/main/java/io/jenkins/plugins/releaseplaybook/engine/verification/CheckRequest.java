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

    /**
     * A builder for a request named {@code name}. Every value is optional and may be {@code null} (not set by the job):
     * {@code CheckRequest.builder("latency_p99").limit(0.3).failAfter(1).build()} tightens a catalogue check;
     * with a query and a direction it defines a check of the job's own.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link CheckRequest}; values left unset (or set to {@code null}) are the catalogue's. */
    public static final class Builder {
        private final String name;
        private String query;
        private Direction direction;
        private Double limit;
        private Double maxChangePercent;
        private Integer failAfter;
        private Boolean critical;
        private NoDataPolicy noData;
        private String unit;

        private Builder(String name) {
            this.name = name;
        }

        public Builder query(String promql) {
            this.query = promql;
            return this;
        }

        public Builder direction(Direction value) {
            this.direction = value;
            return this;
        }

        public Builder limit(Double value) {
            this.limit = value;
            return this;
        }

        public Builder maxChangePercent(Double percent) {
            this.maxChangePercent = percent;
            return this;
        }

        public Builder failAfter(Integer samples) {
            this.failAfter = samples;
            return this;
        }

        public Builder critical(Boolean value) {
            this.critical = value;
            return this;
        }

        public Builder noData(NoDataPolicy policy) {
            this.noData = policy;
            return this;
        }

        public Builder unit(String text) {
            this.unit = text;
            return this;
        }

        public CheckRequest build() {
            return new CheckRequest(name, query, direction, limit, maxChangePercent, failAfter, critical, noData, unit);
        }
    }
}
