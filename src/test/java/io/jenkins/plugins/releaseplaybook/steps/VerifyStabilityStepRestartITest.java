package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.verification.SampleOutcome;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.verification.Verdict;
import io.jenkins.plugins.releaseplaybook.engine.report.VerificationRecord;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * {@code verifyStability} across a controller restart. The fake Prometheus outlives both sessions, as a real one
 * would, and holds the query of the round after the ones a test wants answered, so that the first session cannot
 * sample further however long its shutdown takes. Where a test needs planned rounds to have passed during the
 * restart, it moves the verification clock forward between the sessions instead of waiting for the wall clock.
 */
public class VerifyStabilityStepRestartITest {
    /** Healthy values; enough traffic for the error ratio's guard (its volume query is the one with increase()). */
    private static final Function<String, String> HEALTHY = query -> query.contains("node_memory") ? "0.6"
            : query.contains("increase(") ? "1000" : "0.005";
    private static final Function<String, String> ERRORS = query -> query.contains("code=~") ? "0.2" : HEALTHY.apply(query);
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    private FakePrometheus prometheus;

    @Before
    public void startPrometheus() throws Exception {
        prometheus = new FakePrometheus();
        prometheus.answer(HEALTHY);
    }

    @After
    public void stopPrometheus() {
        prometheus.close();
        VerifyStabilityExecution.clock = Clock.systemUTC();
    }

    /** Two rounds before the restart, a gap, then the release degrades: only samples after the restart can fail it. */
    @Test
    public void aRestartMidWindowResumesSamplingAndConcludes() throws Throwable {
        sessions.then(r -> {
            prometheus.holdQueriesAfter(2);
            startBuild(r, "verifyStability(service: 'checkout', checks: ['error_ratio'], duration: '10m', interval: '1s')");
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            assertThat(prometheus.awaitHeldQuery(TIMEOUT)).as("the third round is in flight").isTrue();
            r.waitForMessage("[verifyStability] round 2/601", build);
        });
        List<Instant> before = prometheus.arrivals();
        advanceClockTo(before.get(before.size() - 1).plusSeconds(3)); // at least one planned round has passed unsampled
        prometheus.answer(ERRORS);
        prometheus.release();

        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(build));
            r.assertLogContains("[verifyStability] resumed after a controller restart: no samples from", build);
            r.assertLogContains("FAIL: error_ratio", build);

            ReleaseReport report = readReportFile(build);
            VerificationRecord verification = report.verifications().get(0);
            assertThat(report.verifications()).hasSize(1);
            assertThat(verification.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(verification.gaps()).singleElement()
                    .satisfies(gap -> assertThat(gap.missedRounds()).isPositive());
            assertThat(verification.checks().get(0).samples()).extracting(sample -> sample.outcome())
                    .startsWith(SampleOutcome.PASS, SampleOutcome.PASS).contains(SampleOutcome.FAIL);
            assertThat(verification.checks().get(0).trail())
                    .anySatisfy(line -> assertThat(line).startsWith("no samples from").contains("controller restart"));
            assertThat(verifyStage(report).status()).isEqualTo(StageStatus.FAILURE);
        });
    }

    /** One round of three before the restart, and the window over when Jenkins is back: no query, never PASS. */
    @Test
    public void aRestartAfterTheWindowConcludesWithWhatItHas() throws Throwable {
        sessions.then(r -> {
            prometheus.holdQueriesAfter(1);
            startBuild(r, "def result = verifyStability(service: 'checkout', checks: ['error_ratio'], duration: '10s',"
                    + " interval: '5s')\necho \"verdict=${result.verdict}\"");
            assertThat(prometheus.awaitHeldQuery(TIMEOUT)).as("the second round is in flight").isTrue();
        });
        // The window's last round was due 10 s after the first; its slot ended 5 s later.
        advanceClockTo(prometheus.arrivals().get(0).plusSeconds(16));
        Instant restarted = Instant.now();
        prometheus.release();

        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.UNSTABLE, r.waitForCompletion(build));
            r.assertLogContains("the window is over, so the verification concludes with the samples taken", build);
            r.assertLogContains("verdict=INCONCLUSIVE", build);
            assertThat(prometheus.arrivals()).as("no query after the restart").allSatisfy(
                    at -> assertThat(at).isBefore(restarted));

            ReleaseReport report = readReportFile(build);
            VerificationRecord verification = report.verifications().get(0);
            assertThat(verification.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(verification.checks().get(0).samples()).hasSize(1);
            assertThat(verification.gaps()).singleElement()
                    .satisfies(gap -> assertThat(gap.missedRounds()).isEqualTo(2));
            assertThat(verifyStage(report).status()).isEqualTo(StageStatus.UNSTABLE);
        });
    }

    @Test
    public void anAbortAfterTheRestartEndsTheStepAndTheStage() throws Throwable {
        sessions.then(r -> {
            prometheus.holdQueriesAfter(1);
            startBuild(r, "verifyStability(service: 'checkout', checks: ['error_ratio'], duration: '1h', interval: '1s')");
            assertThat(prometheus.awaitHeldQuery(TIMEOUT)).isTrue();
        });
        prometheus.release();

        sessions.then(r -> {
            WorkflowRun build = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.waitForMessage("[verifyStability] resumed after a controller restart", build);
            int seen = prometheus.arrivals().size();
            prometheus.holdQueriesAfter(0); // the next query proves that sampling resumed, and stays in flight
            assertThat(prometheus.awaitHeldQuery(TIMEOUT)).as("a round after the restart").isTrue();
            assertThat(prometheus.arrivals()).hasSizeGreaterThan(seen);

            build.getExecution().interrupt(Result.ABORTED);
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(build));

            StageRecord stage = verifyStage(readReportFile(build));
            assertThat(stage.status()).isEqualTo(StageStatus.ABORTED);
            assertThat(stage.end()).isNotNull();
            assertThat(readReportFile(build).verifications()).singleElement()
                    .satisfies(v -> assertThat(v.checks().get(0).samples()).isNotEmpty());
        });
    }

    private void startBuild(JenkinsRule r, String script) throws Exception {
        ReleasePlaybookConfiguration config = ReleasePlaybookConfiguration.get();
        config.setPrometheusUrl(prometheus.url());
        // A held query must stay in flight until the controller stops (which interrupts it), however long the
        // shutdown takes: with the default 10 s it could time out first and count as a sample of its own.
        config.getConnections().setRequestTimeoutSeconds(120);
        config.save();
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        job.scheduleBuild2(0).waitForStart();
    }

    /**
     * Moves the clock that verification windows are measured in to {@code moment} (a wall-clock instant, such as a
     * query's arrival), as if the restart had taken that long; the wall clock itself goes on as it does.
     */
    private static void advanceClockTo(Instant moment) {
        Duration ahead = Duration.between(VerifyStabilityExecution.clock.instant(), moment);
        if (!ahead.isNegative()) {
            VerifyStabilityExecution.clock = Clock.offset(VerifyStabilityExecution.clock, ahead);
        }
    }

    private static StageRecord verifyStage(ReleaseReport report) {
        return report.timeline().stream().filter(stage -> stage.kind() == StageKind.VERIFY).findFirst().orElseThrow();
    }

    private static ReleaseReport readReportFile(WorkflowRun build) throws Exception {
        Path file = build.getRootDir().toPath().resolve("release-report.json");
        try (InputStream in = Files.newInputStream(file)) {
            return ReleaseReportJson.read(in, file.toString());
        }
    }
}
