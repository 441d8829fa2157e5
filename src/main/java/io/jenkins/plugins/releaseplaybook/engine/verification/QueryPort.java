package io.jenkins.plugins.releaseplaybook.engine.verification;

import java.time.Duration;
import java.time.Instant;

/** What verification needs of Prometheus; {@link PrometheusClient} is the real one. Must be thread-safe. */
public interface QueryPort {
    QueryResult query(String promql, Instant at) throws VerificationException;

    RangeResult queryRange(String promql, Instant start, Instant end, Duration step) throws VerificationException;
}
