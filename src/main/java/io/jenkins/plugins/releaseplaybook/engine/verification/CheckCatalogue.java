package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import static io.jenkins.plugins.releaseplaybook.engine.verification.Direction.HIGHER_IS_WORSE;
import static io.jenkins.plugins.releaseplaybook.engine.verification.Direction.LOWER_IS_WORSE;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks a job can ask for by name. Admins start from {@link #builtIn()} and may edit or replace
 * every entry; the catalogue's limits are then the loosest a job may use.
 */
public final class CheckCatalogue implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The built-in checks a job gets when it names none (basic and business metrics). */
    public static final List<String> DEFAULT_SET =
            List.of("error_ratio", "latency_p99", "request_rate", "load_per_core", "memory_available_ratio");

    private final Map<String, CheckDefinition> checks;
    private final List<String> defaultSet;

    /** A catalogue whose default set is {@link #DEFAULT_SET}, less the names it does not define. */
    public CheckCatalogue(List<CheckDefinition> definitions) {
        this(definitions, null);
    }

    /**
     * @param defaultSet the checks a job gets when it names none; {@code null} or empty for {@link #DEFAULT_SET}
     *     (less the names this catalogue does not define)
     * @throws IllegalArgumentException for duplicate names, or a default set naming a check not defined here
     */
    public CheckCatalogue(List<CheckDefinition> definitions, List<String> defaultSet) {
        Map<String, CheckDefinition> byName = new LinkedHashMap<>();
        for (CheckDefinition definition : definitions) {
            if (byName.putIfAbsent(definition.name(), definition) != null) {
                throw new InvalidInputException(Text.of("verification.catalogue.twice", definition.name()));
            }
        }
        this.checks = byName;
        if (defaultSet == null || defaultSet.isEmpty()) {
            this.defaultSet = DEFAULT_SET.stream().filter(byName::containsKey).toList();
        } else {
            for (String name : defaultSet) {
                if (!byName.containsKey(name)) {
                    throw new InvalidInputException(Text.of("verification.catalogue.unknownDefault", name,
                            String.join(", ", byName.keySet())));
                }
            }
            this.defaultSet = List.copyOf(defaultSet);
        }
    }

    /** Conventional metric names: node_exporter for hosts, http_requests_total and a latency histogram for services. */
    public static CheckCatalogue builtIn() {
        String requests = "sum(rate(http_requests_total{{selector}}[{range}]))";
        String errors = "sum(rate(http_requests_total{code=~\"5..\",{selector}}[{range}]))";
        String buckets = "sum by (le) (rate(http_request_duration_seconds_bucket{{selector}}[{range}]))";
        // A ratio of a handful of requests is noise: one error in 80 is not a failed release.
        String volume = "sum(increase(http_requests_total{{selector}}[{range}]))";
        return new CheckCatalogue(List.of(
                new CheckDefinition("load_per_core", "load per core",
                        "sum(node_load1{{selector}}) / count(node_cpu_seconds_total{mode=\"idle\",{selector}})",
                        HIGHER_IS_WORSE, 1.5, null, null, false, null, ""),
                new CheckDefinition("memory_available_ratio", "memory available",
                        "sum(node_memory_MemAvailable_bytes{{selector}}) / sum(node_memory_MemTotal_bytes{{selector}})",
                        LOWER_IS_WORSE, 0.10, null, null, false, null, ""),
                new CheckDefinition("network_receive", "network receive",
                        "sum(rate(node_network_receive_bytes_total{device!=\"lo\",{selector}}[{range}]))",
                        LOWER_IS_WORSE, null, 50.0, null, false, null, "B/s"),
                new CheckDefinition("network_transmit", "network transmit",
                        "sum(rate(node_network_transmit_bytes_total{device!=\"lo\",{selector}}[{range}]))",
                        LOWER_IS_WORSE, null, 50.0, null, false, null, "B/s"),
                new CheckDefinition("request_rate", "request rate", requests,
                        LOWER_IS_WORSE, null, 50.0, null, false, null, "req/s"),
                new CheckDefinition("error_ratio", "error ratio", errors + " / " + requests,
                        HIGHER_IS_WORSE, 0.01, null, null, true, null, "", null, volume, null),
                new CheckDefinition("success_rate", "success rate", "1 - (" + errors + " / " + requests + ")",
                        LOWER_IS_WORSE, 0.99, null, null, true, null, "", null, volume, null),
                new CheckDefinition("latency_p95", "p95 latency", "histogram_quantile(0.95, " + buckets + ")",
                        HIGHER_IS_WORSE, 0.5, 50.0, null, false, null, "s"),
                new CheckDefinition("latency_p99", "p99 latency", "histogram_quantile(0.99, " + buckets + ")",
                        HIGHER_IS_WORSE, 1.0, 50.0, null, false, null, "s")));
    }

    public Optional<CheckDefinition> find(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    /**
     * @throws IllegalArgumentException naming the unknown check and the known ones
     */
    public CheckDefinition get(String name) {
        return find(name).orElseThrow(() -> new InvalidInputException(Text.of("verification.catalogue.unknown", name,
                String.join(", ", checks.keySet()))));
    }

    public List<CheckDefinition> definitions() {
        return List.copyOf(checks.values());
    }

    /** The checks a job gets when it names none and brings none of its own. */
    public List<String> defaultSet() {
        return defaultSet;
    }

    /** The label matcher that picks a service: {@code service="checkout"}, the value escaped for PromQL. */
    public static String selectorFor(String service) {
        return "service=\"" + service.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
