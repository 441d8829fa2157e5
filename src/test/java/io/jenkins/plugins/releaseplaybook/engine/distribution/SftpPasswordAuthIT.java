package io.jenkins.plugins.releaseplaybook.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Password and keyboard-interactive login. NOT against OpenSSH: its password login checks the system's user
 * database (PAM or /etc/shadow), so a test would have to create a system user with a password on the machine it
 * runs on, which a test must not do. These run against an in-process Apache MINA SSHD server with a password
 * authenticator and an SFTP subsystem (no exec channel, so they also cover verification by reading back).
 */
public class SftpPasswordAuthIT {
    private static final String USER = "deploy";
    private static final String PASSWORD = "correct horse battery staple";

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private SshServer server;

    @After
    public void stop() throws Exception {
        if (server != null) {
            server.stop(true);
        }
    }

    private Path start(UserAuthFactory method) throws Exception {
        Path root = temp.newFolder("root").toPath();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(temp.getRoot().toPath().resolve("hostkey.ser")));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setUserAuthFactories(List.<UserAuthFactory>of(method));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        return root;
    }

    private String knownHosts() throws Exception {
        KeyPair key = server.getKeyPairProvider().loadKeys(null).iterator().next();
        byte[] blob = SftpTransport.blob(key.getPublic());
        return "[127.0.0.1]:" + server.getPort() + " " + KnownHosts.blobType(blob) + " "
                + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    private DistributionResult distribute(String password) throws Exception {
        return Distributor.overSftp(spec(password), DistributionProgress.NONE);
    }

    private DistributionSpec spec(String password) throws Exception {
        Path file = temp.newFile("app.jar").toPath();
        Files.writeString(file, "the release");
        return DistributionSpec.builder()
                .artifacts(ArtifactSet.collect(temp.getRoot().toPath(), List.of("app.jar")))
                .targets("127.0.0.1:" + server.getPort())
                .remoteDirectory("releases").createDirectory(true)
                .credentials(SshCredentials.password(USER, password))
                .knownHosts(knownHosts()).retries(2).retryDelay(Duration.ofMillis(10), Duration.ofMillis(10))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    public void passwordLogin() throws Exception {
        Path root = start(UserAuthPasswordFactory.INSTANCE);

        DistributionResult result = distribute(PASSWORD);

        assertThat(result.ok()).as(result.summary().english()).isTrue();
        assertThat(Files.readString(root.resolve("releases/app.jar"))).isEqualTo("the release");
        assertThat(result.targets().get(0).artifacts().get(0).verifiedBy()).as("no exec channel here")
                .isEqualTo(RemoteHash.READ_BACK);
    }

    @Test
    public void keyboardInteractiveLoginWithThePassword() throws Exception {
        Path root = start(UserAuthKeyboardInteractiveFactory.INSTANCE);

        DistributionResult result = distribute(PASSWORD);

        assertThat(result.ok()).as(result.summary().english()).isTrue();
        assertThat(Files.exists(root.resolve("releases/app.jar"))).isTrue();
    }

    @Test
    public void aWrongPasswordIsRefusedWithoutRetriesAndNeverShown() throws Exception {
        start(UserAuthPasswordFactory.INSTANCE);
        String wrong = "Tr0ub4dor&3";

        DistributionResult result = distribute(wrong);

        TargetResult target = result.targets().get(0);
        assertThat(target.failureKind()).isEqualTo(Kind.AUTH_FAILED);
        assertThat(target.attempts()).isEqualTo(1);
        assertThat(result.toString() + target.failure().english()).doesNotContain(wrong);
    }

    @Test
    public void theConnectionSendsSmallPacketsWithoutNagleDelay() throws Exception {
        start(UserAuthPasswordFactory.INSTANCE);

        try (SftpTransport transport = SftpTransport.open(spec(PASSWORD));
                SftpConnection connection = (SftpConnection) transport.connect(
                        Target.parse("127.0.0.1:" + server.getPort()), Deadline.after(Duration.ofSeconds(30)))) {
            AsynchronousSocketChannel socket = ((Nio2Session) connection.session().getIoSession()).getSocket();

            assertThat(socket.getOption(StandardSocketOptions.TCP_NODELAY))
                    .as("each login and SFTP set-up step would wait for a delayed ACK").isTrue();
        }
    }
}
