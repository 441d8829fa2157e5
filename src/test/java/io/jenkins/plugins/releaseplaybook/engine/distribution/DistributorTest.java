package io.jenkins.plugins.releaseplaybook.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The fleet runner over an in-memory transport and over local directories; no real waits. */
public class DistributorTest {
    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private final FakeTransport fake = new FakeTransport();

    private Distributor distributor(Transport transport) {
        return Distributor.over(transport).clock(clock).sleeper(d -> {
            pauses.add(d);
            clock.advance(d);
        }).jitter(() -> 0.5).temporaryTokens(() -> "t0k3n").build();
    }

    private static ArtifactSet artifacts(int count) throws DistributionException {
        List<Artifact> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Artifact("app-" + i + ".jar", "/ws/app-" + i + ".jar", 1000 + i, String.format("%064x", i + 1)));
        }
        return ArtifactSet.of(list);
    }

    private static DistributionSpec.Builder spec(int artifacts, String... targets) throws DistributionException {
        DistributionSpec.Builder spec = DistributionSpec.builder().artifacts(artifacts(artifacts))
                .remoteDirectory("/opt/app").createDirectory(true).retryDelay(Duration.ofSeconds(1), Duration.ofSeconds(8));
        for (String target : targets) {
            spec.targets(target);
        }
        return spec;
    }

    @Test
    public void uploadsToATemporaryNameVerifiesThenRenamesAndSkipsIdenticalFiles() throws Exception {
        DistributionSpec spec = spec(2, "web-1").build();

        DistributionResult result = distributor(fake).distribute(spec, DistributionProgress.NONE);

        assertThat(result.ok()).isTrue();
        assertThat(fake.log).containsExactly(
                "web-1 mkdir /opt/app",
                "web-1 stat /opt/app/app-0.jar",
                "web-1 upload /opt/app/.app-0.jar.t0k3n.rp-part",
                "web-1 sha256 /opt/app/.app-0.jar.t0k3n.rp-part",
                "web-1 rename /opt/app/app-0.jar",
                "web-1 stat /opt/app/app-0.jar",
                "web-1 write /opt/app/.app-0.jar.rp-sha256",
                "web-1 stat /opt/app/app-1.jar",
                "web-1 upload /opt/app/.app-1.jar.t0k3n.rp-part",
                "web-1 sha256 /opt/app/.app-1.jar.t0k3n.rp-part",
                "web-1 rename /opt/app/app-1.jar",
                "web-1 stat /opt/app/app-1.jar",
                "web-1 write /opt/app/.app-1.jar.rp-sha256");
        assertThat(fake.texts.get("web-1").get("/opt/app/.app-0.jar.rp-sha256"))
                .isEqualTo(String.format("%064x", 1) + " 1000 1700000000\n");
        assertThat(fake.disk("web-1")).containsOnlyKeys("/opt/app/app-0.jar", "/opt/app/app-1.jar");
        assertThat(result.targets().get(0).artifacts()).extracting(ArtifactResult::bytes).containsExactly(1000L, 1001L);

        fake.log.clear();
        DistributionResult again = distributor(fake).distribute(spec, DistributionProgress.NONE);

        assertThat(again.count(Outcome.SKIPPED_IDENTICAL)).isEqualTo(2);
        assertThat(again.targets().get(0).artifacts()).extracting(ArtifactResult::verifiedBy)
                .containsOnly(RemoteHash.RECORDED);
        assertThat(fake.log).as("no upload, and no hashing thanks to the records")
                .noneMatch(l -> l.contains("upload") || l.contains("sha256 "));

        // Without records (a file put there otherwise), identical files are hashed on the target, then recorded.
        fake.texts.clear();
        fake.log.clear();
        DistributionResult hashed = distributor(fake).distribute(spec, DistributionProgress.NONE);
        assertThat(hashed.targets().get(0).artifacts()).extracting(ArtifactResult::verifiedBy)
                .containsOnly(RemoteHash.SHA256SUM);
        assertThat(fake.log).noneMatch(l -> l.contains("upload")).anyMatch(l -> l.contains("write"));

        // A record that no longer fits the file (another modification time, a damaged line) is not trusted.
        fake.texts.get("web-1").put("/opt/app/.app-0.jar.rp-sha256", String.format("%064x", 1) + " 1000 1600000000\n");
        fake.texts.get("web-1").put("/opt/app/.app-1.jar.rp-sha256", "garbage");
        fake.log.clear();
        distributor(fake).distribute(spec, DistributionProgress.NONE);
        assertThat(fake.log).filteredOn(l -> l.contains("sha256 ")).hasSize(2);
    }

    @Test
    public void transientFailuresAreRetriedWithDoublingJitteredPausesAndTheAttemptsCounted() throws Exception {
        fake.faults.put("web-1", (op, path, connection, deadline) -> {
            if (op.equals("connect") && connection <= 3) {
                throw FakeTransport.failure(Kind.CONNECT_FAILED);
            }
        });

        DistributionResult result = distributor(fake).distribute(spec(1, "web-1").retries(3).build(),
                DistributionProgress.NONE);

        assertThat(result.ok()).isTrue();
        assertThat(result.targets().get(0).attempts()).isEqualTo(4);
        // 1 s, 2 s, 4 s, each with "equal jitter" at 0.5: half plus half of the half
        assertThat(pauses).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000));
        assertThat(result.targets().get(0).millis()).as("pauses count in the target's time").isEqualTo(5250);
    }

    @Test
    public void retriesStopAtTheLimitAndPausesAtTheMaximum() throws Exception {
        fake.faults.put("web-1", (op, path, connection, deadline) -> {
            if (op.equals("connect")) {
                throw FakeTransport.failure(Kind.TIMEOUT);
            }
        });

        DistributionResult result = distributor(fake).distribute(spec(2, "web-1").retries(5).build(),
                DistributionProgress.NONE);

        TargetResult target = result.targets().get(0);
        assertThat(target.ok()).isFalse();
        assertThat(target.attempts()).isEqualTo(6);
        assertThat(target.failureKind()).isEqualTo(Kind.TIMEOUT);
        assertThat(pauses).extracting(Duration::toMillis).containsExactly(750L, 1500L, 3000L, 6000L, 6000L);
        assertThat(target.artifacts()).extracting(ArtifactResult::outcome).containsOnly(Outcome.NOT_ATTEMPTED);
        assertThat(target.artifacts().get(0).reason().english()).isEqualTo("injected TIMEOUT");
    }

    @Test
    public void authenticationAndHostKeyFailuresAreNeverRetried() throws Exception {
        for (Kind kind : List.of(Kind.AUTH_FAILED, Kind.HOST_KEY_REJECTED, Kind.INVALID_CREDENTIALS, Kind.DISK_FULL)) {
            fake.faults.put("web-1", (op, path, connection, deadline) -> {
                if (op.equals("connect")) {
                    throw FakeTransport.failure(kind);
                }
            });
            pauses.clear();

            DistributionResult result = distributor(fake).distribute(spec(1, "web-1").retries(5).build(),
                    DistributionProgress.NONE);

            assertThat(result.targets().get(0).attempts()).as(kind.name()).isEqualTo(1);
            assertThat(result.targets().get(0).failureKind()).isEqualTo(kind);
            assertThat(pauses).isEmpty();
        }
    }

    @Test
    public void aBrokenConnectionMidUploadResumesWithTheArtifactsNotDoneAndRemovesTheTemporaryFile() throws Exception {
        fake.faults.put("web-1", (op, path, connection, deadline) -> {
            if (connection == 1 && op.equals("uploaded") && path.contains("app-1")) {
                throw FakeTransport.failure(Kind.CONNECTION_LOST);
            }
            if (connection == 1 && op.equals("delete")) {
                throw FakeTransport.failure(Kind.CONNECTION_LOST); // the connection is gone: the delete fails too
            }
        });

        DistributionResult result = distributor(fake).distribute(spec(3, "web-1").build(), DistributionProgress.NONE);

        TargetResult target = result.targets().get(0);
        assertThat(target.ok()).isTrue();
        assertThat(target.attempts()).isEqualTo(2);
        assertThat(target.artifacts()).extracting(ArtifactResult::attempts).containsExactly(1, 2, 1);
        assertThat(fake.log).containsSubsequence("web-1 delete /opt/app/.app-1.jar.t0k3n.rp-part",
                "web-1 delete /opt/app/.app-1.jar.t0k3n.rp-part", "web-1 mkdir /opt/app");
        assertThat(fake.disk("web-1")).containsOnlyKeys("/opt/app/app-0.jar", "/opt/app/app-1.jar", "/opt/app/app-2.jar");
    }

    @Test
    public void aDamagedUploadFailsThatArtifactOnlyAndIsNotPutInPlace() throws Exception {
        fake.corrupt.put("web-1", true);

        DistributionResult result = distributor(fake).distribute(spec(2, "web-1", "web-2").build(), DistributionProgress.NONE);

        TargetResult damaged = result.targets().get(0);
        assertThat(damaged.ok()).isFalse();
        assertThat(damaged.failureKind()).isEqualTo(Kind.CHECKSUM_MISMATCH);
        assertThat(damaged.attempts()).isEqualTo(1);
        assertThat(damaged.artifacts()).extracting(ArtifactResult::outcome).containsExactly(Outcome.FAILED, Outcome.FAILED);
        assertThat(damaged.failure().english()).startsWith("web-1: /opt/app/app-0.jar arrived damaged: SHA-256 expected "
                + "0".repeat(63) + "1, the target computed " + "f".repeat(64) + " (sha256sum)");
        assertThat(fake.disk("web-1")).as("no damaged file in place, no temporary file").isEmpty();
        assertThat(result.targets().get(1).ok()).isTrue();
        assertThat(result.failedTargets()).containsExactly("web-1");
    }

    @Test
    public void aStuckTargetTimesOutAndTheOthersGoOn() throws Exception {
        fake.faults.put("web-1", (op, path, connection, deadline) -> {
            if (op.equals("upload")) {
                while (true) { // a target that takes forever, until the deadline stops it
                    deadline.check();
                    Thread.onSpinWait();
                }
            }
        });

        DistributionResult result = distributor(fake).distribute(spec(1, "web-1", "web-2")
                .targetTimeout(Duration.ofMillis(300)).build(), DistributionProgress.NONE);

        TargetResult stuck = result.targets().get(0);
        assertThat(stuck.failureKind()).isEqualTo(Kind.TIMEOUT);
        assertThat(stuck.failure().english()).startsWith("web-1 did not finish within its timeout of 300ms");
        assertThat(stuck.artifacts().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(fake.disk("web-1")).as("the temporary file was removed").isEmpty();
        assertThat(result.targets().get(1).ok()).isTrue();
    }

    @Test
    public void atMostParallelismTargetsRunAtOnce() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        fake.faults.put("any", (op, path, connection, deadline) -> {});
        String[] targets = new String[20];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = "web-" + i;
            fake.faults.put(targets[i], (op, path, connection, deadline) -> {
                if (op.equals("mkdir")) {
                    three.countDown();
                    // the first three wait for each other: proof that three do run at once
                    assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
                }
            });
        }

        DistributionResult result = distributor(fake).distribute(spec(1, targets).parallelism(3).build(),
                DistributionProgress.NONE);

        assertThat(result.ok()).isTrue();
        assertThat(fake.maxOpen.get()).isEqualTo(3);
    }

    @Test
    public void theSuccessPolicyCountsTargetsThatHaveEverything() throws Exception {
        String[] targets = new String[10];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = "web-" + i;
        }
        fake.faults.put("web-3", (op, path, connection, deadline) -> {
            if (op.equals("connect")) {
                throw FakeTransport.failure(Kind.AUTH_FAILED);
            }
        });

        DistributionResult ninety = distributor(fake).distribute(spec(1, targets).minSuccess("90%").build(),
                DistributionProgress.NONE);
        assertThat(ninety.ok()).isTrue();
        assertThat(ninety.requiredSuccesses()).isEqualTo(9);
        assertThat(ninety.failedTargets()).containsExactly("web-3");

        fake.faults.put("web-7", fake.faults.get("web-3"));
        DistributionResult two = distributor(fake).distribute(spec(1, targets).minSuccess("90%").build(),
                DistributionProgress.NONE);
        assertThat(two.ok()).isFalse();
        assertThat(two.summary().english()).endsWith("Too few targets succeeded (needed 9); failed: web-3, web-7");

        DistributionResult all = distributor(fake).distribute(spec(1, targets).build(), DistributionProgress.NONE);
        assertThat(all.requiredSuccesses()).isEqualTo(10);
        assertThat(all.ok()).isFalse();
    }

    @Test
    public void progressComesOncePerTargetAndTheSummaryReadsLikeTheIssue() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        fake.disk("web-2").put("/opt/app/app-0.jar", new FakeTransport.File(1000, String.format("%064x", 1)));

        DistributionResult result = distributor(fake).distribute(spec(3, "web-1", "web-2").build(),
                (r, done, total) -> lines.add(DistributionProgress.line(r, done, total).english()));

        assertThat(lines).hasSize(2).anyMatch(l -> l.matches("\\[\\d/2] web-2: ok, 2 uploaded, 1 skipped identical, .*"));
        assertThat(result.summary().english()).isEqualTo("2/2 targets, 3 artifacts, 4.9 KiB, 0.0 s, 1 skipped identical");
    }

    @Test
    public void anAbortStopsEveryTargetRemovesTemporaryFilesAndThrows() throws Exception {
        CountDownLatch uploading = new CountDownLatch(2);
        for (String target : List.of("web-1", "web-2")) {
            fake.faults.put(target, (op, path, connection, deadline) -> {
                if (op.equals("uploaded")) {
                    uploading.countDown();
                    while (true) {
                        deadline.check(); // blocked mid-upload until stopped
                        Thread.onSpinWait();
                    }
                }
            });
        }
        DistributionSpec spec = spec(1, "web-1", "web-2", "web-3").parallelism(2).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                distributor(fake).distribute(spec, DistributionProgress.NONE);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        build.start();
        assertThat(uploading.await(10, TimeUnit.SECONDS)).isTrue();

        build.interrupt();
        build.join(10_000);

        assertThat(build.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(fake.disk("web-1")).isEmpty();
        assertThat(fake.disk("web-2")).isEmpty();
        assertThat(fake.connections).doesNotContainKey("web-3");
    }

    @Test
    public void fiveHundredTargetsTimesThreeArtifactsStayBoundedAndSmall() throws Exception {
        String[] targets = new String[500];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = "deploy@web-" + i + ".example.com";
        }

        DistributionResult result = distributor(fake).distribute(spec(3, targets).build(), DistributionProgress.NONE);

        assertThat(result.ok()).isTrue();
        assertThat(result.count(Outcome.UPLOADED)).isEqualTo(1500);
        assertThat(fake.maxOpen.get()).isLessThanOrEqualTo(DistributionSpec.DEFAULT_PARALLELISM);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(result);
        }
        assertThat(bytes.size()).as("the result that crosses remoting").isLessThan(500 * 1024);
    }

    @Test
    public void localDirectoriesAreTargetsToo() throws Exception {
        Path root = temp.newFolder("hosts").toPath();
        Files.createDirectories(root.resolve("web-1"));
        Path workspace = temp.newFolder("ws").toPath();
        Files.createDirectories(workspace.resolve("build/libs"));
        Files.writeString(workspace.resolve("build/libs/app.jar"), "jar");
        Files.writeString(workspace.resolve("build/app.conf"), "conf");
        DistributionSpec spec = DistributionSpec.builder()
                .artifacts(ArtifactSet.collect(workspace, List.of("**/*.jar", "build/app.conf")))
                .targets("web-1, web-2").remoteDirectory("/srv/app").createDirectory(true).retries(0).build();

        DistributionResult result = Distributor.toLocalDirectories(root, spec, DistributionProgress.NONE);

        assertThat(result.targets().get(0).ok()).isTrue();
        assertThat(Files.readString(root.resolve("web-1/srv/app/app.jar"))).isEqualTo("jar");
        assertThat(Files.readString(root.resolve("web-1/srv/app/app.conf"))).isEqualTo("conf");
        try (Stream<Path> files = Files.list(root.resolve("web-1/srv/app"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("app.jar", "app.conf",
                    ".app.jar.rp-sha256", ".app.conf.rp-sha256");
        }
        assertThat(result.targets().get(1).failureKind()).as("no directory for web-2").isEqualTo(Kind.CONNECT_FAILED);

        DistributionResult again = Distributor.toLocalDirectories(root, spec, DistributionProgress.NONE);
        assertThat(again.targets().get(0).artifacts()).extracting(ArtifactResult::outcome)
                .containsOnly(Outcome.SKIPPED_IDENTICAL);
    }
}
