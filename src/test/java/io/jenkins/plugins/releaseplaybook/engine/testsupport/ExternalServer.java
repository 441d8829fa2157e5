package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.rules.ExternalResource;

/**
 * A real server binary run by a test: started on a free loopback port with its own temporary
 * directory, its output in a log file there, waited for until its readiness URL answers 200, and
 * stopped and cleaned up afterwards. Usable as a JUnit 4 {@code @ClassRule} or {@code @Rule}, or
 * through {@link #start()} and {@link #stop()} (a stopped server can be started again).
 */
public abstract class ExternalServer extends ExternalResource {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    private static final int START_ATTEMPTS = 3;
    private static final Pattern VERSION = Pattern.compile("version (\\S+)");

    private final String name;
    private final Path binary;
    private final String debianPackage;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private Path directory;
    private int port = -1;
    private Process process;
    private Thread shutdownHook;

    /**
     * @param name the server's name in messages ("Prometheus")
     * @param binary the executable
     * @param debianPackage the Debian package that installs the executable
     */
    protected ExternalServer(String name, Path binary, String debianPackage) {
        this.name = name;
        this.binary = binary;
        this.debianPackage = debianPackage;
    }

    /** Writes the configuration files into the fresh temporary directory before each start. */
    protected abstract void writeConfiguration(Path directory) throws IOException;

    /** The command line arguments (without the binary). */
    protected abstract List<String> arguments(Path directory, int port);

    /** The path that answers 200 once the server is ready, such as {@code /-/ready}. */
    protected abstract String readinessPath();

    /** The binary: the system property {@code property} if set, else {@code fallback}. */
    protected static Path binaryFrom(String property, String fallback) {
        return Paths.get(System.getProperty(property, fallback));
    }

    @Override
    protected void before() throws IOException {
        start();
    }

    @Override
    protected void after() {
        stop();
    }

    /** Starts the server and waits until it is ready; fails with the tail of its log if it does not start. */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running at " + baseUrl());
        }
        requireBinary();
        for (int attempt = 1; ; attempt++) {
            directory = Files.createTempDirectory("release-playbook-" + name.toLowerCase(Locale.ROOT) + "-");
            port = FreePort.find();
            writeConfiguration(directory);
            List<String> command = command();
            Path log = logFile();
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            shutdownHook = new Thread(process::destroyForcibly, "stop " + name);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            String problem = awaitReady();
            if (problem == null) {
                return;
            }
            String tail = logTail();
            stop();
            // The port was free when picked; another process may have taken it before the server bound it.
            boolean portTaken = tail.toLowerCase(Locale.ROOT).contains("address already in use");
            if (portTaken && attempt < START_ATTEMPTS) {
                continue;
            }
            throw new IllegalStateException(name + " did not start: " + problem + "\nCommand: " + String.join(" ", command)
                    + "\nLast " + LOG_TAIL_LINES + " lines of its log:\n" + tail);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after a grace period) and deletes its temporary directory. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
            process = null;
            shutdownHook = null;
        }
        if (directory != null) {
            deleteRecursively(directory);
            directory = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code http://127.0.0.1:<port>} of the running server. */
    public synchronized URI baseUrl() {
        requireStarted();
        return URI.create("http://127.0.0.1:" + port);
    }

    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The server's temporary directory (config, data, log), deleted by {@link #stop()}. */
    public synchronized Path directory() {
        requireStarted();
        return directory;
    }

    public synchronized Path logFile() {
        requireStarted();
        return directory.resolve(name.toLowerCase(Locale.ROOT) + ".log");
    }

    /** The version the binary reports with {@code --version}, such as {@code 2.42.0+ds}. */
    public String binaryVersion() throws IOException, InterruptedException {
        requireBinary();
        Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(binary + " --version did not finish within 10 s");
        }
        Matcher m = VERSION.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException(binary + " --version printed no version: " + output);
        }
        return m.group(1);
    }

    /** The last lines of the server's log, for failure messages. */
    public synchronized String logTail() {
        if (directory == null) {
            return "(no log: the server was not started)";
        }
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(could not read " + logFile() + ": " + e + ")";
        }
    }

    protected String name() {
        return name;
    }

    protected HttpClient http() {
        return http;
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments(directory, port));
        return command;
    }

    /** Polls the readiness URL until it answers 200; returns null when ready, else what went wrong. */
    private String awaitReady() throws IOException {
        URI ready = URI.create("http://127.0.0.1:" + port + readinessPath());
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).GET().build();
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return "the process exited with code " + process.exitValue() + " before " + ready + " answered";
            }
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return null;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for " + ready;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis()); // poll interval while waiting for readiness
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for " + ready;
            }
        }
        return ready + " did not answer 200 within " + READY_DEADLINE.toSeconds() + " s (last: " + last + ")";
    }

    private void requireBinary() {
        RequiredBinary.require(name, binary, debianPackage);
    }

    private void requireStarted() {
        if (directory == null) {
            throw new IllegalStateException(name + " is not started");
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the temporary directory " + root, e);
        }
    }
}
