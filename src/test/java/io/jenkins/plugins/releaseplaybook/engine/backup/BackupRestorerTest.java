package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Restores on real files: round trips, targets, subsets, dumps, dry runs, and failures that must change nothing. */
public class BackupRestorerTest {
    private static final String LONG_NAME = "a-file-name-longer-than-one-hundred-bytes-"
            + "x".repeat(80) + ".txt";
    private static final String UNICODE_NAME = "配置-ü-é.conf";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path root;
    private Path app;
    private Path etc;
    private Path backups;
    private final List<Text> lines = new ArrayList<>();

    @Before
    public void makeTree() throws IOException {
        root = temp.newFolder("root").toPath();
        backups = temp.newFolder("backups").toPath();
        app = Files.createDirectories(root.resolve("opt/app"));
        Files.createDirectories(app.resolve("releases/1.2/bin"));
        Path run = Files.writeString(app.resolve("releases/1.2/bin/run.sh"), "#!/bin/sh\necho run\n");
        RestoreFiles.setMode(run, 0755);
        Files.createSymbolicLink(app.resolve("current"), Path.of("releases/1.2"));
        Files.createSymbolicLink(app.resolve("logs"), Path.of("/var/log/app"));
        Path empty = Files.createDirectory(app.resolve("empty"));
        RestoreFiles.setMode(empty, 0700);
        Path secret = Files.writeString(app.resolve("secret.key"), "s3cr3t");
        RestoreFiles.setMode(secret, 0600);
        Path setuid = Files.writeString(app.resolve("setuid-tool"), "tool");
        RestoreFiles.setMode(setuid, 04755);
        Path deep = Files.createDirectories(app.resolve("deep/" + "d".repeat(90) + "/" + "e".repeat(90)));
        Files.writeString(deep.resolve(LONG_NAME), "long name");
        Files.writeString(app.resolve(UNICODE_NAME), "unicode ✓", StandardCharsets.UTF_8);
        Files.write(app.resolve("random.bin"), randomBytes(200_000));
        Path readOnlyDir = Files.createDirectories(app.resolve("readonly"));
        Files.writeString(readOnlyDir.resolve("inside"), "in a read-only folder");
        RestoreFiles.setMode(readOnlyDir, 0555);
        Files.setLastModifiedTime(secret, FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
        etc = Files.createDirectories(root.resolve("etc/app"));
        Files.writeString(etc.resolve("app.yml"), "port: 8080\n");
        RestoreFiles.setMode(etc, 0555); // a read-only source folder: it gets its mode once in place
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(42).nextBytes(bytes);
        return bytes;
    }

    private RestoreSpec spec(Path manifest, Path target, List<String> paths, boolean dryRun) {
        return new RestoreSpec(manifest.toString(), target == null ? null : target.toString(), paths, dryRun);
    }

    private void damage() throws IOException {
        Files.writeString(app.resolve("secret.key"), "changed");
        Files.delete(app.resolve("current"));
        Files.createSymbolicLink(app.resolve("current"), Path.of("releases/1.1"));
        Files.writeString(app.resolve("new-file"), "not in the backup");
        RestoreFiles.setMode(app.resolve("readonly"), 0755);
        Files.delete(app.resolve("readonly/inside"));
        Files.delete(etc.resolve("app.yml"));
    }

    @Test
    public void roundTripInPlaceInEveryCompression() throws Exception {
        List<String> before = TreeHash.of(root);
        for (Compression compression : Compression.values()) {
            Path manifest = TestBackups.ofTrees(backups, "app-" + compression.id(), compression, app, etc);
            damage();
            assertThat(TreeHash.of(root)).isNotEqualTo(before);

            RestoreResult result = BackupRestorer.restore(spec(manifest, null, List.of(), false), lines::add);

            assertThat(TreeHash.of(root)).as(compression.id()).isEqualTo(before);
            assertThat(result.restored()).containsExactly(app.toString(), etc.toString());
            assertThat(result.replaced()).containsExactly(app.toString(), etc.toString());
            assertThat(result.dryRun()).isFalse();
            assertThat(result.files()).isEqualTo(8);
            assertThat(Files.readSymbolicLink(app.resolve("current"))).isEqualTo(Path.of("releases/1.2"));
            assertThat(Files.getLastModifiedTime(app.resolve("secret.key")).toInstant())
                    .isEqualTo(Instant.parse("2020-01-02T03:04:05Z"));
            assertThat(RestoreFiles.mode(app.resolve("setuid-tool"))).isEqualTo(04755);
            assertThat(RestoreFiles.mode(etc)).isEqualTo(0555);
            assertThat(leftovers()).as("no staging folder or replaced copy is left").isEmpty();
        }
        assertThat(lines).extracting(Text::english).anyMatch(line -> line.contains("path(s) restored"));
    }

    @Test
    public void restoresUnderATargetAndLeavesTheSourcesAlone() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.ZSTD, app, etc);
        List<String> sources = TreeHash.of(root);
        Path target = temp.getRoot().toPath().resolve("restored"); // does not exist yet

        RestoreResult result = BackupRestorer.restore(spec(manifest, target, List.of(), false), lines::add);

        Path restoredApp = target.resolve(BackupLayout.archivePath(app));
        assertThat(TreeHash.of(restoredApp)).isEqualTo(TreeHash.of(app));
        assertThat(TreeHash.of(target.resolve(BackupLayout.archivePath(etc)))).isEqualTo(TreeHash.of(etc));
        assertThat(TreeHash.of(root)).isEqualTo(sources);
        assertThat(result.restored()).containsExactly(restoredApp.toString(),
                target.resolve(BackupLayout.archivePath(etc)).toString());
        assertThat(result.replaced()).isEmpty();
    }

    @Test
    public void aDryRunListsWhatWouldChangeAndWritesNothing() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.ZSTD, app, etc);
        RestoreResult same = BackupRestorer.restore(spec(manifest, null, List.of(), true), lines::add);
        assertThat(same.changes()).containsExactly("unchanged " + app, "unchanged " + etc);

        Files.writeString(app.resolve("secret.key"), "s3cr3T"); // same size, other content
        deleteTree(etc);
        List<String> before = TreeHash.of(temp.getRoot().toPath());

        RestoreResult result = BackupRestorer.restore(spec(manifest, null, List.of(), true), lines::add);

        assertThat(TreeHash.of(temp.getRoot().toPath())).isEqualTo(before);
        assertThat(result.dryRun()).isTrue();
        assertThat(result.restored()).isEmpty();
        assertThat(result.changes()).hasSize(2);
        assertThat(result.changes().get(0)).startsWith("replace " + app + ": ")
                .contains(BackupLayout.archivePath(app) + "/secret.key has SHA-256");
        assertThat(result.changes().get(1)).isEqualTo("create " + etc);
        assertThat(result.files()).isEqualTo(8);
    }

    @Test
    public void aDryRunStillRefusesADamagedArchive() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.NONE, app);
        Path archive = manifest.resolveSibling(BackupManifestJson.read(manifest).archiveFile());
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 1;
        Files.write(archive, bytes);
        assertThatThrownBy(() -> BackupRestorer.restore(spec(manifest, null, List.of(), true), lines::add))
                .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CORRUPT));
    }

    @Test
    public void restoresOnlyThePathsAskedFor() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.ZSTD, app, etc);
        List<String> original = TreeHash.of(app.resolve("releases"));
        damage();
        deleteTree(app.resolve("releases"));
        List<String> etcDamaged = TreeHash.of(etc);

        RestoreResult result = BackupRestorer.restore(spec(manifest, null,
                List.of(app.resolve("secret.key").toString(), BackupLayout.archivePath(app) + "/releases"), false),
                lines::add);

        assertThat(Files.readString(app.resolve("secret.key"))).isEqualTo("s3cr3t");
        assertThat(TreeHash.of(app.resolve("releases"))).isEqualTo(original);
        assertThat(Files.readString(app.resolve("new-file"))).as("the rest of the source is left").isNotEmpty();
        assertThat(TreeHash.of(etc)).isEqualTo(etcDamaged);
        assertThat(result.restored()).containsExactly(app.resolve("secret.key").toString(),
                app.resolve("releases").toString());
        assertThat(result.replaced()).containsExactly(app.resolve("secret.key").toString());
    }

    @Test
    public void aPathNotInTheBackupIsNotFound() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.ZSTD, app);
        assertThatThrownBy(() -> BackupRestorer.restore(spec(manifest, null, List.of(etc.toString()), false),
                lines::add))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains(etc.toString(), app.toString());
                    assertThat(e.message(Locale.SIMPLIFIED_CHINESE)).contains("不在备份");
                });
    }

    @Test
    public void dumpsStayInTheArchiveInPlaceAndAreExtractedUnderATarget() throws Exception {
        Path manifest = TestBackups.of(backups, "db", Compression.ZSTD)
                .source(etc.toString()).dir(BackupLayout.archivePath(etc))
                .file(BackupLayout.archivePath(etc) + "/app.yml", "port: 8080\n")
                .dump("shop.pgdump", "PGDMP...").write();
        List<String> before = TreeHash.of(root);

        RestoreResult inPlace = BackupRestorer.restore(spec(manifest, null, List.of(), false), lines::add);

        assertThat(TreeHash.of(root).size()).isEqualTo(before.size());
        assertThat(inPlace.changes()).contains("kept .release-playbook/dumps/shop.pgdump: a dump is not restored "
                + "in place; give a target to extract it");
        assertThat(lines).extracting(Text::english)
                .anyMatch(line -> line.contains("dump .release-playbook/dumps/shop"));

        Path target = temp.newFolder("out").toPath();
        RestoreResult under = BackupRestorer.restore(spec(manifest, target, List.of(), false), lines::add);
        Path dump = target.resolve(".release-playbook/dumps/shop.pgdump");
        assertThat(Files.readString(dump)).isEqualTo("PGDMP...");
        assertThat(RestoreFiles.mode(dump)).isEqualTo(0600);
        assertThat(under.restored()).contains(dump.toString());
    }

    @Test
    public void aFailedSwapMidwayPutsEveryPathBack() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.ZSTD, app, etc);
        damage();
        List<String> before = TreeHash.of(root);

        assertThatThrownBy(() -> BackupRestorer.restore(spec(manifest, null, List.of(), false), lines::add,
                (index, destination) -> {
                    if (index == 1) {
                        throw new IOException("injected failure before " + destination);
                    }
                }))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.IO);
                    assertThat(e.getMessage()).contains(etc.toString(), "injected failure", "put back as it was");
                });

        assertThat(TreeHash.of(root)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    public void aFileWhereAFolderMustBeFailsTheSecondPathAndChangesNothing() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.ZSTD, app, etc);
        Path target = temp.newFolder("target").toPath();
        Path first = target.resolve(BackupLayout.archivePath(app));
        Files.createDirectories(first);
        Files.writeString(first.resolve("old"), "old content");
        Path blocker = target.resolve(BackupLayout.archivePath(etc)).getParent();
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "a file where the folder etc must be");
        List<String> before = TreeHash.of(target);

        assertThatThrownBy(() -> BackupRestorer.restore(spec(manifest, target, List.of(), false), lines::add))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.IO);
                    assertThat(e.getMessage()).contains(blocker.toString(), "is not a directory");
                });
        assertThat(TreeHash.of(target)).isEqualTo(before);
    }

    @Test
    public void anInterruptDuringTheSwapsRollsBack() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.GZIP, app, etc);
        damage();
        List<String> before = TreeHash.of(root);

        assertThatThrownBy(() -> BackupRestorer.restore(spec(manifest, null, List.of(), false), lines::add,
                (index, destination) -> {
                    if (index == 1) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .isInstanceOf(InterruptedException.class);

        Thread.interrupted();
        assertThat(TreeHash.of(root)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    public void anInterruptWhileStagingLeavesNothing() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.ZSTD, app, etc);
        damage();
        List<String> before = TreeHash.of(root);
        try {
            assertThatThrownBy(() -> BackupRestorer.restore(spec(manifest, null, List.of(), false),
                    line -> Thread.currentThread().interrupt()))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(TreeHash.of(root)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    public void anInterruptMidwayThroughTheArchiveLeavesNothing() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.ZSTD, app, etc);
        damage();
        List<String> before = TreeHash.of(root);
        List<String> staged = new ArrayList<>();
        Staging.Hook interruptAfterFive = new Staging.Hook() {
            @Override
            public void beforeSwap(int index, Path destination) {}

            @Override
            public void staged(ManifestEntry entry) {
                staged.add(entry.path());
                if (staged.size() == 5) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            assertThatThrownBy(() -> BackupRestorer.restore(spec(manifest, null, List.of(), false), lines::add,
                    interruptAfterFive))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(staged).hasSize(5);
        assertThat(TreeHash.of(root)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    public void testRestorePassesOnAGoodBackupAndLeavesNoScratch() throws Exception {
        for (Compression compression : Compression.values()) {
            Path manifest = TestBackups.ofTrees(backups, "t-" + compression.id(), compression, app, etc);
            Path scratch = temp.newFolder("scratch-" + compression.id()).toPath();
            BackupRestorer.testRestore(manifest, scratch, lines::add);
            try (Stream<Path> left = Files.list(scratch)) {
                assertThat(left).isEmpty();
            }
        }
        assertThat(lines).extracting(Text::english).anyMatch(line -> line.contains("entries match the manifest"));
    }

    @Test
    public void testRestoreRefusesATamperedBackupAndCleansUp() throws Exception {
        Path manifest = TestBackups.of(backups, "t", Compression.ZSTD).source(etc.toString())
                .dir(BackupLayout.archivePath(etc)).file(BackupLayout.archivePath(etc) + "/app.yml", "port: 8080\n")
                .mutateTar(tar -> {
                    String text = new String(tar, StandardCharsets.ISO_8859_1).replace("port: 8080", "port: 6666");
                    return text.getBytes(StandardCharsets.ISO_8859_1);
                }).mutateArchive(bytes -> bytes, false).write();
        Path scratch = temp.newFolder("scratch").toPath();
        assertThatThrownBy(() -> BackupRestorer.testRestore(manifest, scratch, lines::add))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CORRUPT);
                    assertThat(e.getMessage()).contains("app.yml", "SHA-256");
                });
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    public void theComparisonNamesTheFirstDifference() throws Exception {
        Path manifest = TestBackups.ofTrees(backups, "app", Compression.NONE, app);
        BackupManifest read = BackupManifestJson.read(manifest);
        RestorePlan plan = RestorePlan.of(read, manifest, null, List.of());
        RestorePlan.Unit unit = plan.units.get(0);
        assertThat(TreeComparison.firstDifference(app, unit)).isNull();

        RestoreFiles.setMode(app.resolve("secret.key"), 0644);
        assertThat(TreeComparison.firstDifference(app, unit).english())
                .isEqualTo(BackupLayout.archivePath(app) + "/secret.key has mode 0644, expected 0600");
        RestoreFiles.setMode(app.resolve("secret.key"), 0600);
        Files.writeString(app.resolve("extra"), "x");
        assertThat(TreeComparison.firstDifference(app, unit).english())
                .isEqualTo(BackupLayout.archivePath(app) + "/extra is not in the manifest");
        Files.delete(app.resolve("extra"));
        Files.delete(app.resolve("logs"));
        Files.createSymbolicLink(app.resolve("logs"), Path.of("/var/log/other"));
        assertThat(TreeComparison.firstDifference(app, unit).english())
                .isEqualTo(BackupLayout.archivePath(app)
                        + "/logs points to \"/var/log/other\", expected \"/var/log/app\"");
    }

    /** Staging folders and replaced copies anywhere under the temporary folder. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> all = Files.walk(temp.getRoot().toPath())) {
            return all.filter(path -> path.getFileName().toString().startsWith(".rp-")).toList();
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            RestoreFiles.deleteTree(path);
        }
    }
}
