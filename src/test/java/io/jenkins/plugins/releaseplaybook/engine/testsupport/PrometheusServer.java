package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real Prometheus ({@code /usr/bin/prometheus} from the Debian package {@code prometheus}; the
 * system property {@code releaseplaybook.prometheus.binary} overrides the path) on a free loopback
 * port, with its TSDB in a temporary directory. Scrape targets can be added before or while it runs
 * (a running server reloads its configuration through {@code /-/reload}).
 */
public final class PrometheusServer extends ExternalServer {

    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Map<String, ScrapeJob> jobs = new LinkedHashMap<>();
    private final List<String> extraArguments = new ArrayList<>();
    private Duration evaluationInterval = Duration.ofSeconds(1);

    private record ScrapeJob(String name, URI target, Duration interval) {}

    public PrometheusServer() {
        super("Prometheus", binaryFrom("releaseplaybook.prometheus.binary", "/usr/bin/prometheus"), "prometheus");
    }

    /**
     * Scrapes {@code target} (a full URL such as {@code http://127.0.0.1:1234/metrics}) as job
     * {@code job} every {@code interval} (the scrape timeout is the interval too). Replaces an
     * earlier job of that name. If the server runs, its configuration is reloaded.
     */
    public synchronized PrometheusServer scrape(String job, URI target, Duration interval) throws IOException {
        if (!JOB_NAME.matcher(job).matches()) {
            throw new IllegalArgumentException("Job name must match " + JOB_NAME + ": " + job);
        }
        if (target.getHost() == null || target.getPort() < 0) {
            throw new IllegalArgumentException("Target needs a host and an explicit port: " + target);
        }
        jobs.put(job, new ScrapeJob(job, target, interval));
        if (isRunning()) {
            writeConfiguration(directory());
            reload();
        }
        return this;
    }

    /** Adds a command line argument, for the next start. */
    public synchronized PrometheusServer withArgument(String argument) {
        extraArguments.add(argument);
        return this;
    }

    /** The rule evaluation interval (default 1 s), for the next start. */
    public synchronized PrometheusServer withEvaluationInterval(Duration interval) {
        evaluationInterval = interval;
        return this;
    }

    /** Makes the running server reread its configuration; fails if Prometheus refuses it. */
    public void reload() throws IOException {
        URI uri = baseUrl().resolve("/-/reload");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Prometheus refused to reload its configuration: HTTP "
                        + response.statusCode() + " " + response.body() + "\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reloading Prometheus", e);
        }
    }

    @Override
    protected synchronized void writeConfiguration(Path directory) throws IOException {
        StringBuilder yaml = new StringBuilder()
                .append("global:\n")
                .append("  scrape_interval: 15s\n")
                .append("  evaluation_interval: ").append(promDuration(evaluationInterval)).append('\n')
                .append("scrape_configs:\n");
        if (jobs.isEmpty()) {
            yaml.setLength(yaml.length() - 1);
            yaml.append(" []\n");
        }
        for (ScrapeJob job : jobs.values()) {
            String path = job.target().getRawPath() == null || job.target().getRawPath().isEmpty()
                    ? "/metrics"
                    : job.target().getRawPath();
            yaml.append("  - job_name: ").append(quote(job.name())).append('\n')
                    .append("    scrape_interval: ").append(promDuration(job.interval())).append('\n')
                    .append("    scrape_timeout: ").append(promDuration(job.interval())).append('\n')
                    .append("    scheme: ").append(job.target().getScheme()).append('\n')
                    .append("    metrics_path: ").append(quote(path)).append('\n')
                    .append("    static_configs:\n")
                    .append("      - targets: [").append(quote(job.target().getHost() + ":" + job.target().getPort()))
                    .append("]\n");
        }
        Path config = directory.resolve("prometheus.yml");
        Path temp = directory.resolve("prometheus.yml.tmp");
        Files.writeString(temp, yaml, StandardCharsets.UTF_8);
        Files.move(temp, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    protected synchronized List<String> arguments(Path directory, int port) {
        List<String> args = new ArrayList<>(List.of(
                "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                // /-/reload, so scrape targets can be added while it runs
                "--web.enable-lifecycle",
                // keep it away from /etc/prometheus
                "--web.console.templates=" + directory.resolve("consoles"),
                "--web.console.libraries=" + directory.resolve("console_libraries")));
        args.addAll(extraArguments);
        return args;
    }

    @Override
    protected String readinessPath() {
        return "/-/ready";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String promDuration(Duration d) {
        long millis = d.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("Duration must be positive: " + d);
        }
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
