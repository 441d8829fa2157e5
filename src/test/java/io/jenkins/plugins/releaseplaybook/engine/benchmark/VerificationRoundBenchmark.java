package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.releaseplaybook.engine.verification.SampleOutcome;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.MetricsEndpoint;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.PrometheusServer;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckSpec;
import io.jenkins.plugins.releaseplaybook.engine.verification.PrometheusClient;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationException;
import io.jenkins.plugins.releaseplaybook.engine.verification.QueryResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.Sample;
import io.jenkins.plugins.releaseplaybook.engine.verification.Series;
import io.jenkins.plugins.releaseplaybook.engine.verification.StabilityVerifier;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One sampling round of 20 checks through the engine against a real Prometheus, next to the same 20
 * queries sent with {@code curl}, sequentially and concurrently, in the same run; and the heap that an
 * hour of samples of 20 checks keeps. Run it with {@code bench/verification-round.sh}; docs/benchmarks.md
 * explains the numbers.
 *
 * <p>Every measured repetition runs every variant, in a shuffled order, so drift (Prometheus' head block
 * growing, the CPU clock, other load) touches all of them alike; the cheap in-JVM variants run several times
 * per repetition. Warm-up runs (the engine's code paths, for the JIT, then every variant once) are dropped.
 *
 * <p>Options: {@code --warmup N} engine warm-up rounds (default 40), {@code --iterations N} measured
 * repetitions (default 15), {@code --max-seconds N} time budget of the measured repetitions, after at least 5
 * (default 75), {@code --engine-repeats N} runs of each in-JVM variant per repetition (default 4),
 * {@code --copies N} results held at once in the memory measurement (default 5), {@code --markdown FILE}
 * (also write the report as Markdown there).
 */
public final class VerificationRoundBenchmark {
    private static final String SERVICE = "checkout";
    private static final Duration SCRAPE = Duration.ofSeconds(1);
    /** Points a {@code [2m]} range must hold before measuring (a 15 s scrape interval gives 8). */
    private static final int MIN_POINTS = 10;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CURL = "curl";
    private static final String CURL_FORMAT = "%{http_code} %{time_total}\n";
    /** Measured repetitions done even when the time budget has run out. */
    private static final int MIN_REPETITIONS = 5;

    /** Labels of the variants in the table of Prometheus' own time, in table order. */
    private static final Map<String, String> SERVER_LABELS = new LinkedHashMap<>();

    static {
        SERVER_LABELS.put("curl-seq", "(a) curl, one after another");
        SERVER_LABELS.put("curl-conc", "(b) 20 curl at once (ProcessBuilder)");
        SERVER_LABELS.put("curl-xargs", "(b2) 20 curl at once (xargs)");
        SERVER_LABELS.put("curl-parallel", "(b3) curl --parallel");
        SERVER_LABELS.put("verify-8", "(c) engine verify(), concurrency 8, both rounds");
        SERVER_LABELS.put("verify-20", "(c20) engine verify(), concurrency 20, both rounds");
        SERVER_LABELS.put("client-seq", "(d) engine client, one after another");
        SERVER_LABELS.put("jdk-conc", "(e) JDK HttpClient at once");
        SERVER_LABELS.put("jdk-seq", "(e′) JDK HttpClient send(), one after another");
        SERVER_LABELS.put("jdk-seq-async", "(e″) JDK HttpClient sendAsync().get(), one after another");
    }

    private final Options options;
    private final List<CheckSpec> checks = BenchmarkChecks.twenty(SERVICE);
    private final Map<String, Timings> timings = new LinkedHashMap<>();
    private PrometheusClient client;
    private URI queryUrl;
    private URI prometheusMetrics;
    private HttpClient jdk;
    /** False during warm-up. */
    private boolean recording;
    /** Measured repetitions done (fewer than asked when the time budget ran out). */
    private int repetitions;
    /** Per variant: the mean time Prometheus' query handler took per query during each run, by its own metrics. */
    private final Map<String, Timings> serverTime = new LinkedHashMap<>();

    record Options(int warmup, int iterations, int engineRepeats, int maxSeconds, int copies, Path markdown) {
        static Options parse(String[] args) {
            int warmup = 40;
            int iterations = 15;
            int engineRepeats = 4;
            int maxSeconds = 75;
            int copies = 5;
            Path markdown = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--warmup" -> warmup = Integer.parseInt(required(args[i], value));
                    case "--iterations" -> iterations = Integer.parseInt(required(args[i], value));
                    case "--engine-repeats" -> engineRepeats = Integer.parseInt(required(args[i], value));
                    case "--max-seconds" -> maxSeconds = Integer.parseInt(required(args[i], value));
                    case "--copies" -> copies = Integer.parseInt(required(args[i], value));
                    case "--markdown" -> markdown = Paths.get(required(args[i], value));
                    default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; known: --warmup N,"
                            + " --iterations N, --engine-repeats N, --max-seconds N, --copies N, --markdown FILE");
                }
                i++;
            }
            if (iterations < MIN_REPETITIONS || warmup < 0 || engineRepeats < 1 || maxSeconds < 1 || copies < 1) {
                throw new IllegalArgumentException("Use --iterations " + MIN_REPETITIONS + " or more, --warmup 0 or more,"
                        + " --engine-repeats 1 or more, --max-seconds 1 or more, --copies 1 or more");
            }
            return new Options(warmup, iterations, engineRepeats, maxSeconds, copies, markdown);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    private VerificationRoundBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new VerificationRoundBenchmark(Options.parse(args)).run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        String loadBefore = MachineInfo.loadAverage();
        List<String> environment = MachineInfo.describe();
        environment.forEach(line -> System.out.println("  " + line));

        // Memory first, while nothing else runs in this JVM.
        System.out.println("Measuring the heap of one hour of 20 checks at 10 s (" + options.copies() + " copies) ...");
        VerificationFootprint.Measurement memory = VerificationFootprint.measure(options.copies());

        MetricsEndpoint endpoint = new MetricsEndpoint();
        PrometheusServer prometheus = new PrometheusServer();
        String report;
        try {
            endpoint.start();
            int series = SimulatedService.register(endpoint, SERVICE) + SimulatedService.register(endpoint, "cart");
            prometheus.scrape("services", endpoint.metricsUrl(), SCRAPE);
            System.out.println("Starting Prometheus, scraping " + series + " series every " + SCRAPE.toSeconds() + " s ...");
            prometheus.start();
            client = new PrometheusClient(prometheus.baseUrl(), HttpAuth.none(), CLIENT_TIMEOUT);
            queryUrl = URI.create(prometheus.baseUrl() + "/api/v1/query");
            prometheusMetrics = URI.create(prometheus.baseUrl() + "/metrics");
            jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            requireSameBodyAsTheClient();
            int pointsBefore = awaitData();
            requireCurlAnswersLikeTheClient();
            System.out.println("Data ready (" + pointsBefore + " points per [2m] range). Measuring: " + options.warmup()
                    + " engine warm-up rounds, then up to " + options.iterations() + " measured repetitions in "
                    + options.maxSeconds() + " s ...");
            measure();
            int pointsAfter = pointsPerRange();
            environment.add("load average (1, 5, 15 min; other work on the machine shares the CPUs): " + loadBefore
                    + " at the start, " + MachineInfo.loadAverage() + " at the end");
            report = new RoundReport(options, repetitions, timings, serverTime, SERVER_LABELS, environment, series, SCRAPE,
                    pointsBefore, pointsAfter, memory, Duration.ofNanos(System.nanoTime() - started)).markdown();
        } finally {
            prometheus.stop();
            endpoint.stop();
        }
        System.out.println();
        System.out.println(report);
        if (options.markdown() != null) {
            Files.createDirectories(options.markdown().toAbsolutePath().getParent());
            Files.writeString(options.markdown(), report, StandardCharsets.UTF_8);
            System.out.println("Written to " + options.markdown());
        }
    }

    // ---------------------------------------------------------------------------------------------- the variants

    private void measure() throws Exception {
        Map<String, ThrowingRunnable> curl = new LinkedHashMap<>();
        curl.put("curl-seq", this::curlSequential);
        curl.put("curl-conc", this::curlConcurrent);
        curl.put("curl-xargs", this::curlXargs);
        curl.put("curl-parallel", this::curlParallel);
        Map<String, ThrowingRunnable> engine = new LinkedHashMap<>();
        engine.put("verify-8", () -> verify(VerificationSpec.DEFAULT_CONCURRENCY));
        engine.put("verify-20", () -> verify(BenchmarkChecks.COUNT));
        engine.put("client-seq", this::clientSequential);
        engine.put("jdk-conc", this::jdkConcurrent);
        engine.put("jdk-seq", this::jdkSequential);
        engine.put("jdk-seq-async", this::jdkSequentialAsync);
        defineTimings();

        // Warm-up: the JIT compiles the engine's paths (they run in this JVM; curl runs in fresh processes).
        recording = false;
        for (int i = 0; i < options.warmup(); i++) {
            for (ThrowingRunnable variant : engine.values()) {
                variant.run();
            }
        }
        for (ThrowingRunnable variant : curl.values()) {
            variant.run();
        }
        curlStartOnly();

        // Measured repetitions: every variant in shuffled order; the cheap in-JVM ones several times, for more
        // samples at little cost; the process-start probe every third repetition (it only explains (b)).
        // Prometheus' own handler metrics are read between runs (outside the timed part), so each run also
        // tells how long Prometheus itself took per query while that variant ran.
        recording = true;
        Map<String, ThrowingRunnable> all = new LinkedHashMap<>(curl);
        all.putAll(engine);
        all.put("curl-start", this::curlStartOnly);
        Random shuffle = new Random(42);
        double[] handler = queryHandlerTotals();
        long deadline = System.nanoTime() + Duration.ofSeconds(options.maxSeconds()).toNanos();
        repetitions = 0;
        for (int i = 0; i < options.iterations(); i++) {
            if (i >= MIN_REPETITIONS && System.nanoTime() > deadline) {
                break; // a loaded machine makes curl slow; keep the run bounded
            }
            repetitions++;
            List<String> order = new ArrayList<>(curl.keySet());
            if (i % 3 == 0) {
                order.add("curl-start");
            }
            for (int r = 0; r < options.engineRepeats(); r++) {
                order.addAll(engine.keySet());
            }
            Collections.shuffle(order, shuffle);
            for (String variant : order) {
                all.get(variant).run();
                double[] after = queryHandlerTotals();
                if (after[1] > handler[1]) {
                    serverTime.computeIfAbsent(variant, k -> new Timings(k, SERVER_LABELS.get(k), ""))
                            .add((long) ((after[0] - handler[0]) / (after[1] - handler[1]) * 1e9));
                }
                handler = after;
            }
        }
    }

    private void defineTimings() {
        define("curl-seq", "(a) 20 × `curl`, one after another",
                "20 process starts, 20 TCP connects, 20 queries, one at a time");
        define("curl-seq-http", "(a′) … of which inside `curl` (sum of `time_total`)",
                "connect + request + Prometheus + response, as curl times it; without process start and exit");
        define("curl-conc", "(b) 20 × `curl` at once (20 `ProcessBuilder`s)",
                "20 process starts (launched one after another by the JVM) and 20 queries overlapping");
        define("curl-conc-http", "(b′) … slowest single `curl` `time_total`",
                "the longest of the 20 exchanges, as curl times it");
        define("curl-xargs", "(b2) 20 × `curl` at once (`xargs -P 20`)",
                "one `xargs` start, then 20 curl processes forked by xargs, queries overlapping");
        define("curl-parallel", "(b3) 1 `curl --parallel`, 20 transfers",
                "one process start, 20 connections and queries in parallel inside curl");
        define("curl-start", "(p) 20 × `curl --version` at once",
                "process start and exit only, no HTTP: what (b) pays before any query");
        define("verify-8-round1", "(c) engine `verify()`, round 1, concurrency 8 (default)",
                "thread pool start (8 threads), 20 queries on 8 threads, JSON parsing, judging, progress line");
        define("verify-8-round2", "(c′) engine `verify()`, round 2, concurrency 8",
                "the same round on the warm pool: the round alone");
        define("verify-8-full", "(c″) engine `verify()`, whole call (2 rounds), concurrency 8",
                "pool start, 2 rounds, conclusion of 20 checks (the fewest rounds a spec allows)");
        define("verify-20-round1", "(c20) engine `verify()`, round 1, concurrency 20",
                "as (c) with 20 threads: all 20 queries at once, like (b)");
        define("verify-20-round2", "(c20′) engine `verify()`, round 2, concurrency 20",
                "as (c′) with 20 threads");
        define("client-seq", "(d) engine client, 20 queries one after another",
                "`PrometheusClient.query` × 20 on one thread (keep-alive connection), parsing included");
        define("jdk-conc", "(e) JDK `HttpClient`, 20 POSTs at once, body not parsed",
                "raw HTTP floor inside the JVM: same requests, no engine code");
        define("jdk-seq", "(e′) JDK `HttpClient.send`, 20 POSTs one after another, body not parsed",
                "as (d) without the engine: (d) − (e′) is what the client adds");
        define("jdk-seq-async", "(e″) JDK `HttpClient.sendAsync(…).get()`, 20 POSTs one after another",
                "how the engine's `HttpProbe` sends (async, then waits with a timeout): (d) − (e″) is the engine's own code");
    }

    private void define(String key, String what, String contains) {
        timings.put(key, new Timings(key, what, contains));
    }

    private void record(String key, long nanos) {
        if (recording) {
            timings.get(key).add(nanos);
        }
    }

    private void curlSequential() throws Exception {
        List<String> bodies = bodies(Instant.now());
        double inCurl = 0;
        long start = System.nanoTime();
        for (String body : bodies) {
            Process process = new ProcessBuilder(curlCommand(body)).redirectErrorStream(true).start();
            inCurl += curlSeconds(process);
        }
        long elapsed = System.nanoTime() - start;
        record("curl-seq", elapsed);
        record("curl-seq-http", (long) (inCurl * 1e9));
    }

    private void curlConcurrent() throws Exception {
        List<String> bodies = bodies(Instant.now());
        List<Process> processes = new ArrayList<>();
        long start = System.nanoTime();
        for (String body : bodies) {
            processes.add(new ProcessBuilder(curlCommand(body)).redirectErrorStream(true).start());
        }
        double slowest = 0;
        for (Process process : processes) {
            slowest = Math.max(slowest, curlSeconds(process));
        }
        long elapsed = System.nanoTime() - start;
        record("curl-conc", elapsed);
        record("curl-conc-http", (long) (slowest * 1e9));
    }

    private void curlXargs() throws Exception {
        String input = String.join("\n", bodies(Instant.now())) + "\n";
        List<String> command = new ArrayList<>(List.of("xargs", "-d", "\\n", "-n", "1", "-P", Integer.toString(checks.size())));
        command.addAll(List.of(CURL, "-sS", "-o", "/dev/null", "-w", CURL_FORMAT, "-H", "Accept: application/json",
                queryUrl.toString(), "--data-raw"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long elapsed = System.nanoTime() - start;
        requireCurlOk("xargs", exit, output, checks.size());
        record("curl-xargs", elapsed);
    }

    private void curlParallel() throws Exception {
        List<String> command = new ArrayList<>(List.of(CURL, "--parallel", "--parallel-max",
                Integer.toString(checks.size()), "-sS"));
        boolean first = true;
        for (String body : bodies(Instant.now())) {
            if (!first) {
                command.add("--next");
            }
            first = false;
            command.addAll(List.of("-o", "/dev/null", "-w", CURL_FORMAT, "-H", "Accept: application/json",
                    "--data-raw", body, queryUrl.toString()));
        }
        long start = System.nanoTime();
        // In parallel mode curl draws its progress meter on stderr despite -s; the status codes are checked below.
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long elapsed = System.nanoTime() - start;
        requireCurlOk("curl --parallel", exit, output, checks.size());
        record("curl-parallel", elapsed);
    }

    private void curlStartOnly() throws Exception {
        List<Process> processes = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < checks.size(); i++) {
            processes.add(new ProcessBuilder(CURL, "--version").redirectErrorStream(true).start());
        }
        for (Process process : processes) {
            process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("curl --version failed");
            }
        }
        record("curl-start", System.nanoTime() - start);
    }

    private void verify(int concurrency) throws Exception {
        // duration = interval: the fewest rounds a spec allows (rounds() = duration / interval + 1 = 2). The
        // sleeper returns at once, so round 2 follows round 1 directly; the marks split the call into its rounds.
        VerificationSpec spec = VerificationSpec.builder("benchmark").checks(checks).duration(Duration.ofHours(1))
                .interval(Duration.ofHours(1)).concurrency(concurrency).build();
        long[] marks = new long[3];
        int[] lines = {0};
        Sleeper sleeper = duration -> marks[1] = System.nanoTime();
        StabilityVerifier verifier = new StabilityVerifier(client, Clock.systemUTC(), sleeper,
                line -> marks[lines[0]++ == 0 ? 0 : 2] = System.nanoTime());
        long start = System.nanoTime();
        VerificationResult result = verifier.verify(spec);
        long end = System.nanoTime();
        requireTwoHealthyRounds(result);
        String prefix = "verify-" + concurrency;
        record(prefix + "-round1", marks[0] - start);
        record(prefix + "-round2", marks[2] - marks[1]);
        if (concurrency == VerificationSpec.DEFAULT_CONCURRENCY) {
            record(prefix + "-full", end - start);
        }
    }

    private void clientSequential() throws Exception {
        Instant at = Instant.now();
        long start = System.nanoTime();
        for (CheckSpec check : checks) {
            QueryResult result = client.query(check.query(), at);
            if (result.isEmpty()) {
                throw new IllegalStateException("No data for " + check.name());
            }
        }
        record("client-seq", System.nanoTime() - start);
    }

    private void jdkConcurrent() throws Exception {
        List<String> bodies = bodies(Instant.now());
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
        for (String body : bodies) {
            pending.add(jdk.sendAsync(jdkRequest(body), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> response : pending) {
            if (response.get().statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.get().statusCode() + " from " + queryUrl);
            }
        }
        record("jdk-conc", System.nanoTime() - start);
    }

    private void jdkSequential() throws Exception {
        List<String> bodies = bodies(Instant.now());
        long start = System.nanoTime();
        for (String body : bodies) {
            HttpResponse<byte[]> response = jdk.send(jdkRequest(body), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " from " + queryUrl);
            }
        }
        record("jdk-seq", System.nanoTime() - start);
    }

    private void jdkSequentialAsync() throws Exception {
        List<String> bodies = bodies(Instant.now());
        long start = System.nanoTime();
        for (String body : bodies) {
            HttpResponse<byte[]> response = jdk.sendAsync(jdkRequest(body), HttpResponse.BodyHandlers.ofByteArray())
                    .get(CLIENT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " from " + queryUrl);
            }
        }
        record("jdk-seq-async", System.nanoTime() - start);
    }

    private HttpRequest jdkRequest(String body) {
        return HttpRequest.newBuilder(queryUrl).timeout(CLIENT_TIMEOUT)
                .header("Content-Type", FORM).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    // ---------------------------------------------------------------------------------------------- the requests

    /** The form bodies {@link PrometheusClient#query} sends for the 20 checks at {@code at}. */
    private List<String> bodies(Instant at) {
        return checks.stream().map(c -> body(c.query(), at)).toList();
    }

    /** {@code query=…&time=…&timeout=…}, encoded as the client encodes it (checked by {@link #requireSameBodyAsTheClient}). */
    static String body(String promql, Instant at) {
        Duration fifth = CLIENT_TIMEOUT.dividedBy(5);
        Duration serverTimeout = CLIENT_TIMEOUT.minus(fifth.compareTo(Duration.ofSeconds(1)) < 0 ? fifth : Duration.ofSeconds(1));
        return "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + BigDecimal.valueOf(at.toEpochMilli(), 3).toPlainString()
                + "&timeout=" + BigDecimal.valueOf(serverTimeout.toMillis(), 3).toPlainString();
    }

    private List<String> curlCommand(String body) {
        return List.of(CURL, "-sS", "-o", "/dev/null", "-w", CURL_FORMAT, "-H", "Accept: application/json",
                "--data-raw", body, queryUrl.toString());
    }

    /** Waits for one curl process; returns its {@code time_total} in seconds, or fails unless it got HTTP 200. */
    private static double curlSeconds(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        requireCurlOk("curl", exit, output, 1);
        return Double.parseDouble(output.substring(output.indexOf(' ') + 1));
    }

    private static void requireCurlOk(String what, int exit, String output, int answers) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (exit != 0 || lines.size() != answers || !lines.stream().allMatch(l -> l.startsWith("200 "))) {
            throw new IllegalStateException(what + " failed (exit " + exit + "): " + output);
        }
    }

    /** Proves that the curl bodies are byte for byte what the engine's client sends. */
    private void requireSameBodyAsTheClient() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        HttpServer capture = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        capture.createContext("/api/v1/query", exchange -> {
            try (exchange) {
                received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        capture.start();
        try {
            PrometheusClient probe = new PrometheusClient(URI.create("http://127.0.0.1:" + capture.getAddress().getPort()),
                    HttpAuth.none(), CLIENT_TIMEOUT);
            Instant at = Instant.now();
            for (CheckSpec check : checks) {
                probe.query(check.query(), at);
                if (!body(check.query(), at).equals(received.get())) {
                    throw new IllegalStateException("The benchmark's form body differs from the client's:\n  client: "
                            + received.get() + "\n  curl:   " + body(check.query(), at));
                }
            }
        } finally {
            capture.stop(0);
        }
    }

    /** {sum, count} of Prometheus' own {@code prometheus_http_request_duration_seconds} for {@code /api/v1/query}. */
    private double[] queryHandlerTotals() throws Exception {
        HttpResponse<String> metrics = jdk.send(HttpRequest.newBuilder(prometheusMetrics).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        double[] totals = {Double.NaN, Double.NaN};
        for (String line : metrics.body().split("\n")) {
            String prefix = "prometheus_http_request_duration_seconds_";
            String labels = "{handler=\"/api/v1/query\"} ";
            if (line.startsWith(prefix + "sum" + labels)) {
                totals[0] = Double.parseDouble(line.substring((prefix + "sum" + labels).length()));
            } else if (line.startsWith(prefix + "count" + labels)) {
                totals[1] = Double.parseDouble(line.substring((prefix + "count" + labels).length()));
            }
        }
        if (Double.isNaN(totals[0]) || Double.isNaN(totals[1])) {
            throw new IllegalStateException("Prometheus' /metrics has no prometheus_http_request_duration_seconds for"
                    + " /api/v1/query");
        }
        return totals;
    }

    /** Waits until every check has data and the ranges hold {@link #MIN_POINTS} points; returns the points. */
    private int awaitData() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<String> missing = new ArrayList<>();
            for (CheckSpec check : checks) {
                QueryResult result = client.query(check.query(), Instant.now());
                if (result.series().stream().noneMatch(s -> Double.isFinite(s.value()))) {
                    missing.add(check.name());
                }
            }
            int points = pointsPerRange();
            if (missing.isEmpty() && points >= MIN_POINTS) {
                return points;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus had no data for " + missing + " (or fewer than " + MIN_POINTS
                        + " points per range: " + points + ") after 60 s");
            }
            Thread.sleep(500); // the next scrape is at most a second away; bounded by the deadline
        }
    }

    /** How many points one counter series has in a {@code [2m]} range now. */
    private int pointsPerRange() throws VerificationException {
        List<Series> series = client.query("count_over_time(http_requests_total{service=\"" + SERVICE
                + "\",method=\"GET\",code=\"200\",pod=\"checkout-7d9f8b6c4-x2x7k\"}[2m])", Instant.now()).series();
        return series.isEmpty() ? 0 : (int) series.get(0).value();
    }

    /** Every curl query answers 200 with the series count the client sees, so both do the same work. */
    private void requireCurlAnswersLikeTheClient() throws Exception {
        Instant at = Instant.now();
        for (CheckSpec check : checks) {
            List<String> command = new ArrayList<>(curlCommand(body(check.query(), at)));
            command.set(command.indexOf("/dev/null"), "-");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            int seriesByCurl = output.split("\"metric\"", -1).length - 1;
            int seriesByClient = client.query(check.query(), at).series().size();
            boolean ok = output.contains("\"status\":\"success\"") && output.matches("(?s).*\\}200 [0-9.]+\\s*");
            if (!ok || seriesByCurl != seriesByClient || seriesByCurl == 0) {
                throw new IllegalStateException("curl and the client disagree on " + check.name() + ": curl saw "
                        + seriesByCurl + " series, the client " + seriesByClient + "; curl said: " + output);
            }
        }
    }

    private void requireTwoHealthyRounds(VerificationResult result) {
        List<String> problems = new ArrayList<>();
        if (result.rounds() != 2 || result.stoppedEarly()) {
            problems.add("ran " + result.rounds() + " rounds" + (result.stoppedEarly() ? ", stopped early" : ""));
        }
        for (CheckResult check : result.checks()) {
            for (Sample sample : check.samples()) {
                if (sample.outcome() == SampleOutcome.ERROR || sample.outcome() == SampleOutcome.NODATA) {
                    problems.add(check.check().name() + ": " + sample.outcome() + " " + sample.error());
                }
            }
            if (check.samples().size() != 2) {
                problems.add(check.check().name() + ": " + check.samples().size() + " samples");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The engine round did not query all 20 checks successfully twice: " + problems);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
