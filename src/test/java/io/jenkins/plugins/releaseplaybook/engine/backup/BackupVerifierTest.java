package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BackupVerifierTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path tree;
    private Path destination;

    @Before
    public void tree() throws Exception {
        tree = BackupTrees.mixed(temp.getRoot().toPath());
        destination = temp.newFolder("backups").toPath();
    }

    private BackupResult backup(Compression compression) throws Exception {
        return BackupWriter.write(BackupSpec.builder("app").source(tree).compression(compression)
                .destination(destination).build(), Set.of(), BackupProgress.NONE);
    }

    @Test
    public void aFlippedByteAnywhereIsCorrupt() throws Exception {
        for (Compression compression : Compression.values()) {
            BackupResult result = backup(compression);
            Path archive = Path.of(result.archive());
            long size = Files.size(archive);
            for (long offset : new long[] {0, size / 3, size / 2, size - 1}) {
                flip(archive, offset);
                assertThatThrownBy(() -> BackupVerifier.verify(Path.of(result.manifestFile()), BackupProgress.NONE))
                        .as(compression + " at " + offset)
                        .isInstanceOfSatisfying(BackupException.class, e -> {
                            assertThat(e.kind()).isEqualTo(BackupException.Kind.CORRUPT);
                            assertThat(e.getMessage()).contains(archive.toString(), "SHA-256", result.sha256());
                        });
                flip(archive, offset);
            }
            BackupVerifier.verify(Path.of(result.manifestFile()), BackupProgress.NONE);
        }
    }

    @Test
    public void aTruncatedArchiveIsCorrupt() throws Exception {
        BackupResult result = backup(Compression.ZSTD);
        Path archive = Path.of(result.archive());
        long size = Files.size(archive);
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.setLength(size / 2);
        }
        assertThatThrownBy(() -> BackupVerifier.verify(Path.of(result.manifestFile()), BackupProgress.NONE))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.CORRUPT);
                    assertThat(e.getMessage()).contains("is " + size / 2 + " bytes, the manifest says " + size);
                });
    }

    @Test
    public void aChangedManifestEntryIsReportedWithEntryExpectedAndActual() throws Exception {
        BackupResult result = backup(Compression.ZSTD);
        Path manifestFile = Path.of(result.manifestFile());
        BackupManifest manifest = BackupManifestJson.read(manifestFile);
        String root = BackupLayout.archivePath(tree);

        rewrite(manifestFile, manifest, entry -> entry.path().equals(root + "/bin/run.sh")
                ? new ManifestEntry(entry.path(), entry.type(), entry.size(), 0755, entry.mtime(), entry.sha256(), null)
                : entry);
        assertThatThrownBy(() -> BackupVerifier.verify(manifestFile, BackupProgress.NONE))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.CORRUPT);
                    assertThat(e.getMessage()).isEqualTo("Archive " + result.archive() + ", entry " + root
                            + "/bin/run.sh: its mode is 0750 in the archive, the manifest says 0755.");
                    assertThat(e.message(Locale.SIMPLIFIED_CHINESE)).contains("权限模式", "0750", "0755");
                });

        String sha = "0".repeat(64);
        rewrite(manifestFile, manifest, entry -> entry.path().endsWith("/data/blob.bin")
                ? ManifestEntry.file(entry.path(), entry.size(), entry.mode(), entry.mtime(), sha) : entry);
        assertThatThrownBy(() -> BackupVerifier.verify(manifestFile, BackupProgress.NONE))
                .hasMessageContaining("entry " + root + "/data/blob.bin: its content SHA-256 is ")
                .hasMessageEndingWith("the manifest says " + sha + ".");

        rewrite(manifestFile, manifest, entry -> entry.path().equals(root + "/current")
                ? ManifestEntry.symlink(entry.path(), "bin/other.sh", entry.mtime()) : entry);
        assertThatThrownBy(() -> BackupVerifier.verify(manifestFile, BackupProgress.NONE))
                .hasMessageContaining("its link target is bin/run.sh in the archive, the manifest says bin/other.sh");

        List<ManifestEntry> fewer = new ArrayList<>(manifest.entries());
        ManifestEntry last = fewer.remove(fewer.size() - 1);
        write(manifestFile, manifest, fewer);
        assertThatThrownBy(() -> BackupVerifier.verify(manifestFile, BackupProgress.NONE))
                .isInstanceOfSatisfying(BackupException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackupException.Kind.CORRUPT))
                .hasMessageContaining("holds entry " + last.path() + ", which the manifest does not list");

        List<ManifestEntry> more = new ArrayList<>(manifest.entries());
        more.add(ManifestEntry.directory(root + "/zzz", 0755, last.mtime()));
        write(manifestFile, manifest, more);
        assertThatThrownBy(() -> BackupVerifier.verify(manifestFile, BackupProgress.NONE))
                .hasMessageContaining("ends before entry " + root + "/zzz");

        List<ManifestEntry> hostile = new ArrayList<>(manifest.entries());
        hostile.set(3, ManifestEntry.directory("../escape", 0755, last.mtime()));
        write(manifestFile, manifest, hostile);
        assertThatThrownBy(() -> BackupVerifier.verify(manifestFile, BackupProgress.NONE))
                .isInstanceOfSatisfying(BackupException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackupException.Kind.HOSTILE));

        write(manifestFile, manifest, manifest.entries());
        BackupVerifier.verify(manifestFile, BackupProgress.NONE);
    }

    /** The archive's checksum matches (the manifest was rewritten for it) but its bytes are no zstd, tar or gzip. */
    @Test
    public void garbageWithAMatchingChecksumIsCorruptNeverAnotherException() throws Exception {
        Random random = new Random(7);
        for (Compression compression : Compression.values()) {
            BackupResult result = backup(compression);
            Path archive = Path.of(result.archive());
            Path manifestFile = Path.of(result.manifestFile());
            BackupManifest manifest = BackupManifestJson.read(manifestFile);
            byte[] original = Files.readAllBytes(archive);
            for (int round = 0; round < 40; round++) {
                byte[] damaged = original.clone();
                int from = random.nextInt(damaged.length);
                int length = 1 + random.nextInt(Math.min(4096, damaged.length - from));
                for (int i = from; i < from + length; i++) {
                    damaged[i] = (byte) random.nextInt(256);
                }
                if (round % 5 == 0) {
                    damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
                }
                Files.write(archive, damaged);
                BackupManifest matching = new BackupManifest(manifest.schemaVersion(), manifest.id(), manifest.name(),
                        manifest.createdAt(), manifest.host(), manifest.user(), manifest.compression(),
                        manifest.archiveFile(), BackupWriterTest.sha256(archive), damaged.length, manifest.sources(),
                        manifest.excludes(), manifest.dumps(), manifest.entries(), manifest.files(), manifest.bytes(),
                        manifest.engineVersion());
                Files.write(manifestFile, BackupManifestJson.toBytes(matching));
                try {
                    BackupVerifier.verify(manifestFile, BackupProgress.NONE);
                    assertThat(java.util.Arrays.equals(damaged, original)).as("only the original verifies").isTrue();
                } catch (BackupException e) {
                    assertThat(e.kind()).as(e.getMessage()).isIn(BackupException.Kind.CORRUPT,
                            BackupException.Kind.HOSTILE);
                }
            }
        }
    }

    @Test
    public void aManifestNamingAnArchiveElsewhereIsHostile() throws Exception {
        BackupResult result = backup(Compression.NONE);
        Path manifestFile = Path.of(result.manifestFile());
        BackupManifest m = BackupManifestJson.read(manifestFile);
        Files.write(manifestFile, BackupManifestJson.toBytes(new BackupManifest(m.schemaVersion(), m.id(), m.name(),
                m.createdAt(), m.host(), m.user(), m.compression(), "../../etc/passwd", m.archiveSha256(),
                m.archiveSize(), m.sources(), m.excludes(), m.dumps(), m.entries(), m.files(), m.bytes(),
                m.engineVersion())));
        assertThatThrownBy(() -> BackupVerifier.verify(manifestFile, BackupProgress.NONE))
                .isInstanceOfSatisfying(BackupException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackupException.Kind.HOSTILE));
    }

    private static void flip(Path file, long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
    }

    private static void rewrite(Path manifestFile, BackupManifest m,
            java.util.function.UnaryOperator<ManifestEntry> change) throws Exception {
        write(manifestFile, m, m.entries().stream().map(change).toList());
    }

    private static void write(Path manifestFile, BackupManifest m, List<ManifestEntry> entries) throws Exception {
        long files = entries.stream().filter(e -> e.sha256() != null).count();
        long bytes = entries.stream().mapToLong(ManifestEntry::size).sum();
        Files.write(manifestFile, BackupManifestJson.toBytes(new BackupManifest(m.schemaVersion(), m.id(), m.name(),
                m.createdAt(), m.host(), m.user(), m.compression(), m.archiveFile(), m.archiveSha256(),
                m.archiveSize(), m.sources(), m.excludes(), m.dumps(), entries, files, bytes, m.engineVersion())));
        assertThat(new String(Files.readAllBytes(manifestFile), StandardCharsets.UTF_8)).contains("\"entries\"");
    }
}
