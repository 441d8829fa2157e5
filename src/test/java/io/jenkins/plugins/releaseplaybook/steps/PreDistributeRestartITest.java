package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.config.DistributionSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * A controller restart during {@code preDistribute}: the uploads do not survive it, so the resumed step fails saying
 * so, and the stage is finished as FAILURE. The SFTP server (in the test's JVM) outlives the restart.
 */
public class PreDistributeRestartITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aRestartDuringADistributionFailsTheStepClearly() throws Throwable {
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
        try (InProcessSftpServer server = InProcessSftpServer.start(root, null, "pw-restart", hold)) {
            sessions.then(j -> {
                SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
                provider.getCredentials().add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "pw", "test",
                        InProcessSftpServer.USER, "pw-restart"));
                provider.save();
                DistributionSection section = new DistributionSection();
                section.setKnownHosts(server.knownHostsLine());
                ReleasePlaybookConfiguration.get().setDistribution(section);
                WorkflowJob job = j.createProject(WorkflowJob.class, "p");
                job.setDefinition(new CpsFlowDefinition("node {\n"
                        + "  writeFile file: 'app.jar', text: 'the application'\n"
                        + "  preDistribute(artifacts: 'app.jar', hosts: ['" + server.target() + "'], credentialsId: 'pw',"
                        + " remoteDirectory: 'releases', createDirectory: true)\n"
                        + "}", true));
                job.scheduleBuild2(0).waitForStart();
                assertThat(writing.await(2, TimeUnit.MINUTES)).as("the upload started").isTrue();
            });
            release.countDown();
            sessions.then(j -> {
                WorkflowJob job = j.jenkins.getItemByFullName("p", WorkflowJob.class);
                WorkflowRun build = job.getBuildByNumber(1);
                j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
                j.assertLogContains("The controller restarted while preDistribute was running", build);
                assertThat(ReleaseBackupStepITest.report(build).timeline()).singleElement()
                        .satisfies(stage -> assertThat(stage.status()).isEqualTo(StageStatus.FAILURE));
            });
        } finally {
            release.countDown();
        }
    }
}
