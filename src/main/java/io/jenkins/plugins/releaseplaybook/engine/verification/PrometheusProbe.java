package io.jenkins.plugins.releaseplaybook.engine.verification;

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
import java.util.Objects;

/**
 * Connection test for a Prometheus server: is it healthy, and which version is it.
 *
 * <p>Uses the management API's {@code GET /-/healthy} (200 while the server runs) and the HTTP
 * API's {@code GET /api/v1/status/buildinfo} ({@code {"status":"success","data":{"version":...}}}).
 * Prometheus-compatible servers that lack the build info endpoint still pass, with a note.
 */
public final class PrometheusProbe {

    static final String HEALTH_PATH = "/-/healthy";
    static final String BUILD_INFO_PATH = "/api/v1/status/buildinfo";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusProbe() {}

    /**
     * Checks the Prometheus server at the base URL.
     *
     * @param baseUrl the base URL, as {@link EndpointUrl#parse} returns it
     * @param auth how to authenticate
     * @param timeout how long to wait for a connection, and again for each answer
     * @return ok with the version, or failed with what went wrong; never throws for network problems
     */
    public static ProbeResult check(URI baseUrl, HttpAuth auth, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        return check(new HttpProbe(auth, timeout), baseUrl);
    }

    /**
     * Checks the Prometheus server at the base URL through a shared HTTP client (for example one that uses the
     * proxy of the installation); otherwise as {@link #check(URI, HttpAuth, Duration)}.
     *
     * @param httpClient built with {@link HttpProbe#configure}; it must not follow redirects
     */
    public static ProbeResult check(URI baseUrl, HttpAuth auth, Duration timeout, HttpClient httpClient) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        return check(new HttpProbe(auth, timeout, HttpProbe.DEFAULT_MAX_BODY_BYTES, httpClient), baseUrl);
    }

    private static ProbeResult check(HttpProbe http, URI baseUrl) {

        HttpProbe.Outcome health = http.get(EndpointUrl.append(baseUrl, HEALTH_PATH), "text/plain, */*");
        if (!health.ok()) {
            return ProbeResult.failed(baseUrl, "Prometheus health check failed: " + health.message());
        }

        HttpProbe.Outcome buildInfo = http.get(EndpointUrl.append(baseUrl, BUILD_INFO_PATH), "application/json");
        if (!buildInfo.ok()) {
            return ProbeResult.ok(baseUrl, "Prometheus is healthy at " + baseUrl
                    + " (version unknown: " + buildInfo.message() + ")");
        }
        String version = versionOf(buildInfo);
        if (version == null) {
            return ProbeResult.ok(baseUrl, "Prometheus is healthy at " + baseUrl + " (version unknown: "
                    + EndpointUrl.append(baseUrl, BUILD_INFO_PATH) + " did not answer with Prometheus build information)");
        }
        return ProbeResult.ok(baseUrl, "Prometheus " + version + " is healthy at " + baseUrl);
    }

    private static String versionOf(HttpProbe.Outcome buildInfo) {
        try {
            JsonNode root = JSON.readTree(buildInfo.body());
            if (root == null || !"success".equals(root.path("status").asText())) {
                return null;
            }
            JsonNode version = root.path("data").path("version");
            return version.isTextual() && !version.asText().isBlank() ? version.asText().strip() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
