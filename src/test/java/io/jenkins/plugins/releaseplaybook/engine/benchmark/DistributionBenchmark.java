package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import io.jenkins.plugins.releaseplaybook.engine.distribution.Artifact;
import io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactSet;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Deadline;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionProgress;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionResult;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionSpec;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Distributor;
import io.jenkins.plugins.releaseplaybook.engine.distribution.SftpTransport;
import io.jenkins.plugins.releaseplaybook.engine.distribution.SshCredentials;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Target;
import io.jenkins.plugins.releaseplaybook.engine.distribution.TargetConnection;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.OpenSshServer;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.OpenSshServer.KeyPairText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Pre-distribution over loopback SSH next to OpenSSH's own tools in the same run, against the same daemons with
 * the same cipher (aes128-gcm@openssh.com): 8 targets x 256 MiB (upload alone vs 8 parallel {@code scp};
 * upload + on-target SHA-256 vs {@code scp} then {@code ssh sha256sum} on each target; an identical re-run), and
 * 1 target x 1 GiB vs one {@code scp}. Each figure is the median of {@code --repeats} runs, interleaved.
 *
 * <pre>bench/distribution-bench.sh [--repeats N] [--targets N] [--mib N] [--big-mib N] [--markdown FILE]</pre>
 */
public final class DistributionBenchmark {
    private static final String CIPHER = "aes128-gcm@openssh.com";
    private static final String DIRECTORY = "bench";

    private int repeats = 3;
    private int targets = 8;
    private int mib = 256;
    private int bigMib = 1024;
    private Path markdown;

    private final List<OpenSshServer> servers = new ArrayList<>();
    private Path work;
    private KeyPairText key;
    private String knownHosts;

    public static void main(String[] args) throws Exception {
        DistributionBenchmark bench = new DistributionBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> bench.repeats = Integer.parseInt(args[++i]);
                case "--targets" -> bench.targets = Integer.parseInt(args[++i]);
                case "--mib" -> bench.mib = Integer.parseInt(args[++i]);
                case "--big-mib" -> bench.bigMib = Integer.parseInt(args[++i]);
                case "--markdown" -> bench.markdown = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try {
            bench.run();
        } finally {
            bench.cleanUp();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        work = Files.createTempDirectory("release-playbook-distribution-bench-");
        key = OpenSshServer.generateKey(work, "ed25519", "");
        Files.writeString(work.resolve("id"), key.privateKey());
        Files.setPosixFilePermissions(work.resolve("id"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        StringBuilder known = new StringBuilder();
        for (int i = 0; i < targets; i++) {
            OpenSshServer server = new OpenSshServer().authorize(key.publicKey());
            server.start();
            servers.add(server);
            known.append(server.knownHostsLine()).append('\n');
        }
        knownHosts = known.toString();
        Files.writeString(work.resolve("known_hosts"), knownHosts);
        Path artifact = randomFile(work.resolve("release.bin"), mib);
        Path big = randomFile(work.resolve("release-big.bin"), bigMib);
        ArtifactSet set = ArtifactSet.collect(work, List.of("release.bin"));
        ArtifactSet bigSet = ArtifactSet.collect(work, List.of("release-big.bin"));

        // Warm-up (not measured): class loading and JIT of the SSH stack, as in a long-running Jenkins.
        Path small = randomFile(work.resolve("warmup.bin"), 8);
        ArtifactSet smallSet = ArtifactSet.collect(work, List.of("warmup.bin"));
        check(Distributor.overSftp(spec(smallSet, servers), DistributionProgress.NONE), false);
        uploadOnly(smallSet.artifacts().get(0), servers);
        parallel(servers, s -> scp(small, s));
        clearTargets();

        List<Double> engineUpload = new ArrayList<>();
        List<Double> scpUpload = new ArrayList<>();
        List<Double> engineVerified = new ArrayList<>();
        List<Double> scpVerified = new ArrayList<>();
        List<Double> rerun = new ArrayList<>();
        List<Double> engineBig = new ArrayList<>();
        List<Double> scpBig = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            clearTargets();
            scpUpload.add(seconds(() -> parallel(servers, s -> scp(artifact, s))));
            clearTargets();
            engineUpload.add(seconds(() -> uploadOnly(set.artifacts().get(0), servers)));
            clearTargets();
            scpVerified.add(seconds(() -> parallel(servers, s -> {
                scp(artifact, s);
                String out = ssh(s, "sha256sum " + DIRECTORY + "/" + artifact.getFileName());
                if (!out.startsWith(set.artifacts().get(0).sha256())) {
                    throw new IllegalStateException("scp: wrong checksum on " + s.target() + ": " + out);
                }
            })));
            clearTargets();
            DistributionSpec spec = spec(set, servers);
            engineVerified.add(seconds(() -> check(Distributor.overSftp(spec, DistributionProgress.NONE), false)));
            rerun.add(seconds(() -> check(Distributor.overSftp(spec, DistributionProgress.NONE), true)));
            clearTargets();
            List<OpenSshServer> one = servers.subList(0, 1);
            scpBig.add(seconds(() -> scp(big, one.get(0))));
            clearTargets();
            engineBig.add(seconds(() -> uploadOnly(bigSet.artifacts().get(0), one)));
            clearTargets();
        }
        report(engineUpload, scpUpload, engineVerified, scpVerified, rerun, engineBig, scpBig);
    }

    private DistributionSpec spec(ArtifactSet set, List<OpenSshServer> to) throws Exception {
        DistributionSpec.Builder spec = DistributionSpec.builder().artifacts(set).remoteDirectory(DIRECTORY)
                .createDirectory(true).knownHosts(knownHosts).parallelism(8).retries(0)
                .credentials(SshCredentials.privateKey(OpenSshServer.user(), key.privateKey(), null));
        for (OpenSshServer s : to) {
            spec.targets(s.target());
        }
        return spec.build();
    }

    /** The upload phase alone, through the engine's SFTP transport: what scp does (no verification, no rename). */
    private void uploadOnly(Artifact artifact, List<OpenSshServer> to) throws Exception {
        try (SftpTransport sftp = SftpTransport.open(spec(ArtifactSet.of(List.of(artifact)), to))) {
            parallel(to, s -> {
                try (TargetConnection c = sftp.connect(Target.parse(s.target()), Deadline.after(Duration.ofHours(1)))) {
                    c.prepareDirectory(DIRECTORY, true);
                    c.upload(artifact, DIRECTORY + "/" + artifact.name());
                }
            });
        }
    }

    private static void check(DistributionResult result, boolean skipped) {
        if (!result.ok() || (skipped && result.bytesSent() != 0) || (!skipped && result.bytesSent() == 0)) {
            throw new IllegalStateException("unexpected result: " + result.summary());
        }
    }

    private void scp(Path file, OpenSshServer server) throws IOException {
        Files.createDirectories(server.home().resolve(DIRECTORY));
        OpenSshServer.run(List.of("scp", "-q", "-c", CIPHER, "-i", work.resolve("id").toString(), "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + work.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes",
                "-P", String.valueOf(server.port()), file.toString(),
                OpenSshServer.user() + "@127.0.0.1:" + DIRECTORY + "/" + file.getFileName()));
    }

    private String ssh(OpenSshServer server, String command) throws IOException {
        return OpenSshServer.run(List.of("ssh", "-c", CIPHER, "-i", work.resolve("id").toString(), "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + work.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes",
                "-p", String.valueOf(server.port()), OpenSshServer.user() + "@127.0.0.1", command));
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface PerServer {
        void run(OpenSshServer server) throws Exception;
    }

    private static void parallel(List<OpenSshServer> to, PerServer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(to.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (OpenSshServer s : to) {
                futures.add(pool.submit(() -> {
                    work.run(s);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static double seconds(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private void clearTargets() throws IOException {
        for (OpenSshServer s : servers) {
            deleteRecursively(s.home().resolve(DIRECTORY));
        }
    }

    private static Path randomFile(Path file, int mebibytes) throws IOException {
        Random random = new Random(mebibytes);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mebibytes; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return file;
    }

    private void report(List<Double> engineUpload, List<Double> scpUpload, List<Double> engineVerified,
            List<Double> scpVerified, List<Double> rerun, List<Double> engineBig, List<Double> scpBig) throws IOException {
        double eu = median(engineUpload);
        double su = median(scpUpload);
        double ev = median(engineVerified);
        double sv = median(scpVerified);
        double rr = median(rerun);
        double eb = median(engineBig);
        double sb = median(scpBig);
        StringBuilder md = new StringBuilder();
        md.append("| what | engine | OpenSSH | ratio | target |\n|---|--:|--:|--:|---|\n");
        row(md, targets + " targets x " + mib + " MiB, upload only (engine: SFTP transport; `scp`)", eu, su, eu / su, "<= 1.1");
        row(md, targets + " targets x " + mib + " MiB, upload + SHA-256 on the target (engine: distribution; `scp` then `ssh sha256sum`)",
                ev, sv, ev / sv, "<= 1.1");
        row(md, "identical re-run (engine, everything skipped) vs the first engine run", rr, ev, rr / ev, "<= 0.05");
        row(md, "1 target x " + bigMib + " MiB, upload only (single stream)", eb, sb, eb / sb, "<= 1.1");
        md.append('\n').append("Medians of ").append(repeats).append(" interleaved runs; seconds. All runs: ")
                .append("engine upload ").append(list(engineUpload)).append("; scp ").append(list(scpUpload))
                .append("; engine verified ").append(list(engineVerified)).append("; scp+sha256sum ").append(list(scpVerified))
                .append("; re-run ").append(list(rerun)).append("; engine 1 GiB ").append(list(engineBig))
                .append("; scp 1 GiB ").append(list(scpBig)).append(".\n");
        md.append("Cipher ").append(CIPHER).append(" on both sides; ").append(OpenSshServer.run(List.of("ssh", "-V")).strip())
                .append("; Java ").append(System.getProperty("java.runtime.version")).append("; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs; load average before the report ")
                .append(MachineInfo.loadAverage()).append(".\n");
        System.out.print(md);
        if (markdown != null) {
            Files.createDirectories(markdown.toAbsolutePath().getParent());
            Files.writeString(markdown, md.toString(), StandardCharsets.UTF_8);
        }
    }

    private static void row(StringBuilder md, String what, double engine, double openssh, double ratio, String target) {
        md.append("| ").append(what).append(" | ").append(format(engine)).append(" s | ").append(format(openssh))
                .append(" s | ").append(String.format(Locale.ROOT, "%.2f", ratio)).append(" | ").append(target).append(" |\n");
    }

    private static String list(List<Double> values) {
        return values.stream().map(DistributionBenchmark::format).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String format(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private void cleanUp() {
        servers.forEach(OpenSshServer::stop);
        if (work != null) {
            try {
                deleteRecursively(work);
            } catch (IOException e) {
                System.err.println("could not remove " + work + ": " + e);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
