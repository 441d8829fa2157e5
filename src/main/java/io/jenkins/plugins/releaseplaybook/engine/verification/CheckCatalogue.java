package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;

import java.io.Serializable;
import java.util.ArrayList;
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
    /** The built-in deployed-version check; in the default set only when the release's version is known. */
    public static final String DEPLOYED_VERSION = "deployed_version";

    private final Map<String, CheckDefinition> checks;
    private final List<String> defaultSet;
    /** Whether the admin chose the default set (else it is {@link #DEFAULT_SET}, less what is not defined). */
    private final boolean chosenDefaultSet;

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
            this.chosenDefaultSet = false;
        } else {
            for (String name : defaultSet) {
                if (!byName.containsKey(name)) {
                    throw new InvalidInputException(Text.of("verification.catalogue.unknownDefault", name,
                            String.join(", ", byName.keySet())));
                }
            }
            this.defaultSet = List.copyOf(defaultSet);
            this.chosenDefaultSet = true;
        }
    }

    /**
     * Conventional metric names: node_exporter for hosts, http_requests_total and a latency histogram for services,
     * {@code build_info} with a {@code version} label for the deployed version. Every check has a presence query on
     * its raw series, so that a service that vanished is NODATA from the first round after, not hidden for the length
     * of a {@code rate()} range.
     */
    public static CheckCatalogue builtIn() {
        String requests = "sum(rate(http_requests_total{{selector}}[{range}]))";
        String errors = "sum(rate(http_requests_total{code=~\"5..\",{selector}}[{range}]))";
        String buckets = "sum by (le) (rate(http_request_duration_seconds_bucket{{selector}}[{range}]))";
        // A ratio of a handful of requests is noise: one error in 80 is not a failed release.
        String volume = "sum(increase(http_requests_total{{selector}}[{range}]))";
        String requestSeries = "count(http_requests_total{{selector}})";
        String bucketSeries = "count(http_request_duration_seconds_bucket{{selector}})";
        return new CheckCatalogue(List.of(
                CheckDefinition.builder("load_per_core").description("load per core")
                        .query("sum(node_load1{{selector}}) / count(node_cpu_seconds_total{mode=\"idle\",{selector}})")
                        .higherIsWorse().limit(1.5).presenceQuery("count(node_load1{{selector}})").build(),
                CheckDefinition.builder("memory_available_ratio").description("memory available")
                        .query("sum(node_memory_MemAvailable_bytes{{selector}}) / sum(node_memory_MemTotal_bytes{{selector}})")
                        .lowerIsWorse().limit(0.10).presenceQuery("count(node_memory_MemAvailable_bytes{{selector}})").build(),
                CheckDefinition.builder("network_receive").description("network receive")
                        .query("sum(rate(node_network_receive_bytes_total{device!=\"lo\",{selector}}[{range}]))")
                        .lowerIsWorse().maxChangePercent(50).unit("B/s")
                        .presenceQuery("count(node_network_receive_bytes_total{device!=\"lo\",{selector}})").build(),
                CheckDefinition.builder("network_transmit").description("network transmit")
                        .query("sum(rate(node_network_transmit_bytes_total{device!=\"lo\",{selector}}[{range}]))")
                        .lowerIsWorse().maxChangePercent(50).unit("B/s")
                        .presenceQuery("count(node_network_transmit_bytes_total{device!=\"lo\",{selector}})").build(),
                CheckDefinition.builder("request_rate").description("request rate").query(requests)
                        .lowerIsWorse().maxChangePercent(50).unit("req/s").presenceQuery(requestSeries).build(),
                CheckDefinition.builder("error_ratio").description("error ratio").query(errors + " / " + requests)
                        .higherIsWorse().limit(0.01).critical().volumeQuery(volume).presenceQuery(requestSeries).build(),
                CheckDefinition.builder("success_rate").description("success rate")
                        .query("1 - (" + errors + " / " + requests + ")")
                        .lowerIsWorse().limit(0.99).critical().volumeQuery(volume).presenceQuery(requestSeries).build(),
                CheckDefinition.builder("latency_p95").description("p95 latency")
                        .query("histogram_quantile(0.95, " + buckets + ")")
                        .higherIsWorse().limit(0.5).maxChangePercent(50).unit("s").presenceQuery(bucketSeries).build(),
                CheckDefinition.builder("latency_p99").description("p99 latency")
                        .query("histogram_quantile(0.99, " + buckets + ")")
                        .higherIsWorse().limit(1.0).maxChangePercent(50).unit("s").presenceQuery(bucketSeries).build(),
                CheckDefinition.deployedVersion(DEPLOYED_VERSION).build()));
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

    /** The checks a job gets when it names none and brings none of its own (without a known release version). */
    public List<String> defaultSet() {
        return defaultSet;
    }

    /**
     * The checks a job gets when it names none and brings none of its own. With the release's version known, the
     * built-in default set also holds the deployed-version checks the catalogue defines; a default set the admin chose
     * is taken as it is.
     */
    public List<String> defaultSet(boolean versionKnown) {
        if (!versionKnown || chosenDefaultSet) {
            return defaultSet;
        }
        List<String> names = new ArrayList<>(defaultSet);
        checks.values().stream().filter(CheckDefinition::isVersionCheck).map(CheckDefinition::name)
                .filter(n -> !names.contains(n)).forEach(names::add);
        return List.copyOf(names);
    }

    /** The label matcher that picks a service: {@code service="checkout"}, the value escaped for PromQL. */
    public static String selectorFor(String service) {
        return "service=\"" + service.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
