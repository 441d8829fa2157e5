package io.jenkins.plugins.releaseplaybook.engine.backup;

import static io.jenkins.plugins.releaseplaybook.engine.backup.BackupTrees.assertNothingLeft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.testsupport.RequiredBinary;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The writer against real limits: a full file system, a read-only one, and a 5 GiB (sparse) file. */
public class BackupFileSystemsIT {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aFullFileSystemFailsAsDiskFullAndLeavesNothing() throws Exception {
        Path source = temp.newFolder("src").toPath();
        Random random = new Random(1);
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < 12; i++) {
            random.nextBytes(block); // random: 12 MB that no compression shrinks
            Files.write(source.resolve("random-" + i + ".bin"), block);
        }
        for (Compression compression : Compression.values()) {
            try (SmallFileSystem small = SmallFileSystem.mount(temp.getRoot().toPath().resolve("small"), "size=8m")) {
                Path destination = small.path();
                assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("app").source(source)
                        .compression(compression).destination(destination).build(), Set.of(), BackupProgress.NONE))
                        .as(compression.id())
                        .isInstanceOfSatisfying(BackupException.class, e -> {
                            assertThat(e.kind()).isEqualTo(BackupException.Kind.DISK_FULL);
                            assertThat(e.getMessage()).contains(destination.toString(), "No space left",
                                    "Nothing was listed");
                        });
                assertNothingLeft(destination, "app");
            }
        }
    }

    @Test
    public void aDumpThatFillsTheFileSystemFailsAsDiskFull() throws Exception {
        try (SmallFileSystem small = SmallFileSystem.mount(temp.getRoot().toPath().resolve("small"), "size=4m")) {
            Path destination = small.path();
            assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("db")
                    .dump("big.bin", "head -c 9000000 /dev/urandom").destination(destination).build(), Set.of(),
                    BackupProgress.NONE))
                    .isInstanceOfSatisfying(BackupException.class,
                            e -> assertThat(e.kind()).isEqualTo(BackupException.Kind.DISK_FULL));
            assertNothingLeft(destination, "db");
        }
    }

    /** Root writes anywhere, except where the file system itself refuses: a read-only mount. */
    @Test
    public void aDestinationThatRefusesWritesFailsAsPermissionDenied() throws Exception {
        Path source = temp.newFolder("src").toPath();
        Files.writeString(source.resolve("a.txt"), "a");
        try (SmallFileSystem readOnly = SmallFileSystem.mount(temp.getRoot().toPath().resolve("ro"), "size=1m,ro")) {
            Path destination = readOnly.path();
            assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("app").source(source)
                    .destination(destination).build(), Set.of(), BackupProgress.NONE))
                    .isInstanceOfSatisfying(BackupException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BackupException.Kind.PERMISSION_DENIED);
                        assertThat(e.getMessage()).contains(destination.toString(), "write access");
                    });
            assertThat(BackupTrees.filesIn(destination)).isEmpty();
        }
    }

    /** 5 GiB of holes: read as zeros, streamed through the pipeline with the heap this JVM has. */
    @Test
    public void aFiveGibibyteSparseFileRoundTrips() throws Exception {
        RequiredBinary.require("zstd", Path.of("/usr/bin/zstd"), "zstd");
        Path source = temp.newFolder("src").toPath();
        Path sparse = source.resolve("disk.img");
        long size = 5L << 30;
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(size);
            file.seek(size / 2);
            file.write("middle".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        try (OutputStream out = Files.newOutputStream(source.resolve("small.txt"))) {
            out.write("small".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Path destination = temp.newFolder("backups").toPath();

        BackupResult result = BackupWriter.write(BackupSpec.builder("disk").source(source).destination(destination)
                .build(), Set.of(), BackupProgress.NONE);

        assertThat(result.bytes()).isEqualTo(size + 5);
        assertThat(result.archiveSize()).as("zeros compress").isLessThan(1 << 20);
        BackupManifest manifest = BackupVerifier.verify(Path.of(result.manifestFile()), BackupProgress.NONE);
        assertThat(manifest.entries()).anyMatch(e -> e.path().endsWith("/disk.img") && e.size() == size);
        String listing = BackupTrees.run(destination, "sh", "-c", "zstd -dc '" + result.archive() + "' | tar -tvf -");
        assertThat(listing).contains(String.valueOf(size), "disk.img");
    }
}
