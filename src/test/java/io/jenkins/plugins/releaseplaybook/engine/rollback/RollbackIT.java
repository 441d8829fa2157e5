package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupLayout;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupProgress;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupRestorer;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupResult;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupSpec;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupWriter;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestoreResult;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestoreSpec;
import io.jenkins.plugins.releaseplaybook.engine.report.BackupRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpAuth;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.MetricsEndpoint;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.PrometheusServer;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckSpec;
import io.jenkins.plugins.releaseplaybook.engine.verification.PrometheusClient;
import io.jenkins.plugins.releaseplaybook.engine.verification.QueryPort;
import io.jenkins.plugins.releaseplaybook.engine.verification.StabilityVerifier;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationException;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationResult;
import io.jenkins.plugins.releaseplaybook.engine.verification.VerificationSpec;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A release that goes bad and rolls back, on real servers: a real Prometheus scrapes (every second) a service whose
 * latency follows the version in its {@code current/VERSION} file. Before the "deploy" a real backup of
 * {@code current/} is taken ({@link BackupWriter}); the deploy writes a bad version; a real verification FAILs; the
 * plan's {@code restoreBackup} action, given the backup's name, resolves it to this build's backup
 * ({@link BackupReference}) and restores it for real ({@link BackupRestorer}), so the service reads the good version
 * again; the re-verification PASSes.
 */
public class RollbackIT {
    private static final String SERVICE_LABEL = "rollback-it";

    @ClassRule
    public static final MetricsEndpoint SERVICE = new MetricsEndpoint();

    @ClassRule
    public static final PrometheusServer PROMETHEUS = new PrometheusServer();

    @ClassRule
    public static final TemporaryFolder WORKSPACE = new TemporaryFolder();

    private static PrometheusClient prometheus;
    private static Path current;

    @BeforeClass
    public static void runTheGoodVersion() throws Exception {
        Path workspace = WORKSPACE.getRoot().toPath();
        current = Files.createDirectories(workspace.resolve("current")).resolve("VERSION");
        Files.writeString(current, "1.4.1\n");
        SERVICE.type("rollback_latency_seconds", "gauge");
        SERVICE.set("rollback_latency_seconds", Map.of("service", SERVICE_LABEL),
                () -> version().equals("1.4.2") ? 0.9 : 0.1);
        PROMETHEUS.scrape("rollback", SERVICE.metricsUrl(), Duration.ofSeconds(1));
        prometheus = new PrometheusClient(PROMETHEUS.baseUrl(), HttpAuth.none(), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (prometheus.query(LATENCY, Instant.now()).series().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not scrape the service within 30 s");
            }
            Thread.sleep(200); // the next one-second scrape, bounded by the deadline
        }
    }

    private static final String LATENCY = "rollback_latency_seconds{service=\"" + SERVICE_LABEL + "\"}";

    private static String version() {
        try {
            return Files.readString(current, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Test
    public void aBadVersionIsDetectedRolledBackAndTheRecoveryConfirmed() throws Exception {
        VerificationSpec verification = VerificationSpec.builder(SERVICE_LABEL)
                .check(CheckSpec.builder("latency").query(LATENCY).higherIsWorse().limit(0.5).unit("s").build())
                .duration(Duration.ofSeconds(20)).interval(Duration.ofSeconds(2)).build();
        Path workspace = WORKSPACE.getRoot().toPath();
        Path stateFile = workspace.resolve("rollback-state.json");
        Path backups = workspace.resolve("backups");
        BackupResult backup = BackupWriter.write(BackupSpec.builder("checkout-version").source(current.getParent())
                .destination(backups).build(), Set.of(), BackupProgress.NONE); // before the deploy: the good state
        BackupActions actions = new BackupActions(backups, List.of(new BackupRecord(backup.id(), backup.name(),
                "built-in", backup.archive(), backup.sha256(), backup.files(), backup.bytes(), backup.verified(),
                Instant.now(), backup.sources())));

        RollbackResult result = releaseCheckout(prometheus, actions, verification, "checkout-version",
                () -> write(current, "1.4.2\n"), stateFile);

        assertThat(actions.restored).as("the name resolved to this build's backup").containsExactly(backup.id());
        assertThat(version()).as("the previous version is back").isEqualTo("1.4.1");
        assertThat(result.outcome()).as(result.toString()).isEqualTo(RollbackResult.Outcome.SUCCESS);
        assertThat(result.trigger().kind()).isEqualTo(FailureKind.VERIFICATION_FAILED);
        assertThat(result.state().reverification().verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.recoveryConfirmed()).isTrue();
        // Detection: a scrape (1 s) and failAfter 2 rounds of 2 s, with room for a loaded machine.
        assertThat(result.timeToDetect()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
        // Recovery: the restore (milliseconds), then the 6 s re-verification, every 2 s as the body's: the first round
        // may still see the bad version (the next scrape is up to 1 s away), failAfter 2 lets one stale sample pass.
        assertThat(result.timeToRecover()).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(16));
        assertThat(result.message().english()).startsWith("Rolled back because verifyStability 'rollback-it' failed:"
                + " Verification 'rollback-it': FAIL: latency 0.9 s > 0.5 s")
                .contains("restoreBackup checkout-version: SUCCESS (")
                .contains(", recovered in ")
                .contains("; re-verification passed: Verification 'rollback-it': PASS: all 1 check passed");
        RollbackRecord record = result.toRecord();
        assertThat(record.outcome()).isEqualTo(StageStatus.SUCCESS);
        assertThat(record.recoveredAt()).isEqualTo(result.recoveredAt());
        assertThat(RollbackStateJson.read(Files.readString(stateFile), stateFile.toString()))
                .as("the state saved last is the final one").isEqualTo(result.state());
    }

    // BEGIN docs/engine.md rollback example
    static RollbackResult releaseCheckout(QueryPort prometheus, RollbackActions actions, VerificationSpec verification,
            String backup, Runnable deploy, Path stateFile) throws RollbackException, VerificationException {
        RollbackPlan plan = RollbackPlan.builder()
                .action(RollbackAction.restoreBackup(backup)) // a name: the latest backup of it this build took
                .verify(Duration.ofSeconds(6)).build();
        RollbackState state = RollbackState.begin(plan, false, Instant.now()); // the body starts: the release start
        deploy.run();
        VerificationResult verdict = new StabilityVerifier(prometheus, Clock.systemUTC(), Sleeper.system(),
                System.out::println).verify(verification);
        if (verdict.verdict() == Verdict.PASS) {
            return null; // state.bodySucceeded(Instant.now()): nothing to roll back
        }
        Failure failure = Failure.verification(verification.name(), verdict.verdict() == Verdict.ERROR,
                verdict.summary(), verdict.end()); // detected when the failing step ended
        RollbackRun run = RollbackRun.builder(actions).prometheus(prometheus).progress(System.out::println)
                .checkpoint(s -> Files.writeString(stateFile, RollbackStateJson.write(s))).build();
        RollbackResult result = run.execute(state.bodyFailed(failure, Instant.now(), verification)).result();
        System.out.println(result.message()); // Rolled back because verifyStability 'rollback-it' failed: ...
        return result;
    }
    // END docs/engine.md rollback example

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The port as a test has it: real restores of real backups, as the plugin's backup callable does them on the node;
     * no commands, no Jenkins jobs.
     */
    static final class BackupActions implements RollbackActions {
        private final Path destination;
        private final List<BackupRecord> thisBuild;
        final List<String> restored = new ArrayList<>();

        BackupActions(Path destination, List<BackupRecord> thisBuild) {
            this.destination = destination;
            this.thisBuild = thisBuild;
        }

        @Override
        public ActionResult restoreBackup(String reference) throws InterruptedException, RollbackException {
            String id = BackupReference.resolve(reference, thisBuild);
            try {
                Path manifest = BackupLayout.find(destination, id);
                RestoreResult result = BackupRestorer.restore(new RestoreSpec(manifest.toString(), null, List.of(),
                        false), line -> System.out.println(line.english()));
                restored.add(result.backupId());
                return ActionResult.succeeded("restored " + result.backupId() + ": " + result.files() + " files, "
                        + result.bytes() + " bytes");
            } catch (BackupException e) {
                return ActionResult.failed(e.getMessage());
            }
        }

        @Override
        public ActionResult command(String command) {
            return ActionResult.failed("no commands in this test");
        }

        @Override
        public ActionResult job(String fullName, Map<String, String> parameters) {
            return ActionResult.failed("no Jenkins in this test");
        }
    }
}
