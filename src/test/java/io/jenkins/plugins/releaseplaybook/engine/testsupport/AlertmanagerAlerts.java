package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Fires alerts into a (test) Alertmanager as Prometheus does: {@code POST /api/v2/alerts} with a JSON
 * list of {@code postableAlert}s, each with its labels, a start and an end.
 */
public final class AlertmanagerAlerts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private AlertmanagerAlerts() {}

    /**
     * Posts one alert per label set, firing from {@code startsAt} until {@code endsAt}.
     *
     * @throws IllegalStateException if Alertmanager does not answer 200
     */
    public static void fire(URI alertmanager, Instant startsAt, Instant endsAt, List<Map<String, String>> labelSets)
            throws IOException, InterruptedException {
        ArrayNode alerts = JSON.createArrayNode();
        for (Map<String, String> labels : labelSets) {
            ObjectNode alert = alerts.addObject();
            ObjectNode labelNode = alert.putObject("labels");
            labels.forEach(labelNode::put);
            alert.putObject("annotations").put("summary", "fired by a test");
            alert.put("startsAt", startsAt.truncatedTo(ChronoUnit.MILLIS).toString());
            alert.put("endsAt", endsAt.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        URI url = URI.create(alertmanager + "/api/v2/alerts");
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(alerts), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
