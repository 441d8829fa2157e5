package io.jenkins.plugins.releaseplaybook.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.MetricsEndpoint;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.PrometheusServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Verification against a real Prometheus that scrapes a service the test controls, every second. Each
 * test uses its own {@code service} label, so the selectors keep the tests apart.
 */
public class StabilityVerificationIT {
    private static final Duration SCRAPE = Duration.ofSeconds(1);
    private static final Duration READY = Duration.ofSeconds(30);
    private static final String LATENCY = "test_latency_seconds{{selector}}";

    @ClassRule
    public static final MetricsEndpoint SERVICE = new MetricsEndpoint();

    @ClassRule
    public static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static PrometheusClient prometheus;
    private static final Random RANDOM = new Random(11);

    @BeforeClass
    public static void scrapeTheService() throws Exception {
        SERVICE.type("test_latency_seconds", "gauge");
        // The baseline tests need history from before their release: start those series now.
        SERVICE.set("test_latency_seconds", Map.of("service", "regress"), () -> noisy(0.1, 0.02));
        SERVICE.set("test_latency_seconds", Map.of("service", "noisy"), () -> noisy(0.2, 0.10));
        PROMETHEUS.scrape("service", SERVICE.metricsUrl(), SCRAPE);
        prometheus = new PrometheusClient(PROMETHEUS.baseUrl(), HttpAuth.none(), Duration.ofSeconds(5));
    }

    @Test
    public void healthyServicePasses() throws Exception {
        SERVICE.set("test_latency_seconds", Map.of("service", "healthy"), 0.12);
        awaitSeries(prometheus, "test_latency_seconds{service=\"healthy\"}");

        VerificationResult result = verify(spec("healthy", Duration.ofSeconds(4), Duration.ofSeconds(1),
                check("latency", LATENCY, 0.5, null, "healthy")), line -> { });

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.rounds()).isEqualTo(5);
        assertThat(result.checks().get(0).samples()).allSatisfy(s -> assertThat(s.value()).isEqualTo(0.12));
    }

    @Test
    public void degradationFailsWithinFailAfterPlusOneIntervalsOfOnset() throws Exception {
        SERVICE.set("test_latency_seconds", Map.of("service", "degrading"), 0.1);
        awaitSeries(prometheus, "test_latency_seconds{service=\"degrading\"}");
        Duration interval = Duration.ofSeconds(2);
        AtomicReference<Instant> onset = new AtomicReference<>();
        List<String> log = new CopyOnWriteArrayList<>();

        VerificationResult result = verify(spec("degrading", Duration.ofSeconds(30), interval,
                check("latency", LATENCY, 0.5, null, "degrading")), line -> {
                    log.add(line);
                    if (log.size() == 2) {
                        SERVICE.set("test_latency_seconds", Map.of("service", "degrading"), 0.9);
                        onset.set(Instant.now());
                    }
                });

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.stoppedEarly()).isTrue();
        Duration detection = Duration.between(onset.get(), result.end());
        // failAfter = 2, so at most 3 intervals after the onset (one for the scrape to pick it up).
        assertThat(detection).isLessThanOrEqualTo(interval.multipliedBy(3).plusMillis(500));
        assertThat(result.checks().get(0).trail())
                .anySatisfy(l -> assertThat(l).startsWith("latency 0.9 > 0.5 for 2 consecutive samples"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("latency 0.9 FAIL 1/2"));
    }

    @Test
    public void missingSeriesIsInconclusiveOrFailsAsThePolicySays() throws Exception {
        CheckSpec lenient = check("absent", "test_absent_metric{{selector}}", 0.5, null, "missing");
        CheckSpec strict = CheckSpec.builder("required").query(lenient.query()).higherIsWorse().limit(0.5)
                .noData(NoDataPolicy.FAIL).build();

        VerificationResult result = verify(spec("missing", Duration.ofSeconds(2), Duration.ofSeconds(1), lenient, strict),
                line -> { });

        assertThat(result.checks().get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.checks().get(1).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.checks().get(0).trail()).anySatisfy(l -> assertThat(l).contains("no data in any of 3 samples"));
    }

    @Test
    public void aServiceWhoseSeriesVanishMidWindowDoesNotPass() throws Exception {
        Map<String, String> labels = Map.of("service", "vanishing");
        AtomicLong requests = new AtomicLong();
        SERVICE.type("test_requests_total", "counter");
        SERVICE.set("test_latency_seconds", labels, 0.1);
        SERVICE.set("test_requests_total", labels, () -> requests.addAndGet(10));
        awaitSeries(prometheus, "rate(test_requests_total{service=\"vanishing\"}[3s])");
        String rate = "sum(rate(test_requests_total{{selector}}[{range}]))";
        CheckCatalogue catalogue = new CheckCatalogue(List.of(
                CheckDefinition.builder("latency").query(LATENCY).higherIsWorse().limit(0.5).unit("s").build(),
                // {range}: 3 scrape intervals here, as the built-in 1m is about 4 of the usual 15 s.
                CheckDefinition.builder("requests").description("request rate").query(rate).lowerIsWorse().limit(1.0)
                        .unit("req/s").range("3s").build(),
                // Over 2m the young series' rate is small but never absent; a limit it always meets shows only that.
                CheckDefinition.builder("requests_2m").description("request rate over 2m").query(rate).lowerIsWorse()
                        .limit(0.0).unit("req/s").range("2m").build()));
        List<CheckSpec> checks = new EffectiveThresholds(catalogue, EffectiveThresholds.AdminSettings.defaults()).resolve(
                List.of("latency", "requests", "requests_2m"), List.of(), EffectiveThresholds.JobOverrides.none(),
                CheckCatalogue.selectorFor("vanishing"));
        AtomicReference<Instant> vanished = new AtomicReference<>();
        List<String> log = new CopyOnWriteArrayList<>();

        // Gone after 12 of 21 rounds: fewer than half of the samples without data, as in the acceptance run.
        VerificationResult result = verify(VerificationSpec.builder("vanishing").checks(checks)
                .duration(Duration.ofSeconds(20)).interval(Duration.ofSeconds(1)).concurrency(4).build(), line -> {
                    log.add(line);
                    if (log.size() == 12) {
                        SERVICE.remove("test_latency_seconds", labels);
                        SERVICE.remove("test_requests_total", labels);
                        vanished.set(Instant.now());
                    }
                });

        assertThat(result.verdict()).as(String.join("\n", log)).isEqualTo(Verdict.INCONCLUSIVE);
        for (CheckResult check : result.checks().subList(0, 2)) {
            assertThat(check.verdict()).as(check.check().name() + ": " + check.trail()).isEqualTo(Verdict.INCONCLUSIVE);
            List<Sample> samples = check.samples();
            assertThat(samples.subList(0, 3)).allSatisfy(s -> assertThat(s.hasValue()).isTrue());
            Sample last = samples.get(samples.size() - 1);
            assertThat(last.outcome()).isEqualTo(SampleOutcome.NODATA);
            int firstGone = samples.size();
            while (firstGone > 0 && !samples.get(firstGone - 1).hasValue()) {
                firstGone--;
            }
            Instant since = samples.get(firstGone).at();
            assertThat(since).isAfter(vanished.get());
            assertThat(check.trail()).anySatisfy(l -> assertThat(l)
                    .startsWith(check.check().description() + ": no data since " + CheckJudge.clock(since))
                    .contains("the series vanished"));
            assertThat(samples.size() - firstGone).as("the tail is less than half the window").isLessThan(samples.size() / 2);
            String count = samples.size() - firstGone + " of " + samples.size() + " samples without data";
            assertThat(check.trail()).anySatisfy(l -> assertThat(l).contains(count));
        }
        CheckResult longRange = result.checks().get(2);
        assertThat(longRange.verdict()).as("a 2m range keeps answering after the service vanished: why {range} is short")
                .isEqualTo(Verdict.PASS);
        assertThat(longRange.trail()).contains("request rate over 2m: 0 of 21 samples without data");
    }

    @Test
    public void aPresenceQueryMakesAVanishedServiceNoDataFromTheFirstRoundAfterWhileItsRateStillAnswers()
            throws Exception {
        Map<String, String> labels = Map.of("service", "present");
        AtomicLong requests = new AtomicLong();
        SERVICE.type("test_requests_total", "counter");
        SERVICE.set("test_requests_total", labels, () -> requests.addAndGet(10));
        awaitSeries(prometheus, "rate(test_requests_total{service=\"present\"}[3s])");
        String rate = "sum(rate(test_requests_total{{selector}}[{range}]))";
        CheckCatalogue catalogue = new CheckCatalogue(List.of(
                // A long range on purpose: it keeps answering for two minutes after the series are gone.
                CheckDefinition.builder("guarded").description("request rate").query(rate).lowerIsWorse().limit(0)
                        .range("2m").presenceQuery("count(test_requests_total{{selector}})").build(),
                CheckDefinition.builder("blind").description("request rate without presence").query(rate)
                        .lowerIsWorse().limit(0).range("2m").build()));
        List<CheckSpec> checks = new EffectiveThresholds(catalogue, EffectiveThresholds.AdminSettings.defaults())
                .resolve(List.of("guarded", "blind"), List.of(), EffectiveThresholds.JobOverrides.none(),
                        CheckCatalogue.selectorFor("present"));
        AtomicReference<Instant> vanished = new AtomicReference<>();
        List<String> log = new CopyOnWriteArrayList<>();

        // Rounds 3 s apart, three one-second scrapes: the scrape after the removal marks the series stale in time.
        VerificationResult result = verify(VerificationSpec.builder("present").checks(checks)
                .duration(Duration.ofSeconds(15)).interval(Duration.ofSeconds(3)).build(), line -> {
                    log.add(line);
                    if (log.size() == 2) {
                        SERVICE.remove("test_requests_total", labels);
                        vanished.set(Instant.now());
                    }
                });

        CheckResult guarded = result.checks().get(0);
        CheckResult blind = result.checks().get(1);
        List<Sample> after = guarded.samples().stream().filter(s -> s.at().isAfter(vanished.get())).toList();
        assertThat(after).as(String.join("\n", log)).hasSize(4);
        assertThat(after).as("NODATA from the first round after the series vanished")
                .allSatisfy(s -> assertThat(s.error()).isEqualTo("series absent"));
        assertThat(guarded.samples().subList(0, 2)).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(SampleOutcome.PASS));
        assertThat(guarded.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(guarded.trail()).anySatisfy(l -> assertThat(l).contains("the series vanished").contains("series absent"));
        assertThat(blind.samples()).as("the range query still returns values for the range: why the presence query")
                .allSatisfy(s -> assertThat(s.hasValue()).isTrue());
        assertThat(blind.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void theDeployedVersionCheckFailsWhileAnInstanceReportsTheOldVersionAndPassesOnceAllReportTheNew()
            throws Exception {
        SERVICE.type("test_build_info", "gauge");
        Map<String, String> podA = Map.of("service", "rollout", "pod", "a", "version", "1.4.2");
        Map<String, String> oldPodB = Map.of("service", "rollout", "pod", "b", "version", "1.4.1");
        SERVICE.set("test_build_info", podA, 1);
        SERVICE.set("test_build_info", oldPodB, 1);
        awaitCount("count(test_build_info{service=\"rollout\"})", 2);
        // The built-in check with its metric configured as an administrator would (label: the default 'version').
        CheckDefinition deployed = CheckCatalogue.builtIn().get("deployed_version").toBuilder()
                .versionMetric("test_build_info").build();
        EffectiveThresholds thresholds = new EffectiveThresholds(new CheckCatalogue(List.of(deployed)),
                EffectiveThresholds.AdminSettings.defaults());
        List<CheckSpec> checks = thresholds.resolve(List.of(), List.of(), EffectiveThresholds.JobOverrides.none(),
                CheckCatalogue.selectorFor("rollout"), "1.4.2");
        assertThat(checks).extracting(CheckSpec::name).as("in the default set: the version is known")
                .containsExactly("deployed_version");

        VerificationResult halfDone = verify(spec("rollout", Duration.ofSeconds(3), Duration.ofSeconds(1),
                checks.get(0)), line -> { });

        assertThat(halfDone.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(halfDone.checks().get(0).trail()).anySatisfy(l -> assertThat(l)
                .startsWith("deployed version: 1 of 2 instances still report another version (1.4.1) in 2 consecutive"));

        SERVICE.remove("test_build_info", oldPodB);
        SERVICE.set("test_build_info", Map.of("service", "rollout", "pod", "b", "version", "1.4.2"), 1);
        awaitCount("count(test_build_info{service=\"rollout\",version=\"1.4.2\"})", 2);
        awaitCount("count(test_build_info{service=\"rollout\"})", 2);

        VerificationResult done = verify(spec("rollout", Duration.ofSeconds(3), Duration.ofSeconds(1), checks.get(0)),
                line -> { });

        assertThat(done.verdict()).as(done.checks().get(0).trail().toString()).isEqualTo(Verdict.PASS);
        assertThat(done.checks().get(0).trail())
                .contains("deployed version: all 2 instances report 1.4.2 at the end of the window");
    }

    @Test
    public void anErrorRatioOnTooLittleTrafficIsNoDataAndOnEnoughTrafficFails() throws Exception {
        SERVICE.type("http_requests_total", "counter");
        for (String service : List.of("quiet", "busy")) {
            int perScrape = service.equals("busy") ? 200 : 2;
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            SERVICE.set("http_requests_total", Map.of("service", service, "code", "200"), () -> ok.addAndGet(perScrape));
            SERVICE.set("http_requests_total", Map.of("service", service, "code", "500"), () -> failed.addAndGet(perScrape / 2));
            awaitSeries(prometheus, "rate(http_requests_total{service=\"" + service + "\"}[5s])");
        }
        // The built-in error ratio and its traffic guard, over a range of five one-second scrapes.
        CheckDefinition builtIn = CheckCatalogue.builtIn().get("error_ratio");
        CheckCatalogue catalogue = new CheckCatalogue(List.of(CheckDefinition.builder(builtIn.name())
                .description(builtIn.description()).query(builtIn.query()).direction(builtIn.direction())
                .limit(builtIn.limit()).critical().range("5s").volumeQuery(builtIn.volumeQuery()).build()));
        EffectiveThresholds thresholds = new EffectiveThresholds(catalogue, EffectiveThresholds.AdminSettings.defaults());
        EffectiveThresholds.JobOverrides settings = EffectiveThresholds.JobOverrides.none();

        VerificationResult quiet = verify(VerificationSpec.builder("quiet")
                .checks(thresholds.resolve(List.of("error_ratio"), List.of(), settings, CheckCatalogue.selectorFor("quiet")))
                .duration(Duration.ofSeconds(3)).interval(Duration.ofSeconds(1)).concurrency(4).build(), line -> { });
        VerificationResult busy = verify(VerificationSpec.builder("busy")
                .checks(thresholds.resolve(List.of("error_ratio"), List.of(), settings, CheckCatalogue.selectorFor("busy")))
                .duration(Duration.ofSeconds(3)).interval(Duration.ofSeconds(1)).concurrency(4).build(), line -> { });

        CheckResult few = quiet.checks().get(0);
        assertThat(few.verdict()).as(few.trail().toString()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(few.samples()).allSatisfy(s -> assertThat(s.error()).matches("too little traffic \\(\\d+ requests < 100\\)"));
        assertThat(busy.verdict()).as("a third of the requests fail: enough traffic to say so").isEqualTo(Verdict.FAIL);
    }

    @Test
    public void prometheusStoppedMidWindowIsAnErrorThatFailsClosed() throws Exception {
        PrometheusServer doomed = new PrometheusServer();
        doomed.scrape("service", SERVICE.metricsUrl(), SCRAPE);
        doomed.start();
        try {
            SERVICE.set("test_latency_seconds", Map.of("service", "orphaned"), 0.1);
            String url = doomed.baseUrl().toString();
            PrometheusClient client = new PrometheusClient(doomed.baseUrl(), HttpAuth.none(), Duration.ofSeconds(2));
            awaitSeries(client, "test_latency_seconds{service=\"orphaned\"}");
            List<String> log = new CopyOnWriteArrayList<>();

            VerificationResult result = new StabilityVerifier(client, Clock.systemUTC(), Sleeper.system(), line -> {
                log.add(line);
                if (log.size() == 2) {
                    doomed.stop();
                }
            }).verify(spec("orphaned", Duration.ofSeconds(30), Duration.ofSeconds(1),
                    check("latency", LATENCY, 0.5, null, "orphaned")));

            assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(result.stoppedEarly()).isTrue();
            assertThat(result.rounds()).isEqualTo(5);
            assertThat(result.checks().get(0).trail()).anySatisfy(l -> assertThat(l)
                    .contains("3 consecutive failed queries").contains(url));
        } finally {
            doomed.stop();
        }
    }

    @Test
    public void doubledLatencyUnderTheAbsoluteLimitIsCaughtByTheBaseline() throws Exception {
        Instant releaseStart = awaitHistory("regress", 8);
        SERVICE.set("test_latency_seconds", Map.of("service", "regress"), () -> noisy(0.2, 0.02));
        awaitValueAbove("test_latency_seconds{service=\"regress\"}", 0.15);

        VerificationResult result = verify(VerificationSpec.builder("regress")
                .check(check("latency", LATENCY, 1.0, 50.0, "regress")).duration(Duration.ofSeconds(6))
                .interval(Duration.ofSeconds(1)).baseline(releaseStart, Duration.ofSeconds(8)).concurrency(4)
                .build(), line -> { });

        CheckResult latency = result.checks().get(0);
        assertThat(latency.samples()).allSatisfy(s -> assertThat(s.value()).isLessThan(1.0));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(latency.baseline().values().length).isGreaterThanOrEqualTo(5);
        assertThat(latency.trail()).anySatisfy(l -> assertThat(l).contains("vs baseline").endsWith("regression"));
    }

    @Test
    public void tenPercentNoisePasses() throws Exception {
        Instant releaseStart = awaitHistory("noisy", 8);

        VerificationResult result = verify(VerificationSpec.builder("noisy")
                .check(check("latency", LATENCY, 1.0, 20.0, "noisy")).duration(Duration.ofSeconds(6))
                .interval(Duration.ofSeconds(1)).baseline(releaseStart, Duration.ofSeconds(8)).concurrency(4)
                .build(), line -> { });

        assertThat(result.verdict()).as(String.join("\n", result.checks().get(0).trail())).isEqualTo(Verdict.PASS);
        assertThat(result.checks().get(0).trail()).anySatisfy(l -> assertThat(l).contains("vs baseline"));
    }

    @Test
    public void aPromQlSyntaxErrorIsReportedWithTheQuery() throws Exception {
        VerificationResult result = verify(spec("broken", Duration.ofSeconds(10), Duration.ofSeconds(1),
                check("broken", "rate(test_latency_seconds{{selector}}[1m]", 0.5, null, "broken")), line -> { });

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.rounds()).as("a rejected query ends the window at once").isEqualTo(1);
        assertThat(result.checks().get(0).trail()).anySatisfy(l -> assertThat(l)
                .contains("Prometheus rejected the query")
                .contains("rate(test_latency_seconds{service=\"broken\"}[1m]")
                .contains("parse error"));
    }

    @Test
    public void everyBuiltInCatalogueQueryIsValidPromQl() throws Exception {
        for (CheckDefinition definition : CheckCatalogue.builtIn().definitions()) {
            QueryResult result = prometheus.query(definition.render(CheckCatalogue.selectorFor("checkout")), Instant.now());
            assertThat(result.series()).as(definition.name()).isEmpty();
            String presence = definition.renderPresence(CheckCatalogue.selectorFor("checkout"));
            assertThat(prometheus.query(presence, Instant.now()).series()).as(definition.name() + " presence").isEmpty();
            String volume = definition.renderVolume(CheckCatalogue.selectorFor("checkout"));
            if (volume != null) {
                assertThat(prometheus.query(volume, Instant.now()).series()).as(definition.name() + " traffic").isEmpty();
            }
        }
    }

    private static VerificationResult verify(VerificationSpec spec, Consumer<String> progress) throws VerificationException {
        return new StabilityVerifier(prometheus, Clock.systemUTC(), Sleeper.system(), progress).verify(spec);
    }

    private static VerificationSpec spec(String name, Duration duration, Duration interval, CheckSpec... checks) {
        return VerificationSpec.builder(name).checks(List.of(checks)).duration(duration).interval(interval)
                .concurrency(4).build();
    }

    private static CheckSpec check(String name, String template, Double limit, Double maxChange, String service) {
        String query = template.replace(CheckDefinition.SELECTOR, CheckCatalogue.selectorFor(service));
        CheckSpec.Builder check = CheckSpec.builder(name).query(query).higherIsWorse();
        if (limit != null) {
            check.limit(limit);
        }
        if (maxChange != null) {
            check.maxChangePercent(maxChange);
        }
        return check.build();
    }

    private static double noisy(double center, double relative) {
        synchronized (RANDOM) {
            return center * (1 + (RANDOM.nextDouble() * 2 - 1) * relative);
        }
    }

    /** Waits until Prometheus has scraped the series (readiness, bounded). */
    private static void awaitSeries(PrometheusClient client, String query) throws Exception {
        poll(() -> !client.query(query, Instant.now()).series().isEmpty(), "a scrape of " + query);
    }

    /** Waits until {@code query} (a count) answers exactly {@code count}: the scrapes have caught up. */
    private static void awaitCount(String query, double count) throws Exception {
        poll(() -> {
            List<Series> series = prometheus.query(query, Instant.now()).series();
            return series.size() == 1 && series.get(0).value() == count;
        }, query + " = " + count);
    }

    private static void awaitValueAbove(String query, double value) throws Exception {
        poll(() -> {
            List<Series> series = prometheus.query(query, Instant.now()).series();
            return !series.isEmpty() && series.get(0).value() > value;
        }, query + " above " + value);
    }

    /** Waits until the service has at least {@code points} one-second points of history; returns now. */
    private static Instant awaitHistory(String service, int points) throws Exception {
        String query = "test_latency_seconds{service=\"" + service + "\"}";
        poll(() -> {
            Instant now = Instant.now();
            RangeResult range = prometheus.queryRange(query, now.minusSeconds(points), now, SCRAPE);
            return !range.series().isEmpty() && range.series().get(0).values().size() >= points;
        }, points + " s of history of " + query);
        return Instant.now();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void poll(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not show " + what + " within " + READY);
            }
            Thread.sleep(200); // waiting for the next one-second scrape, bounded by the deadline
        }
    }
}
