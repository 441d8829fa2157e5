package io.jenkins.plugins.releaseplaybook.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A release that goes bad and rolls back, on real servers: a real Prometheus scrapes (every second) a service whose
 * latency follows the version in its {@code current/VERSION} file. The "deploy" writes a bad version; a real
 * verification FAILs; the rollback runs a real shell command that puts the previous version back; the
 * re-verification PASSes. (The plan's action is a {@code command}: the backup writer is still a placeholder on this
 * branch, so no real backup can be taken to restore.)
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
        Files.createDirectories(workspace.resolve("previous"));
        current = Files.createDirectories(workspace.resolve("current")).resolve("VERSION");
        Files.writeString(workspace.resolve("previous/VERSION"), "1.4.1\n");
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
        Path stateFile = WORKSPACE.getRoot().toPath().resolve("rollback-state.json");

        RollbackResult result = releaseCheckout(prometheus, new ShellActions(WORKSPACE.getRoot().toPath()),
                verification, () -> write(current, "1.4.2\n"), stateFile);

        assertThat(version()).as("the previous version is back").isEqualTo("1.4.1");
        assertThat(result.outcome()).as(result.toString()).isEqualTo(RollbackResult.Outcome.SUCCESS);
        assertThat(result.trigger().kind()).isEqualTo(FailureKind.VERIFICATION_FAILED);
        assertThat(result.state().reverification().verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.recoveryConfirmed()).isTrue();
        // Detection: a scrape (1 s) and failAfter 2 rounds of 2 s, with room for a loaded machine.
        assertThat(result.timeToDetect()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
        // Recovery: the command (milliseconds), then the 6 s re-verification, every 2 s as the body's: the first round
        // may still see the bad version (the next scrape is up to 1 s away), failAfter 2 lets one stale sample pass.
        assertThat(result.timeToRecover()).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(16));
        assertThat(result.message().english()).startsWith("Rolled back because verifyStability 'rollback-it' failed:"
                + " Verification 'rollback-it': FAIL: latency 0.9 s > 0.5 s")
                .contains("command cp previous/VERSION current/VERSION: SUCCESS (")
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
            Runnable deploy, Path stateFile) throws RollbackException, VerificationException {
        RollbackPlan plan = RollbackPlan.builder()
                .action(RollbackAction.command("cp previous/VERSION current/VERSION"))
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

    /** The port as a test has it: real shell commands in a workspace; no backups, no Jenkins jobs. */
    static final class ShellActions implements RollbackActions {
        private final Path workspace;

        ShellActions(Path workspace) {
            this.workspace = workspace;
        }

        @Override
        public ActionResult command(String command) throws InterruptedException {
            Process process;
            try {
                process = new ProcessBuilder("sh", "-c", command).directory(workspace.toFile())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                return ActionResult.failed("cannot start sh: " + e.getMessage());
            }
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                int exit = process.waitFor();
                return exit == 0 ? ActionResult.succeeded(output)
                        : ActionResult.failed("exit code " + exit + (output.isEmpty() ? "" : ": " + output));
            } catch (IOException e) {
                return ActionResult.failed("cannot read the output of sh: " + e.getMessage());
            } finally {
                process.destroy();
            }
        }

        @Override
        public ActionResult restoreBackup(String reference) {
            return ActionResult.failed("no backups in this test");
        }

        @Override
        public ActionResult job(String fullName, Map<String, String> parameters) {
            return ActionResult.failed("no Jenkins in this test");
        }
    }
}
