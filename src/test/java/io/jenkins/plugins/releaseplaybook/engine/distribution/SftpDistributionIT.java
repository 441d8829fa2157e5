package io.jenkins.plugins.releaseplaybook.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.OpenSshServer;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.OpenSshServer.KeyPairText;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Pre-distribution over SFTP against real OpenSSH daemons on loopback ports: several daemons are several targets.
 */
public class SftpDistributionIT {
    @ClassRule
    public static final TemporaryFolder KEYS = new TemporaryFolder();

    @Rule
    public final TemporaryFolder workspace = new TemporaryFolder();

    private static KeyPairText key;
    private final List<OpenSshServer> servers = new ArrayList<>();

    @Before
    public void generateKey() throws IOException {
        if (key == null) {
            key = OpenSshServer.generateKey(KEYS.getRoot().toPath(), "ed25519", "");
        }
    }

    @After
    public void stopServers() {
        servers.forEach(OpenSshServer::stop);
    }

    private OpenSshServer server() throws IOException {
        return server(new OpenSshServer());
    }

    private OpenSshServer server(OpenSshServer server) throws IOException {
        server.authorize(key.publicKey());
        servers.add(server);
        server.start();
        return server;
    }

    private static String knownHosts(OpenSshServer... servers) throws IOException {
        StringBuilder text = new StringBuilder();
        for (OpenSshServer s : servers) {
            text.append(s.knownHostsLine()).append('\n');
        }
        return text.toString();
    }

    private ArtifactSet artifacts(int... sizes) throws Exception {
        Random random = new Random(42);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] bytes = new byte[sizes[i]];
            random.nextBytes(bytes);
            Path file = workspace.getRoot().toPath().resolve("app-" + i + ".bin");
            Files.write(file, bytes);
            names.add(file.getFileName().toString());
        }
        return ArtifactSet.collect(workspace.getRoot().toPath(), names);
    }

    private static DistributionSpec.Builder spec(ArtifactSet artifacts, String knownHosts, OpenSshServer... servers)
            throws DistributionException {
        DistributionSpec.Builder spec = DistributionSpec.builder().artifacts(artifacts)
                .credentials(SshCredentials.privateKey(OpenSshServer.user(), key.privateKey(), null))
                .knownHosts(knownHosts).retryDelay(Duration.ofMillis(10), Duration.ofMillis(50))
                .connectTimeout(Duration.ofSeconds(10)).targetTimeout(Duration.ofSeconds(60));
        for (OpenSshServer s : servers) {
            spec.targets(s.target());
            spec.remoteDirectory(s.directory().resolve("releases/1.2.3").toString()).createDirectory(true);
        }
        return spec;
    }

    private static List<Path> temporaryFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(RemotePaths.TEMPORARY_SUFFIX)).toList();
        }
    }

    @Test
    public void uploadsVerifiesOnTheTargetAndSkipsIdenticalFilesOnTheRerun() throws Exception {
        OpenSshServer a = server();
        OpenSshServer b = server();
        ArtifactSet artifacts = artifacts(3 * 1024 * 1024 + 17, 0, 1);
        // one daemon per target, each with its own directory: the spec's directory is a's; b gets its own run
        for (OpenSshServer s : List.of(a, b)) {
            DistributionSpec spec = spec(artifacts, knownHosts(a, b), s).build();
            DistributionResult first = Distributor.overSftp(spec, DistributionProgress.NONE);

            assertThat(first.ok()).as(first.summary().english()).isTrue();
            TargetResult target = first.targets().get(0);
            assertThat(target.artifacts()).extracting(ArtifactResult::outcome).containsOnly(Outcome.UPLOADED);
            assertThat(target.artifacts()).extracting(ArtifactResult::verifiedBy).containsOnly(RemoteHash.SHA256SUM);
            assertThat(target.hostKeyFingerprint()).isEqualTo("ssh-ed25519 " + s.hostKeyFingerprint());
            assertThat(target.trustedOnFirstUse()).isFalse();
            Path dir = s.directory().resolve("releases/1.2.3");
            for (Artifact artifact : artifacts.artifacts()) {
                assertThat(ArtifactSet.describe(dir.resolve(artifact.name())).sha256()).isEqualTo(artifact.sha256());
            }
            assertThat(temporaryFiles(dir)).isEmpty();

            DistributionResult again = Distributor.overSftp(spec, DistributionProgress.NONE);
            assertThat(again.ok()).isTrue();
            assertThat(again.targets().get(0).artifacts()).extracting(ArtifactResult::outcome)
                    .containsOnly(Outcome.SKIPPED_IDENTICAL);
            assertThat(again.bytesSent()).isZero();
        }
    }

    @Test
    public void aChangedFileIsReplacedAtomically() throws Exception {
        OpenSshServer a = server();
        ArtifactSet artifacts = artifacts(100_000);
        DistributionSpec spec = spec(artifacts, knownHosts(a), a).build();
        Path target = a.directory().resolve("releases/1.2.3");
        Files.createDirectories(target);
        Files.writeString(target.resolve("app-0.bin"), "an older build of the same name");

        DistributionResult result = Distributor.overSftp(spec, DistributionProgress.NONE);

        assertThat(result.targets().get(0).artifacts().get(0).outcome()).isEqualTo(Outcome.UPLOADED);
        assertThat(ArtifactSet.describe(target.resolve("app-0.bin")).sha256()).isEqualTo(artifacts.artifacts().get(0).sha256());
    }
}
