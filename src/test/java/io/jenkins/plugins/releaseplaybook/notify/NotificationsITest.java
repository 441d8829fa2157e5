package io.jenkins.plugins.releaseplaybook.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.releaseplaybook.config.NotificationsSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ChecklistItem;
import io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A finished build whose report calls for a notification sends it to the configured webhook (a real HTTP server on
 * loopback) in the background; a receiver that does not answer never holds up the build; nothing is sent unconfigured.
 */
public class NotificationsITest {
    private static final String SECRET = "hook-signing-secret";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private HttpServer server;
    private ExecutorService serverThreads;
    private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> signatures = new LinkedBlockingQueue<>();
    /** Counted down to let the receiver answer; a receiver that has not is a slow one. */
    private volatile CountDownLatch answer = new CountDownLatch(0);
    private final CountDownLatch arrived = new CountDownLatch(1);

    @Before
    public void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/hook", this::receive);
        server.start();
    }

    @After
    public void stopReceiver() {
        answer.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String signature = exchange.getRequestHeaders().getFirst("X-Release-Playbook-Signature");
        signatures.add(signature == null ? "" : signature);
        arrived.countDown();
        try {
            answer.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void configureWebhook() throws IOException {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "hook-secret", "webhook signing secret", Secret.fromString(SECRET)));
        store.save();
        NotificationsSection notifications = new NotificationsSection();
        notifications.setWebhookUrl(hookUrl());
        notifications.setCredentialsId("hook-secret");
        notifications.setTemplate("generic");
        ReleasePlaybookConfiguration.get().setNotifications(notifications);
    }

    /** A build that records a plan and a failed gate (as releasePlan and releaseGate do) while it waits, then ends. */
    private WorkflowRun buildWithFailedGate() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "checkout-release");
        job.setDefinition(new CpsFlowDefinition("semaphore 'release'", true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("release/1", build);
        ReleaseHeader header = new ReleaseHeader("checkout", "1.4.2", Risk.HIGH, List.of("oncall@example.com"),
                List.of(), false, new BuildRef(job.getFullName(), build.getNumber(), null), Instant.now(),
                new EmergencyPlan(List.of(), List.of(), null, List.of("#checkout-release")));
        ReleaseReportAction.getOrCreate(build).update(report -> report.withHeader(header).withChecklist(List.of(
                new ChecklistItem("backup verified", true, false, "no releaseBackup in this build"),
                new ChecklistItem("plan declared with owners", true, true, "1 owner"))));
        SemaphoreStep.success("release/1", null);
        return r.waitForCompletion(build);
    }

    @Test
    public void aFailedGateSendsOneSignedWebhook() throws Exception {
        configureWebhook();

        WorkflowRun build = buildWithFailedGate();

        r.assertLogContains("Release Playbook: notifications queued (1 to the webhook at http://127.0.0.1)", build);
        String body = bodies.poll(60, TimeUnit.SECONDS);
        assertThat(body).as("the webhook was called").isNotNull();
        assertThat(body).contains("\"event\":\"gateFailed\"").contains("\"service\":\"checkout\"")
                .contains("\"item\":\"backup verified\"").doesNotContain("plan declared with owners")
                .contains("\"notify\":[\"#checkout-release\"]").doesNotContain(SECRET);
        assertThat(signatures.poll(10, TimeUnit.SECONDS)).startsWith("sha256=");
        assertThat(bodies).as("one event, one request").isEmpty();
        r.assertLogNotContains(SECRET, build);
    }

    @Test
    public void aReceiverThatDoesNotAnswerDoesNotDelayTheBuild() throws Exception {
        answer = new CountDownLatch(1); // the receiver holds every request until the end of the test
        configureWebhook();

        WorkflowRun build = buildWithFailedGate();

        assertThat(build.isBuilding()).as("the build completed").isFalse();
        assertThat(answer.getCount()).as("while the receiver has not answered").isEqualTo(1);
        r.assertLogContains("notifications queued", build);
        assertThat(arrived.await(60, TimeUnit.SECONDS)).as("the request still went out").isTrue();
        answer.countDown();
    }

    @Test
    public void theTestButtonSendsATestMessageAndSaysWhatTheReceiverAnswered() throws Exception {
        configureWebhook();
        NotificationsSection.DescriptorImpl descriptor =
                ExtensionList.lookupSingleton(NotificationsSection.DescriptorImpl.class);

        FormValidation sent = descriptor.doTestWebhook(hookUrl(), "hook-secret", "generic", "en");

        assertThat(sent.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(sent.getMessage()).contains("delivered to http://127.0.0.1:").contains("HTTP 204")
                .doesNotContain("/hook");
        assertThat(bodies.poll(10, TimeUnit.SECONDS)).contains("\"event\":\"test\"");
        FormValidation missing = descriptor.doTestWebhook(hookUrl(), "no-such-credential", "generic", "en");
        assertThat(missing.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(missing.getMessage()).contains("no-such-credential");
    }

    @Test
    public void theFormKeepsTheSettings() throws Exception {
        configureWebhook();
        ReleasePlaybookConfiguration.get().getNotifications().setTemplate("feishu");
        ReleasePlaybookConfiguration.get().getNotifications().setDrills(false);

        r.configRoundtrip();

        NotificationsSection saved = ReleasePlaybookConfiguration.get().getNotifications();
        assertThat(saved.getWebhookUrl()).isEqualTo(hookUrl());
        assertThat(saved.getCredentialsId()).isEqualTo("hook-secret");
        assertThat(saved.getTemplate()).isEqualTo("feishu");
        assertThat(saved.isDrills()).isFalse();
        assertThat(saved.isGateFailures()).isTrue();
    }

    @Test
    public void nothingIsSentWhenNotificationsAreNotConfigured() throws Exception {
        WorkflowRun build = buildWithFailedGate();

        r.assertBuildStatusSuccess(build);
        r.assertLogNotContains("notifications queued", build);
        assertThat(bodies).isEmpty();
        assertThat(ReleasePlaybookConfiguration.get().getNotifications().isEnabled()).isFalse();
    }
}
