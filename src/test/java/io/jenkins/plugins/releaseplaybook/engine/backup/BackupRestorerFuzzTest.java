package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Mutated archives and manifests through the restorer and the test restore: byte flips, truncations and inserted
 * bytes in the compressed stream and in the tar inside it (with and without the manifest's archive checksum
 * rewritten to match, so that the readers behind the checksum get the damage too), and mutated manifests. Only
 * {@link BackupException} may escape, and the target never changes. Rerun a failure with {@code -Dfuzz.seed=<seed>}.
 */
public class BackupRestorerFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 10_000);
    private static final String JSON_BYTES = "0123456789abcdef/.\\\"{}[],:-_ \nxyzAZ\u0000";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private enum Mutation { ARCHIVE_FLIP, ARCHIVE_CUT, ARCHIVE_INSERT, TAR_FLIP, TAR_CUT, TAR_INSERT, MANIFEST }

    @Test
    public void onlyBackupExceptionsEscapeAndTheTargetNeverChanges() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        Path source = temp.newFolder("source", "app").toPath();
        Files.writeString(source.resolve("a.txt"), "alpha ".repeat(40));
        Files.createDirectories(source.resolve("conf/empty"));
        Files.writeString(source.resolve("conf/app.yml"), "port: 8080\nname: shop\n");
        Files.createSymbolicLink(source.resolve("current"), Path.of("conf"));
        Files.write(source.resolve("r.bin"), randomBytes(random, 700));
        Path backups = temp.newFolder("backups").toPath();
        Path target = temp.newFolder("target").toPath();
        Path scratch = temp.newFolder("scratch").toPath();
        String root = BackupLayout.archivePath(source);

        Map<Compression, Path> good = new EnumMap<>(Compression.class);
        for (Compression compression : Compression.values()) {
            good.put(compression, TestBackups.ofTrees(backups, "good-" + compression.id(), compression, source));
        }
        BackupRestorer.restore(new RestoreSpec(good.get(Compression.ZSTD).toString(), target.toString(), List.of(),
                false), BackupProgress.NONE);
        List<String> targetBefore = TreeHash.of(target);
        List<ManifestEntry> entries = BackupManifestJson.read(good.get(Compression.NONE)).entries();
        Map<String, byte[]> contents = new HashMap<>();
        for (ManifestEntry entry : entries) {
            if (entry.sha256() != null) {
                contents.put(entry.path(), Files.readAllBytes(EntryPaths.resolve(source,
                        EntryPaths.relative(entry.path(), root))));
            }
        }
        List<String> sourceBefore = TreeHash.of(source);

        Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class); // refused, restored
        Map<Compression, Template> templates = new EnumMap<>(Compression.class);
        for (Compression compression : Compression.values()) {
            templates.put(compression, new Template(copyOf(backups, compression, source, entries, contents)));
        }
        long started = System.nanoTime();
        long cpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (int i = 0; i < ITERATIONS; i++) {
            Compression compression = Compression.values()[i % 3];
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            boolean rehash = random.nextBoolean();
            long mutationSeed = random.nextLong();
            Template template = templates.get(compression);
            Random r = new Random(mutationSeed);
            byte[] archive = switch (mutation) {
                case ARCHIVE_FLIP -> flip(r, template.archive);
                case ARCHIVE_CUT -> cut(r, template.archive);
                case ARCHIVE_INSERT -> insert(r, template.archive);
                case TAR_FLIP -> template.backup.compress(flip(r, template.tar));
                case TAR_CUT -> template.backup.compress(cut(r, template.tar));
                case TAR_INSERT -> template.backup.compress(insert(r, template.tar));
                case MANIFEST -> template.archive;
            };
            boolean tarMutation = mutation.name().startsWith("TAR");
            Files.write(template.archiveFile, archive);
            byte[] json = BackupManifestJson.toBytes(TestBackups.withArchive(template.manifest,
                    rehash || tarMutation ? archive : template.archive));
            Path manifest = template.manifestFile;
            Files.write(manifest, mutation == Mutation.MANIFEST ? mutateJson(r, json) : json);
            String what = "iteration " + i + " (" + mutation + ", " + compression + ", rehash " + rehash + ") of seed "
                    + seed;
            int[] counts = outcomes.computeIfAbsent(mutation, m -> new int[2]);
            // a mutated manifest may well describe another valid backup: only dry runs for those
            boolean dryRun = mutation == Mutation.MANIFEST;
            counts[attempt(what, () -> BackupRestorer.restore(new RestoreSpec(manifest.toString(), target.toString(),
                    List.of(), dryRun), BackupProgress.NONE))]++;
            if (i % 10 == 0) {
                attempt(what + ", test restore", () -> BackupRestorer.testRestore(manifest, scratch,
                        BackupProgress.NONE));
                try (Stream<Path> left = Files.list(scratch)) {
                    assertThat(left).as("scratch left after " + what).isEmpty();
                }
            }
            assertThat(TreeHash.of(target)).as("target after " + what).isEqualTo(targetBefore);
        }
        assertThat(TreeHash.of(source)).isEqualTo(sourceBefore);
        StringBuilder summary = new StringBuilder("fuzz seed " + seed + ", " + ITERATIONS + " iterations in "
                + (System.nanoTime() - started) / 1_000_000 + " ms ("
                + (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted) / 1_000_000
                + " ms of CPU); refused/restored:");
        outcomes.forEach((mutation, counts) -> summary.append(' ').append(mutation).append('=').append(counts[0])
                .append('/').append(counts[1]));
        System.out.println(summary);
        int refused = outcomes.values().stream().mapToInt(counts -> counts[0]).sum();
        assertThat(refused).as("most mutations are refused").isGreaterThan(ITERATIONS / 2);
    }

    /** The good backup each mutation starts from. */
    private static final class Template {
        final TestBackups backup;
        final byte[] tar;
        final byte[] archive;
        final Path manifestFile;
        final BackupManifest manifest;
        final Path archiveFile;

        Template(TestBackups backup) throws Exception {
            this.backup = backup;
            this.tar = backup.tar();
            this.archive = backup.compress(tar);
            this.manifestFile = backup.write();
            this.manifest = BackupManifestJson.read(manifestFile);
            this.archiveFile = manifestFile.resolveSibling(manifest.archiveFile());
            assertThat(Files.readAllBytes(archiveFile)).isEqualTo(archive);
        }
    }

    /** A fresh builder of the same backup of {@code source}, so that each iteration mutates its own copy. */
    private static TestBackups copyOf(Path backups, Compression compression, Path source, List<ManifestEntry> entries,
            Map<String, byte[]> contents) {
        TestBackups backup = TestBackups.of(backups, "fuzz", compression).source(source.toString());
        for (ManifestEntry entry : entries) {
            backup.add(entry, contents.get(entry.path()));
        }
        return backup;
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws Exception;
    }

    /** @return 0 when refused with a BackupException, 1 when it went through */
    private static int attempt(String what, Attempt attempt) {
        try {
            attempt.run();
            return 1;
        } catch (BackupException e) {
            assertThat(e.getMessage()).as(what).isNotBlank();
            return 0;
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            throw new AssertionError(what + ": " + t + " escaped\n" + trace, t);
        }
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] flip(Random r, byte[] bytes) {
        byte[] out = bytes.clone();
        int flips = 1 + r.nextInt(8);
        for (int k = 0; k < flips && out.length > 0; k++) {
            out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
    }

    private static byte[] cut(Random r, byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length == 0 ? 0 : r.nextInt(bytes.length));
    }

    private static byte[] insert(Random r, byte[] bytes) {
        int at = r.nextInt(bytes.length + 1);
        byte[] extra = randomBytes(r, 1 + r.nextInt(16));
        byte[] out = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
        return out;
    }

    /** Replaces a few bytes of the JSON with characters JSON is made of, so the result often still parses. */
    private static byte[] mutateJson(Random r, byte[] json) {
        byte[] out = json.clone();
        int changes = 1 + r.nextInt(3);
        for (int k = 0; k < changes; k++) {
            out[r.nextInt(out.length)] = (byte) JSON_BYTES.charAt(r.nextInt(JSON_BYTES.length()));
        }
        return r.nextInt(10) == 0 ? new String(out, StandardCharsets.ISO_8859_1).substring(0, r.nextInt(out.length))
                .getBytes(StandardCharsets.ISO_8859_1) : out;
    }
}
