package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import static io.jenkins.plugins.releaseplaybook.engine.verification.Direction.HIGHER_IS_WORSE;
import static io.jenkins.plugins.releaseplaybook.engine.verification.Direction.LOWER_IS_WORSE;

import io.jenkins.plugins.releaseplaybook.engine.verification.CheckCatalogue;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckDefinition;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckRequest;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckSpec;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.EffectiveThresholds;
import java.util.List;

/**
 * The 20 checks the benchmarks run: the nine checks of the built-in catalogue and eleven custom checks of
 * the kind a team adds (per-method and per-pod error ratios, more latency quantiles, apdex, CPU),
 * resolved for one service exactly as {@code verifyStability} resolves them, through
 * {@link EffectiveThresholds}. Their limits pass on the data {@link SimulatedService} serves.
 */
public final class BenchmarkChecks {
    /** How many checks a benchmark round has. */
    public static final int COUNT = 20;

    private static final String REQUESTS = "http_requests_total";
    private static final String BUCKETS = "http_request_duration_seconds_bucket";

    private BenchmarkChecks() {}

    /** The 20 checks for {@code service}, in a stable order. */
    public static List<CheckSpec> twenty(String service) {
        CheckCatalogue catalogue = CheckCatalogue.builtIn();
        // The deployed-version check needs a release version and the benchmark's simulated service has no build_info.
        List<String> builtIn = catalogue.definitions().stream().filter(d -> !d.isVersionCheck())
                .map(CheckDefinition::name).toList();
        // Without the presence queries (one more query per check and round), so that a round asks the same 20 queries
        // as the 20 curl invocations it is compared with.
        List<CheckSpec> checks = new EffectiveThresholds(catalogue, EffectiveThresholds.AdminSettings.defaults())
                .resolve(builtIn, custom(), EffectiveThresholds.JobOverrides.none(), CheckCatalogue.selectorFor(service))
                .stream().map(c -> c.toBuilder().presenceQuery(null).build()).toList();
        if (checks.size() != COUNT) {
            throw new IllegalStateException("Expected " + COUNT + " checks, got " + checks.size()
                    + ": the built-in catalogue changed; adjust the custom checks of the benchmark");
        }
        return checks;
    }

    private static List<CheckRequest> custom() {
        String s = "{selector}";
        return List.of(
                check("error_ratio_get", "sum(rate(" + REQUESTS + "{method=\"GET\",code=~\"5..\"," + s + "}[2m]))"
                        + " / sum(rate(" + REQUESTS + "{method=\"GET\"," + s + "}[2m]))", HIGHER_IS_WORSE, 0.02, null, ""),
                check("error_ratio_by_pod", "sum by (pod) (rate(" + REQUESTS + "{code=~\"5..\"," + s + "}[2m]))"
                        + " / sum by (pod) (rate(" + REQUESTS + "{" + s + "}[2m]))", HIGHER_IS_WORSE, 0.02, null, ""),
                check("client_error_ratio", "sum(rate(" + REQUESTS + "{code=~\"4..\"," + s + "}[2m]))"
                        + " / sum(rate(" + REQUESTS + "{" + s + "}[2m]))", HIGHER_IS_WORSE, 0.10, null, ""),
                check("latency_p50", "histogram_quantile(0.5, sum by (le) (rate(" + BUCKETS + "{" + s + "}[2m])))",
                        HIGHER_IS_WORSE, 0.25, null, "s"),
                check("latency_p90_post", "histogram_quantile(0.9, sum by (le) (rate(" + BUCKETS + "{method=\"POST\","
                        + s + "}[2m])))", HIGHER_IS_WORSE, 0.5, null, "s"),
                check("latency_p99_by_pod", "histogram_quantile(0.99, sum by (le, pod) (rate(" + BUCKETS + "{"
                        + s + "}[2m])))", HIGHER_IS_WORSE, 1.0, null, "s"),
                check("latency_mean", "sum(rate(http_request_duration_seconds_sum{" + s + "}[2m]))"
                        + " / sum(rate(http_request_duration_seconds_count{" + s + "}[2m]))", HIGHER_IS_WORSE, 0.2, null, "s"),
                check("apdex", "(sum(rate(" + BUCKETS + "{le=\"0.25\"," + s + "}[2m])) + sum(rate(" + BUCKETS
                        + "{le=\"1\"," + s + "}[2m]))) / 2 / sum(rate(http_request_duration_seconds_count{" + s + "}[2m]))",
                        LOWER_IS_WORSE, 0.9, null, ""),
                check("request_rate_min_pod", "min(sum by (pod) (rate(" + REQUESTS + "{" + s + "}[2m])))",
                        LOWER_IS_WORSE, 1.0, 50.0, "req/s"),
                check("cpu_busy", "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"," + s + "}[2m]))",
                        HIGHER_IS_WORSE, 0.8, null, ""),
                check("errors_5m", "sum(increase(" + REQUESTS + "{code=~\"5..\"," + s + "}[5m]))",
                        HIGHER_IS_WORSE, 1000.0, null, ""));
    }

    private static CheckRequest check(String name, String query, Direction direction, Double limit, Double maxChange,
            String unit) {
        return CheckRequest.builder(name).query(query).direction(direction).limit(limit).maxChangePercent(maxChange)
                .unit(unit).build();
    }
}
