package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.config.DistributionSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * {@code preDistribute(hosts: ..., credentialsId: ...)} against an SFTP server in the test's JVM (see
 * {@link InProcessSftpServer}): credentials from the Credentials plugin (private key, password) that never reach the
 * log, the report or the returned map; host keys checked against the administrator's known hosts, or trusted on
 * first use and recorded; an abort mid-upload that leaves no temporary file.
 */
public class PreDistributeSftpITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final String APP = "checkout-1.4.2.jar";

    @Test
    public void uploadsWithAPrivateKeyAndNoSecretReachesTheLogTheReportOrTheMap() throws Exception {
        Path root = temp.newFolder("sftp").toPath();
        KeyPair client = InProcessSftpServer.rsa();
        String privateKey = InProcessSftpServer.openSshPrivateKey(client);
        try (InProcessSftpServer server = InProcessSftpServer.start(root, client.getPublic(), null, null)) {
            addCredentials(new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL, "deploy-key", InProcessSftpServer.USER,
                    new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(privateKey), null, "test key"));
            knownHosts(server.knownHostsLine(), "KNOWN_HOSTS");

            WorkflowRun build = j.buildAndAssertSuccess(job("key", script(server, "deploy-key", "")));

            assertThat(Files.readString(root.resolve("releases").resolve(APP))).isEqualTo("the application");
            j.assertLogContains("ok=true", build);
            j.assertLogContains("outcome=UPLOADED verifiedBy=read-back", build);
            j.assertLogContains("fingerprint=ssh-rsa SHA256:", build);
            String keyLine = privateKey.lines().filter(l -> !l.startsWith("-----")).skip(2).findFirst().orElseThrow();
            j.assertLogNotContains(keyLine, build);
            ReleaseReport report = ReleaseBackupStepITest.report(build);
            assertThat(String.valueOf(report)).doesNotContain(keyLine);
            assertThat(report.distributionRuns().get(0).transport()).isEqualTo("sftp");
            assertThat(report.distributionRuns().get(0).trustedOnFirstUse()).isEmpty();
        }
    }

    @Test
    public void logsInWithAPasswordThatNeverReachesTheLog() throws Exception {
        Path root = temp.newFolder("sftp").toPath();
        try (InProcessSftpServer server = InProcessSftpServer.start(root, null, "s3cret-Pa55", null)) {
            addCredentials(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "deploy-password", "test",
                    InProcessSftpServer.USER, "s3cret-Pa55"));
            knownHosts(server.knownHostsLine(), "KNOWN_HOSTS");

            WorkflowRun build = j.buildAndAssertSuccess(job("password", script(server, "deploy-password", "")));

            assertThat(root.resolve("releases").resolve(APP)).exists();
            j.assertLogNotContains("s3cret-Pa55", build);
            assertThat(String.valueOf(ReleaseBackupStepITest.report(build))).doesNotContain("s3cret-Pa55");
        }
    }

    @Test
    public void anUnknownHostIsRefusedUnlessTrustOnFirstUseIsAllowedAndThenItIsRecorded() throws Exception {
        Path root = temp.newFolder("sftp").toPath();
        try (InProcessSftpServer server = InProcessSftpServer.start(root, null, "pw-for-tofu", null)) {
            addCredentials(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "pw", "test",
                    InProcessSftpServer.USER, "pw-for-tofu"));
            knownHosts("", "KNOWN_HOSTS");
            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job("refused", script(server, "pw", "")));
            j.assertLogContains(server.target(), refused);
            assertThat(root.resolve("releases").resolve(APP)).doesNotExist();
            assertThat(ReleaseBackupStepITest.report(refused).distributionRuns().get(0).ok()).isFalse();

            WorkflowRun looser = j.buildAndAssertStatus(Result.FAILURE,
                    job("looser", script(server, "pw", ", hostKeyPolicy: 'TRUST_ON_FIRST_USE'")));
            j.assertLogContains("trust on first use is not allowed here", looser);

            knownHosts("", "TRUST_ON_FIRST_USE");
            WorkflowRun trusted = j.buildAndAssertSuccess(job("trusted", script(server, "pw", "")));
            assertThat(ReleaseBackupStepITest.report(trusted).distributionRuns().get(0).trustedOnFirstUse())
                    .singleElement().asString().startsWith(server.target() + " ssh-rsa SHA256:");

            WorkflowRun stricter = j.buildAndAssertStatus(Result.FAILURE,
                    job("stricter", script(server, "pw", ", hostKeyPolicy: 'KNOWN_HOSTS'")));
            j.assertLogContains("1 attempt(s)", stricter); // a host-key refusal is never retried
        }
    }

    @Test
    public void missingOrWrongCredentialsAreAClearFailureNamingOnlyTheId() throws Exception {
        Path root = temp.newFolder("sftp").toPath();
        try (InProcessSftpServer server = InProcessSftpServer.start(root, null, "right", null)) {
            knownHosts(server.knownHostsLine(), "KNOWN_HOSTS");
            WorkflowRun missing = j.buildAndAssertStatus(Result.FAILURE, job("missing", script(server, "nope", "")));
            j.assertLogContains("cannot find the credentials \u201cnope\u201d", missing);

            addCredentials(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "wrong", "test",
                    InProcessSftpServer.USER, "wrong-password-123"));
            WorkflowRun wrong = j.buildAndAssertStatus(Result.FAILURE, job("wrong", script(server, "wrong", "")));
            j.assertLogContains("1 attempt(s)", wrong); // authentication failures are never retried
            j.assertLogNotContains("wrong-password-123", wrong);
        }
    }

    /** An abort while a write is held on the server: the build ends ABORTED, and no temporary file is left. */
    @Test
    public void anAbortMidUploadLeavesNoTemporaryFile() throws Exception {
        Path root = temp.newFolder("sftp").toPath();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SftpEventListener hold = new SftpEventListener() {
            @Override
            public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                    byte[] data, int dataOffset, int dataLen) throws IOException {
                writing.countDown();
                try {
                    release.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("server stopped");
                }
            }
        };
        try (InProcessSftpServer server = InProcessSftpServer.start(root, null, "pw-abort", hold)) {
            addCredentials(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "pw", "test",
                    InProcessSftpServer.USER, "pw-abort"));
            knownHosts(server.knownHostsLine(), "KNOWN_HOSTS");
            WorkflowRun build = job("abort", script(server, "pw", "")).scheduleBuild2(0).waitForStart();
            assertThat(writing.await(2, TimeUnit.MINUTES)).as("the upload started").isTrue();

            build.doStop();

            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
            release.countDown();
            try (Stream<Path> files = Files.list(root.resolve("releases"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".rp-part"));
            }
            assertThat(ReleaseBackupStepITest.report(build).timeline().get(0).status()).isEqualTo(StageStatus.ABORTED);
        } finally {
            release.countDown();
        }
    }

    private String script(InProcessSftpServer server, String credentialsId, String extra) {
        return "node {\n"
                + "  writeFile file: '" + APP + "', text: 'the application'\n"
                + "  def d = preDistribute(artifacts: '" + APP + "', hosts: ['" + server.target() + "'], credentialsId: '"
                + credentialsId + "', remoteDirectory: 'releases', createDirectory: true, retries: 0" + extra + ")\n"
                + "  def t = d.targets['" + server.target() + "']\n"
                + "  echo \"ok=${d.ok} outcome=${t.artifacts['" + APP + "'].outcome}"
                + " verifiedBy=${t.artifacts['" + APP + "'].verifiedBy} fingerprint=${t.hostKeyFingerprint}\"\n"
                + "  echo \"map=${d}\"\n"
                + "}";
    }

    private void knownHosts(String text, String policy) {
        DistributionSection section = new DistributionSection();
        section.setKnownHosts(text);
        section.setHostKeyPolicy(policy);
        ReleasePlaybookConfiguration.get().setDistribution(section);
    }

    private static void addCredentials(com.cloudbees.plugins.credentials.Credentials credentials) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getCredentials().add(credentials);
        provider.save();
    }

    private WorkflowJob job(String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

}
