package io.jenkins.plugins.releaseplaybook.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DistributionSpecTest {
    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private static DistributionSpec.Builder valid() throws DistributionException {
        return DistributionSpec.builder()
                .artifacts(ArtifactSet.of(List.of(new Artifact("a.jar", "/ws/a.jar", 1, "0".repeat(64)))))
                .targets("web-1").remoteDirectory("/opt/app");
    }

    private static Kind kindOf(ThrowingBuild build) {
        try {
            build.run();
        } catch (DistributionException e) {
            return e.kind();
        }
        throw new AssertionError("accepted");
    }

    @FunctionalInterface
    interface ThrowingBuild {
        void run() throws DistributionException;
    }

    @Test
    public void defaultsAreThoseOfTheIssue() throws Exception {
        DistributionSpec spec = valid().build();
        assertThat(spec.parallelism()).isEqualTo(8);
        assertThat(spec.minSuccessPercent()).isEqualTo(100);
        assertThat(spec.requiredSuccesses()).isEqualTo(1);
        assertThat(spec.hostKeyPolicy()).isEqualTo(HostKeyPolicy.KNOWN_HOSTS);
        assertThat(spec.verification()).isEqualTo(Verification.AUTO);
        assertThat(spec.createDirectory()).isFalse();
    }

    @Test
    public void refusesWhatCannotRun() {
        assertThat(kindOf(() -> valid().parallelism(0).build())).isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> valid().parallelism(65).build())).isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> valid().retries(-1).build())).isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> valid().minSuccess("0%").build())).isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> valid().minSuccess("150%").build())).isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> valid().minSuccess("most").build())).isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> valid().remoteDirectory("/opt/../etc").build())).isEqualTo(Kind.PATH_REFUSED);
        assertThat(kindOf(() -> valid().targetTimeout(Duration.ZERO).build())).isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> valid().retryDelay(Duration.ofSeconds(5), Duration.ofSeconds(1)).build()))
                .isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> valid().knownHosts("web-1 ssh-ed25519").build())).isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> valid().targets("web-1").build())).as("duplicate").isEqualTo(Kind.INVALID_SPEC);
        assertThat(kindOf(() -> DistributionSpec.builder().targets("web-1").remoteDirectory("/x").build()))
                .isEqualTo(Kind.INVALID_SPEC);
    }

    @Test
    public void minSuccessRoundsUpToWholeTargets() throws Exception {
        DistributionSpec.Builder builder = valid();
        for (int i = 2; i <= 10; i++) {
            builder.targets("web-" + i);
        }
        assertThat(builder.minSuccess("90%").build().requiredSuccesses()).isEqualTo(9);
        assertThat(builder.minSuccess("85").build().requiredSuccesses()).isEqualTo(9);
        assertThat(builder.minSuccess("1%").build().requiredSuccesses()).isEqualTo(1);
        assertThat(builder.minSuccess(" 12.5 % ").build().minSuccessPercent()).isEqualTo(12.5);
    }

    @Test
    public void messagesSayWhatToDoInBothLanguages() {
        DistributionException e = catching(() -> valid().minSuccess("most").build());
        assertThat(e.getMessage()).startsWith("Invalid minSuccess \"most\"");
        assertThat(e.message(Locale.SIMPLIFIED_CHINESE)).startsWith("无效的 minSuccess“most”");
        DistributionException dots = catching(() -> valid().remoteDirectory("/opt/../etc").build());
        assertThat(dots.message(Locale.SIMPLIFIED_CHINESE)).contains("路径不得离开目标目录");
    }

    private static DistributionException catching(ThrowingBuild build) {
        try {
            build.run();
        } catch (DistributionException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    public void theSpecCrossesRemotingWithoutShowingSecrets() throws Exception {
        DistributionSpec spec = valid().credentials(SshCredentials.privateKey("deploy", "-----BEGIN KEY-----\nsecretbody", "pass"))
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        DistributionSpec back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (DistributionSpec) in.readObject();
        }
        assertThat(back.credentials().privateKeyText()).isEqualTo("-----BEGIN KEY-----\nsecretbody");
        assertThat(back.toString()).contains("SshCredentials[deploy, private key with passphrase]")
                .doesNotContain("secretbody").doesNotContain("pass]");
        assertThat(SshCredentials.password("deploy", "hunter2").toString()).isEqualTo("SshCredentials[deploy, password]");
    }

    @Test
    public void artifactsAreCollectedByGlobAndHashedOnce() throws Exception {
        Path ws = temp.getRoot().toPath();
        Files.createDirectories(ws.resolve("build/libs"));
        Files.writeString(ws.resolve("build/libs/app.jar"), "abc");
        Files.writeString(ws.resolve("top.jar"), "");
        Files.writeString(ws.resolve("build/libs/readme.txt"), "x");

        ArtifactSet set = ArtifactSet.collect(ws, List.of("**/*.jar", "build/libs/app.jar"));

        assertThat(set.artifacts()).extracting(Artifact::name).containsExactly("app.jar", "top.jar");
        assertThat(set.artifacts().get(0).sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(set.artifacts().get(0).size()).isEqualTo(3);
        assertThat(set.totalBytes()).isEqualTo(3);
        assertThatThrownBy(() -> ArtifactSet.collect(ws, List.of("dist/*.war")))
                .hasMessageStartingWith("The artifact glob \"dist/*.war\" matches no file under " + ws);
        Files.writeString(ws.resolve("app.jar"), "other");
        assertThatThrownBy(() -> ArtifactSet.collect(ws, List.of("**/*.jar")))
                .isInstanceOfSatisfying(DistributionException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_SPEC))
                .hasMessageContaining("Two artifacts have the same name app.jar");
    }
}
