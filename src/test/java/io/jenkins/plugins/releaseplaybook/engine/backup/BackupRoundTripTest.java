package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The writer and the restorer together, with nothing faked: what {@code releaseBackup(testRestore: true)} and then
 * {@code releaseRestore} do on a node.
 */
public class BackupRoundTripTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aTestRestoredBackupRestoresTheTreeAsItWasInEveryCompression() throws Exception {
        Path tree = wholeSecondTimes(BackupTrees.mixed(temp.getRoot().toPath()));
        List<String> before = TreeHash.of(tree);
        for (Compression compression : Compression.values()) {
            Path destination = temp.newFolder("backups-" + compression.id()).toPath();
            BackupResult result = BackupWriter.write(BackupSpec.builder("app").source(tree)
                    .dump("settings.txt", "printf 'k=v\\n'").compression(compression).testRestore(true)
                    .destination(destination).build(), Set.of(), BackupProgress.NONE);
            assertThat(result.verified()).isTrue();
            assertThat(result.restoreTested()).as("the real test restore ran").isTrue();
            assertThat(BackupLayout.latest(destination, "app")).isEqualTo(Path.of(result.manifestFile()));
            assertThat(BackupTrees.filesIn(BackupLayout.folder(destination, "app")))
                    .as("no scratch folder or temporary file left").hasSize(2);

            Path target = temp.newFolder("restore-" + compression.id()).toPath();
            RestoreResult restored = BackupRestorer.restore(
                    new RestoreSpec(result.manifestFile(), target.toString(), List.of(), false), BackupProgress.NONE);
            assertThat(restored.backupId()).isEqualTo(result.id());
            Path copy = target.resolve(BackupLayout.archivePath(tree));
            assertThat(TreeHash.of(copy)).isEqualTo(before);
            assertThat(Files.readString(target.resolve(BackupLayout.DUMPS_PREFIX).resolve("settings.txt")))
                    .isEqualTo("k=v\n");
        }
    }

    /** Archives keep whole seconds of mtime, as tar's ustar headers do; the tree starts so to compare exactly. */
    private static Path wholeSecondTimes(Path tree) throws IOException {
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path file : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Instant time = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
                    Files.setLastModifiedTime(file, FileTime.from(time));
                }
            }
        }
        return tree;
    }

    @Test
    public void aBackupWhoseArchiveWasTamperedAfterwardsIsRefusedByTheRestoreAndChangesNothing() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path destination = temp.newFolder("backups").toPath();
        BackupResult result = BackupWriter.write(BackupSpec.builder("app").source(tree).compression(Compression.NONE)
                .destination(destination).build(), Set.of(), BackupProgress.NONE);
        byte[] archive = Files.readAllBytes(Path.of(result.archive()));
        archive[archive.length / 2] ^= 1;
        Files.write(Path.of(result.archive()), archive);
        Path target = temp.newFolder("restore").toPath();
        Files.writeString(target.resolve("keep.txt"), "mine");
        List<String> targetBefore = TreeHash.of(target);

        assertThatThrownBy(() -> BackupVerifier.verify(Path.of(result.manifestFile()), BackupProgress.NONE))
                .isInstanceOfSatisfying(BackupException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackupException.Kind.CORRUPT));
        assertThatThrownBy(() -> BackupRestorer.restore(
                new RestoreSpec(result.manifestFile(), target.toString(), List.of(), false), BackupProgress.NONE))
                .isInstanceOfSatisfying(BackupException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackupException.Kind.CORRUPT));
        assertThat(TreeHash.of(target)).isEqualTo(targetBefore);
    }
}
