package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Alertmanager ({@code /usr/bin/prometheus-alertmanager} from the Debian package
 * {@code prometheus-alertmanager}; the system property {@code releaseplaybook.alertmanager.binary}
 * overrides the path) on a free loopback port, clustering disabled, its silences and notification
 * log in a temporary directory, routing every alert to a receiver that sends nothing.
 */
public final class AlertmanagerServer extends ExternalServer {

    private static final String CONFIG = """
            route:
              receiver: 'null'
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: 'null'
            """;

    public AlertmanagerServer() {
        super("Alertmanager", binaryFrom("releaseplaybook.alertmanager.binary", "/usr/bin/prometheus-alertmanager"),
                "prometheus-alertmanager");
    }

    @Override
    protected void writeConfiguration(Path directory) throws IOException {
        Files.writeString(directory.resolve("alertmanager.yml"), CONFIG, StandardCharsets.UTF_8);
    }

    @Override
    protected List<String> arguments(Path directory, int port) {
        return List.of(
                "--config.file=" + directory.resolve("alertmanager.yml"),
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                // empty: no gossip port, clustering (HA mode) disabled
                "--cluster.listen-address=");
    }

    @Override
    protected String readinessPath() {
        return "/-/ready";
    }
}
