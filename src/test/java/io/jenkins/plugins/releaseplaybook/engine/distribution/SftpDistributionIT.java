package io.jenkins.plugins.releaseplaybook.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.FreePort;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.OpenSshServer;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.OpenSshServer.KeyPairText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Pre-distribution over SFTP against real OpenSSH daemons on loopback ports. Each daemon has its own login
 * directory, so several daemons are several targets of one relative remote directory.
 */
public class SftpDistributionIT {
    private static final String DIRECTORY = "releases/1.2.3";

    @ClassRule
    public static final TemporaryFolder KEYS = new TemporaryFolder();

    @Rule
    public final TemporaryFolder workspace = new TemporaryFolder();

    private static KeyPairText key;
    private final List<OpenSshServer> servers = new ArrayList<>();

    @BeforeClass
    public static void generateKey() throws IOException {
        key = OpenSshServer.generateKey(KEYS.getRoot().toPath(), "ed25519", "");
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

    private static DistributionSpec.Builder spec(ArtifactSet artifacts, String knownHosts, String... targets)
            throws DistributionException {
        DistributionSpec.Builder spec = DistributionSpec.builder().artifacts(artifacts)
                .credentials(SshCredentials.privateKey(OpenSshServer.user(), key.privateKey(), null))
                .knownHosts(knownHosts).retryDelay(Duration.ofMillis(10), Duration.ofMillis(40))
                .connectTimeout(Duration.ofSeconds(10)).targetTimeout(Duration.ofSeconds(60))
                .remoteDirectory(DIRECTORY).createDirectory(true);
        for (String target : targets) {
            spec.targets(target);
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

    private static TargetResult only(DistributionResult result) {
        assertThat(result.targets()).hasSize(1);
        return result.targets().get(0);
    }

    @Test
    public void uploadsVerifiesOnTheTargetAndSkipsIdenticalFilesOnTheRerun() throws Exception {
        OpenSshServer a = server();
        OpenSshServer b = server();
        ArtifactSet artifacts = artifacts(3 * 1024 * 1024 + 17, 0, 1);
        DistributionSpec spec = spec(artifacts, knownHosts(a, b), a.target(), b.target()).build();
        List<String> lines = new ArrayList<>();

        DistributionResult first = Distributor.overSftp(spec, (r, done, total) ->
                lines.add(DistributionProgress.line(r, done, total).english()));

        assertThat(first.ok()).as(first.summary().english()).isTrue();
        assertThat(lines).hasSize(2).allMatch(l -> l.contains(": ok, 3 uploaded, 0 skipped identical"));
        for (int i = 0; i < 2; i++) {
            OpenSshServer s = List.of(a, b).get(i);
            TargetResult target = first.targets().get(i);
            assertThat(target.target()).isEqualTo(s.target());
            assertThat(target.artifacts()).extracting(ArtifactResult::outcome).containsOnly(Outcome.UPLOADED);
            assertThat(target.artifacts()).extracting(ArtifactResult::verifiedBy).containsOnly(RemoteHash.SHA256SUM);
            assertThat(target.hostKeyFingerprint()).as("the format of ssh-keygen -l")
                    .isEqualTo("ssh-ed25519 " + s.hostKeyFingerprint());
            assertThat(target.trustedOnFirstUse()).isFalse();
            Path dir = s.home().resolve(DIRECTORY);
            for (Artifact artifact : artifacts.artifacts()) {
                assertThat(ArtifactSet.describe(dir.resolve(artifact.name())).sha256()).isEqualTo(artifact.sha256());
            }
            assertThat(temporaryFiles(dir)).isEmpty();
        }
        assertThat(first.bytesSent()).isEqualTo(2 * artifacts.totalBytes());

        DistributionResult again = Distributor.overSftp(spec, DistributionProgress.NONE);

        assertThat(again.ok()).isTrue();
        assertThat(again.count(Outcome.SKIPPED_IDENTICAL)).isEqualTo(6);
        assertThat(again.bytesSent()).isZero();
        assertThat(again.targets().get(0).artifacts()).extracting(ArtifactResult::verifiedBy)
                .containsOnly(RemoteHash.RECORDED);
        assertThat(again.summary().english()).isEqualTo(
                "2/2 targets, 3 artifacts, 0 B, " + String.format(Locale.ROOT, "%.1f", again.millis() / 1000.0)
                        + " s, 6 skipped identical");
    }

    @Test
    public void aChangedFileIsReplaced() throws Exception {
        OpenSshServer a = server();
        ArtifactSet artifacts = artifacts(100_000);
        Path dir = Files.createDirectories(a.home().resolve(DIRECTORY));
        Files.writeString(dir.resolve("app-0.bin"), "an older build of the same name");

        DistributionResult result = Distributor.overSftp(spec(artifacts, knownHosts(a), a.target()).build(),
                DistributionProgress.NONE);

        assertThat(only(result).artifacts().get(0).outcome()).isEqualTo(Outcome.UPLOADED);
        assertThat(ArtifactSet.describe(dir.resolve("app-0.bin")).sha256()).isEqualTo(artifacts.artifacts().get(0).sha256());
    }

    @Test
    public void aMissingDirectoryIsAFailureUnlessAskedToCreateIt() throws Exception {
        OpenSshServer a = server();
        DistributionResult result = Distributor.overSftp(spec(artifacts(10), knownHosts(a), a.target())
                .createDirectory(false).build(), DistributionProgress.NONE);

        TargetResult target = only(result);
        assertThat(target.ok()).isFalse();
        assertThat(target.failure().english()).contains("the directory " + DIRECTORY + " does not exist");
        assertThat(target.attempts()).as("not transient").isEqualTo(1);
    }

    @Test
    public void aRefusedConnectionIsRetriedAndTheOthersStillSucceedUnderMinSuccess() throws Exception {
        OpenSshServer a = server();
        String refused = OpenSshServer.user() + "@127.0.0.1:" + FreePort.find();
        List<String> retries = new ArrayList<>();
        DistributionSpec spec = spec(artifacts(1000), knownHosts(a), a.target(), refused).retries(2).minSuccess("50%")
                .build();

        DistributionResult result = Distributor.overSftp(spec, new DistributionProgress() {
            @Override
            public void targetFinished(TargetResult r, int done, int total) {}

            @Override
            public void report(io.jenkins.plugins.releaseplaybook.engine.support.Text line) {
                retries.add(line.english());
            }
        });

        assertThat(result.ok()).as("1 of 2 is 50%").isTrue();
        assertThat(result.failedTargets()).containsExactly(refused);
        TargetResult failed = result.targets().get(1);
        assertThat(failed.failureKind()).isEqualTo(Kind.CONNECT_FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.failure().english()).startsWith("Cannot connect to " + refused);
        assertThat(failed.artifacts()).extracting(ArtifactResult::outcome).containsOnly(Outcome.NOT_ATTEMPTED);
        assertThat(retries).hasSize(2).allMatch(l -> l.contains("Retrying in"));

        DistributionResult strict = Distributor.overSftp(spec(artifacts(1000), knownHosts(a), a.target(), refused)
                .retries(0).build(), DistributionProgress.NONE);
        assertThat(strict.ok()).as("all must succeed by default").isFalse();
        assertThat(strict.summary().english()).contains("Too few targets succeeded (needed 2); failed: " + refused);
    }

    @Test
    public void aTargetThatNeverAnswersTimesOutWithinItsTimeout() throws Exception {
        OpenSshServer a = server();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            // The kernel completes the TCP handshake; nobody ever sends an SSH banner.
            String slow = OpenSshServer.user() + "@127.0.0.1:" + silent.getLocalPort();
            DistributionSpec spec = spec(artifacts(1000), knownHosts(a), slow, a.target()).retries(5)
                    .connectTimeout(Duration.ofMillis(700)).targetTimeout(Duration.ofSeconds(2)).build();
            long start = System.nanoTime();

            DistributionResult result = Distributor.overSftp(spec, DistributionProgress.NONE);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofSeconds(8));
            TargetResult stuck = result.targets().get(0);
            assertThat(stuck.failureKind()).isEqualTo(Kind.TIMEOUT);
            assertThat(stuck.millis()).isBetween(600L, 7000L);
            assertThat(result.targets().get(1).ok()).isTrue();
        }
    }

    @Test
    public void aFullDiskFailsTheTargetAndLeavesNoTemporaryFile() throws Exception {
        OpenSshServer a = server();
        Path dir = Files.createDirectories(a.home().resolve(DIRECTORY));
        boolean mounted = mountTmpfs(dir, "1m");
        Assume.assumeTrue("mounting a size-limited tmpfs needs root (mount -t tmpfs); not possible here", mounted);
        try {
            DistributionResult result = Distributor.overSftp(spec(artifacts(3 * 1024 * 1024), knownHosts(a), a.target())
                    .build(), DistributionProgress.NONE);

            TargetResult target = only(result);
            assertThat(target.failureKind()).as(String.valueOf(target.failure())).isEqualTo(Kind.DISK_FULL);
            assertThat(target.failure().english()).contains("no space left in " + DIRECTORY).contains("the artifact needs 3.0 MiB");
            assertThat(target.attempts()).as("not retried").isEqualTo(1);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.toList()).as("nothing left on the full disk").isEmpty();
            }
        } finally {
            OpenSshServer.run(List.of("umount", dir.toString()));
        }
    }

    private static boolean mountTmpfs(Path dir, String size) {
        try {
            OpenSshServer.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()));
            return true;
        } catch (IOException e) {
            System.err.println("Cannot mount a tmpfs on " + dir + ": " + e.getMessage());
            return false;
        }
    }

    @Test
    public void aTargetThatDamagesTheUploadIsCaughtByTheChecksumAndNothingIsPutInPlace() throws Exception {
        // Before each sha256sum, flip the first byte of every temporary upload: what a failing disk would do.
        OpenSshServer bad = server(new OpenSshServer().forceCommand(""
                + "case \"$SSH_ORIGINAL_COMMAND\" in sha256sum*)\n"
                + "  for f in " + DIRECTORY + "/.*" + RemotePaths.TEMPORARY_SUFFIX + "; do\n"
                + "    [ -f \"$f\" ] && printf X | dd of=\"$f\" bs=1 count=1 conv=notrunc 2>/dev/null\n"
                + "  done ;;\n"
                + "esac"));
        OpenSshServer good = server();
        ArtifactSet artifacts = artifacts(200_000, 300_000);

        DistributionResult result = Distributor.overSftp(spec(artifacts, knownHosts(bad, good), bad.target(),
                good.target()).build(), DistributionProgress.NONE);

        TargetResult damaged = result.targets().get(0);
        assertThat(damaged.ok()).isFalse();
        assertThat(damaged.failureKind()).isEqualTo(Kind.CHECKSUM_MISMATCH);
        assertThat(damaged.artifacts()).extracting(ArtifactResult::outcome).containsOnly(Outcome.FAILED);
        assertThat(damaged.artifacts().get(0).reason().english()).contains("arrived damaged")
                .contains(artifacts.artifacts().get(0).sha256()).contains("(sha256sum)");
        assertThat(damaged.attempts()).as("not transient").isEqualTo(1);
        Path dir = bad.home().resolve(DIRECTORY);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).as("neither the damaged file nor a temporary file").isEmpty();
        }
        assertThat(result.targets().get(1).ok()).isTrue();
        assertThat(result.ok()).isFalse();
    }

    @Test
    public void aTargetWithoutShellIsVerifiedByReadingTheFileBack() throws Exception {
        // Only SFTP: any command gets sftp-server, which ends at once on the empty input.
        OpenSshServer sftpOnly = server(new OpenSshServer().forceCommand("exec " + OpenSshServer.SFTP_SERVER));
        ArtifactSet artifacts = artifacts(1_000_000);

        DistributionResult result = Distributor.overSftp(spec(artifacts, knownHosts(sftpOnly), sftpOnly.target()).build(),
                DistributionProgress.NONE);

        assertThat(result.ok()).as(result.summary().english()).isTrue();
        assertThat(only(result).artifacts().get(0).verifiedBy()).isEqualTo(RemoteHash.READ_BACK);
        assertThat(ArtifactSet.describe(sftpOnly.home().resolve(DIRECTORY).resolve("app-0.bin")).sha256())
                .isEqualTo(artifacts.artifacts().get(0).sha256());
    }

    @Test
    public void aHostKeyMismatchIsRefusedNamingTheHostAndBothFingerprintsAndNeverRetried() throws Exception {
        OpenSshServer a = server();
        OpenSshServer other = server();
        // a's name with other's key: what a man in the middle or a reinstalled host looks like
        String wrong = other.knownHostsLine().replace("]:" + other.port(), "]:" + a.port());

        DistributionResult result = Distributor.overSftp(spec(artifacts(10), wrong, a.target()).retries(3).build(),
                DistributionProgress.NONE);

        TargetResult target = only(result);
        assertThat(target.failureKind()).isEqualTo(Kind.HOST_KEY_REJECTED);
        assertThat(target.attempts()).isEqualTo(1);
        assertThat(target.failure().english()).startsWith("REFUSED: the host key of [127.0.0.1]:" + a.port())
                .contains("Known: ssh-ed25519 " + other.hostKeyFingerprint())
                .contains("presented: ssh-ed25519 " + a.hostKeyFingerprint());
        assertThat(Files.exists(a.home().resolve(DIRECTORY))).as("nothing written").isFalse();
        assertThat(a.logTail()).as("no credentials were offered").doesNotContain("Accepted publickey");
    }

    @Test
    public void anUnknownHostIsRefusedUnlessTrustOnFirstUseWhichRecordsItsFingerprint() throws Exception {
        OpenSshServer a = server();

        DistributionResult refused = Distributor.overSftp(spec(artifacts(10), "", a.target()).build(),
                DistributionProgress.NONE);
        assertThat(only(refused).failureKind()).isEqualTo(Kind.HOST_KEY_REJECTED);
        assertThat(only(refused).failure().english()).contains("is not in the known hosts (ssh-ed25519 "
                + a.hostKeyFingerprint() + ")");

        DistributionResult trusted = Distributor.overSftp(spec(artifacts(10), "", a.target())
                .hostKeyPolicy(HostKeyPolicy.TRUST_ON_FIRST_USE).build(), DistributionProgress.NONE);
        assertThat(trusted.ok()).isTrue();
        assertThat(only(trusted).trustedOnFirstUse()).isTrue();
        assertThat(trusted.trustedOnFirstUse()).containsExactly(a.target() + " ssh-ed25519 " + a.hostKeyFingerprint());

        String wrong = server().knownHostsLine().replaceAll("]:\\d+", "]:" + a.port());
        DistributionResult mismatch = Distributor.overSftp(spec(artifacts(10), wrong, a.target())
                .hostKeyPolicy(HostKeyPolicy.TRUST_ON_FIRST_USE).build(), DistributionProgress.NONE);
        assertThat(only(mismatch).failureKind()).as("a mismatch is refused under every policy")
                .isEqualTo(Kind.HOST_KEY_REJECTED);
    }

    @Test
    public void hashedKnownHostsAsSshKeygenWritesThemAreAccepted() throws Exception {
        OpenSshServer a = server();
        Path file = KEYS.newFile().toPath();
        Files.writeString(file, a.knownHostsLine() + "\n");
        OpenSshServer.run(List.of("/usr/bin/ssh-keygen", "-H", "-f", file.toString()));
        String hashed = Files.readString(file);
        assertThat(hashed).startsWith("|1|").doesNotContain("127.0.0.1");

        DistributionResult result = Distributor.overSftp(spec(artifacts(10), hashed, a.target()).build(),
                DistributionProgress.NONE);

        assertThat(result.ok()).as(result.summary().english()).isTrue();
        assertThat(only(result).trustedOnFirstUse()).isFalse();
    }

    @Test
    public void aWrongKeyIsRefusedWithoutRetries() throws Exception {
        OpenSshServer a = server();
        KeyPairText stranger = OpenSshServer.generateKey(KEYS.getRoot().toPath(), "ed25519", "");
        DistributionSpec spec = spec(artifacts(10), knownHosts(a), a.target()).retries(3)
                .credentials(SshCredentials.privateKey(OpenSshServer.user(), stranger.privateKey(), null)).build();

        DistributionResult result = Distributor.overSftp(spec, DistributionProgress.NONE);

        TargetResult target = only(result);
        assertThat(target.failureKind()).isEqualTo(Kind.AUTH_FAILED);
        assertThat(target.attempts()).isEqualTo(1);
        assertThat(target.failure().english()).startsWith("Login to " + a.target() + " refused");
    }

    @Test
    public void rsaEcdsaAndEd25519KeysWithPassphrasesLogIn() throws Exception {
        OpenSshServer a = new OpenSshServer();
        List<KeyPairText> keys = new ArrayList<>();
        for (String type : List.of("rsa", "ecdsa", "ed25519")) {
            KeyPairText k = OpenSshServer.generateKey(KEYS.getRoot().toPath(), type, "correct horse " + type);
            keys.add(k);
            a.authorize(k.publicKey());
        }
        server(a);
        List<String> types = List.of("rsa", "ecdsa", "ed25519");
        for (int i = 0; i < keys.size(); i++) {
            KeyPairText k = keys.get(i);
            assertThat(k.privateKey()).contains("BEGIN OPENSSH PRIVATE KEY");
            DistributionSpec spec = spec(artifacts(1000), knownHosts(a), a.target())
                    .credentials(SshCredentials.privateKey(OpenSshServer.user(), k.privateKey(), "correct horse " + types.get(i)))
                    .build();

            DistributionResult result = Distributor.overSftp(spec, DistributionProgress.NONE);

            assertThat(result.ok()).as(types.get(i) + ": " + result.summary()).isTrue();
            assertThat(a.logTail()).contains("Accepted publickey for " + OpenSshServer.user());
        }

        String passphrase = "not the passphrase";
        DistributionSpec wrong = spec(artifacts(10), knownHosts(a), a.target())
                .credentials(SshCredentials.privateKey(OpenSshServer.user(), keys.get(0).privateKey(), passphrase)).build();
        assertThatThrownBy(() -> Distributor.overSftp(wrong, DistributionProgress.NONE))
                .isInstanceOfSatisfying(DistributionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_CREDENTIALS);
                    assertThat(e.getMessage()).contains("passphrase is right").doesNotContain(passphrase)
                            .doesNotContain("PRIVATE KEY");
                });
    }

    @Test
    public void noCredentialEverAppearsInTheResult() throws Exception {
        OpenSshServer a = server();
        String passphrase = "s3cr3t-passphrase";
        KeyPairText k = OpenSshServer.generateKey(KEYS.getRoot().toPath(), "ed25519", passphrase);
        a.authorize(k.publicKey());
        DistributionSpec spec = spec(artifacts(10), knownHosts(a), a.target(), "127.0.0.1:" + FreePort.find()).retries(0)
                .credentials(SshCredentials.privateKey(OpenSshServer.user(), k.privateKey(), passphrase)).build();

        DistributionResult result = Distributor.overSftp(spec, DistributionProgress.NONE);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(result);
        }
        String everything = bytes.toString(StandardCharsets.ISO_8859_1) + result + result.summary();
        String keyBody = k.privateKey().split("\n")[1];
        assertThat(everything).doesNotContain(passphrase).doesNotContain(keyBody);
        assertThat(spec.toString()).doesNotContain(passphrase).doesNotContain(keyBody);
    }

    @Test
    public void anAbortMidUploadStopsAndLeavesNoTemporaryFile() throws Exception {
        OpenSshServer a = server();
        // A sparse 1 GiB file: quick to make, long enough to upload that the abort lands in the middle.
        Path big = workspace.getRoot().toPath().resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(1L << 30);
        }
        ArtifactSet artifacts = ArtifactSet.of(List.of(new Artifact("big.bin", big.toString(), 1L << 30, "0".repeat(64))));
        DistributionSpec spec = spec(artifacts, knownHosts(a), a.target()).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                Distributor.overSftp(spec, DistributionProgress.NONE);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "build");
        build.start();
        Path dir = a.home().resolve(DIRECTORY);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (temporaryFiles(dir).stream().noneMatch(p -> p.toFile().length() > (8 << 20))) {
            assertThat(System.nanoTime()).as("the upload started").isLessThan(deadline);
            assertThat(build.isAlive()).as("still running: " + thrown.get()).isTrue();
            Thread.sleep(5); // polling the target directory for the upload in flight
        }

        build.interrupt();
        build.join(Duration.ofSeconds(30).toMillis());

        assertThat(build.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(temporaryFiles(dir)).as("the temporary file was removed").isEmpty();
        assertThat(dir.resolve("big.bin")).doesNotExist();
    }
}
