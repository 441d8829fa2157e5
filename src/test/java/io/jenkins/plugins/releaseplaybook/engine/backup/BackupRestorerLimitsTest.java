package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Real limits of a real file system: a small tmpfs that fills up, and one mounted read-only. Needs root (to mount);
 * skipped elsewhere.
 */
public class BackupRestorerLimitsTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<Path> mounts = new ArrayList<>();

    private Path tmpfs(String size) throws Exception {
        Path dir = temp.newFolder().toPath();
        assumeTrue("mounting a tmpfs needs root", run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs",
                dir.toString()));
        mounts.add(dir);
        return dir;
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false; // no mount command
        }
    }

    @After
    public void unmount() throws Exception {
        for (Path mount : mounts) {
            if (!run("umount", mount.toString())) {
                run("umount", "-l", mount.toString());
            }
        }
    }

    private static byte[] bytes(int size, byte value) {
        byte[] out = new byte[size];
        Arrays.fill(out, value);
        return out;
    }

    @Test
    public void aFullDiskWhileStagingChangesNothing() throws Exception {
        Path mount = tmpfs("1m");
        Path app = Files.createDirectories(mount.resolve("app"));
        Files.write(app.resolve("big.bin"), bytes(400_000, (byte) 'a'));
        Files.writeString(app.resolve("small.txt"), "small");
        byte[] bigger = bytes(700_000, (byte) 'b');
        String root = BackupLayout.archivePath(app);
        Path manifest = TestBackups.of(temp.newFolder("backups").toPath(), "app", Compression.ZSTD)
                .source(app.toString()).dir(root)
                .add(ManifestEntry.file(root + "/big.bin", bigger.length, 0644, Instant.EPOCH,
                        TestBackups.sha256(bigger)), bigger)
                .file(root + "/small.txt", "other").write();
        List<String> before = TreeHash.of(mount);

        assertThatThrownBy(() -> BackupRestorer.restore(new RestoreSpec(manifest.toString(), null, List.of(), false),
                BackupProgress.NONE))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.DISK_FULL);
                    assertThat(e.getMessage()).contains("big.bin", "No space left", "Nothing was changed");
                });

        assertThat(TreeHash.of(mount)).isEqualTo(before);
    }

    @Test
    public void aReadOnlyFileSystemIsPermissionDeniedAndChangesNothing() throws Exception {
        Path mount = tmpfs("1m");
        Path app = Files.createDirectories(mount.resolve("app"));
        Files.writeString(app.resolve("a.txt"), "current");
        String root = BackupLayout.archivePath(app);
        Path manifest = TestBackups.of(temp.newFolder("backups").toPath(), "app", Compression.GZIP)
                .source(app.toString()).dir(root).file(root + "/a.txt", "backed up").write();
        assumeTrue(run("mount", "-o", "remount,ro", mount.toString()));
        List<String> before = TreeHash.of(mount);

        assertThatThrownBy(() -> BackupRestorer.restore(new RestoreSpec(manifest.toString(), null, List.of(), false),
                BackupProgress.NONE))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains(mount.toString());
                });

        assertThat(TreeHash.of(mount)).isEqualTo(before);
    }
}
