package io.jenkins.plugins.releaseplaybook.engine.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releaseplaybook.engine.support.EndpointUrl;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpProbe;
import io.jenkins.plugins.releaseplaybook.engine.support.ProbeResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connection test for the Alertmanager instances of an HA cluster: each URL is checked on its own
 * (concurrently) with the v2 API's {@code GET /api/v2/status}, and reported with its version and
 * cluster status ({@code ready}, {@code settling} or {@code disabled}).
 */
public final class AlertmanagerProbe {

    static final String STATUS_PATH = "/api/v2/status";

    /** The status embeds the whole configuration, which can be large. */
    private static final int MAX_STATUS_BYTES = 4 * 1024 * 1024;
    private static final int MAX_PARALLEL = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerProbe() {}

    /**
     * Checks every Alertmanager URL.
     *
     * @param urls base URLs, as {@link EndpointUrl#parseList} returns them
     * @param auth how to authenticate (the same for all instances)
     * @param timeout how long to wait for a connection, and again for the answer
     * @return one result per URL, in the order of {@code urls}; never throws for network problems
     */
    public static List<ProbeResult> check(List<URI> urls, HttpAuth auth, Duration timeout) {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            return List.of();
        }
        return check(new HttpProbe(auth, timeout, MAX_STATUS_BYTES), urls);
    }

    /**
     * Checks every Alertmanager URL through a shared HTTP client (for example one that uses the proxy of the
     * installation); otherwise as {@link #check(List, HttpAuth, Duration)}.
     *
     * @param httpClient built with {@link HttpProbe#configure}; it must not follow redirects
     */
    public static List<ProbeResult> check(List<URI> urls, HttpAuth auth, Duration timeout, HttpClient httpClient) {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            return List.of();
        }
        return check(new HttpProbe(auth, timeout, MAX_STATUS_BYTES, httpClient), urls);
    }

    private static List<ProbeResult> check(HttpProbe http, List<URI> urls) {
        if (urls.size() == 1) {
            return List.of(checkOne(http, urls.get(0)));
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(urls.size(), MAX_PARALLEL), task -> {
            Thread t = new Thread(task, "alertmanager-probe-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<ProbeResult>> pending = new ArrayList<>();
            for (URI url : urls) {
                pending.add(CompletableFuture.supplyAsync(() -> checkOne(http, url), pool));
            }
            List<ProbeResult> results = new ArrayList<>();
            for (CompletableFuture<ProbeResult> p : pending) {
                results.add(p.join());
            }
            return List.copyOf(results);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ProbeResult checkOne(HttpProbe http, URI baseUrl) {
        Objects.requireNonNull(baseUrl, "a URL in the list is null");
        URI statusUrl = EndpointUrl.append(baseUrl, STATUS_PATH);
        HttpProbe.Outcome status = http.get(statusUrl, "application/json");
        if (!status.ok()) {
            return ProbeResult.failed(baseUrl, "Alertmanager status check failed: " + status.message());
        }
        JsonNode root;
        try {
            root = JSON.readTree(status.body());
        } catch (JsonProcessingException e) {
            String cut = status.truncated() ? " (the answer was longer than " + MAX_STATUS_BYTES / (1024 * 1024)
                    + " MiB and was cut)" : "";
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return ProbeResult.failed(baseUrl, statusUrl + " answered HTTP " + status.status() + " with malformed JSON"
                    + where + cut + ": is this URL an Alertmanager (v0.16 or later)?");
        }
        if (root == null || !root.isObject()) {
            return ProbeResult.failed(baseUrl, statusUrl + " answered HTTP " + status.status()
                    + " without a JSON object: is this URL an Alertmanager (v0.16 or later)?");
        }
        JsonNode version = root.path("versionInfo").path("version");
        if (!version.isTextual() || version.asText().isBlank()) {
            return ProbeResult.failed(baseUrl, statusUrl + " answered HTTP " + status.status()
                    + " with JSON that has no versionInfo.version: is this URL an Alertmanager (v0.16 or later)?");
        }
        JsonNode cluster = root.path("cluster");
        String clusterStatus = cluster.path("status").isTextual() ? cluster.path("status").asText() : "unknown";
        StringBuilder clusterText = new StringBuilder("cluster: ").append(clusterStatus);
        JsonNode peers = cluster.path("peers");
        if (!"disabled".equals(clusterStatus) && peers.isArray()) {
            clusterText.append(", ").append(peers.size()).append(peers.size() == 1 ? " peer" : " peers");
        }
        return ProbeResult.ok(baseUrl, "Alertmanager " + version.asText().strip() + " at " + baseUrl + " (" + clusterText + ")");
    }
}
