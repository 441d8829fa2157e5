package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Hostile and damaged archives: each is refused with the right kind, and the target (here the sources themselves,
 * restored in place, and everything around them) is byte for byte as it was.
 */
public class BackupRestorerHostileTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path root;
    private Path app;
    private String appPath;
    private Path backups;
    private Path outside;

    @Before
    public void makeTree() throws IOException {
        root = temp.newFolder("root").toPath();
        backups = temp.newFolder("backups").toPath();
        app = Files.createDirectories(root.resolve("opt/app"));
        Files.writeString(app.resolve("a.txt"), "current a");
        Files.createDirectories(app.resolve("conf"));
        Files.writeString(app.resolve("conf/app.yml"), "current conf");
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0");
        appPath = BackupLayout.archivePath(app);
    }

    /** A legit backup of {@link #app} with different content, to be made hostile. */
    private TestBackups backup(Compression compression) {
        return TestBackups.of(backups, "app", compression).source(app.toString())
                .dir(appPath).file(appPath + "/a.txt", "backed-up a").dir(appPath + "/conf")
                .file(appPath + "/conf/app.yml", "backed-up conf");
    }

    private BackupException refused(Path manifest, Kind kind, String... mentions) throws Exception {
        return refused(manifest, null, kind, mentions);
    }

    private BackupException refused(Path manifest, Path target, Kind kind, String... mentions) throws Exception {
        List<String> before = TreeHash.of(temp.getRoot().toPath().resolve("root"));
        BackupException failure = null;
        try {
            BackupRestorer.restore(new RestoreSpec(manifest.toString(), target == null ? null : target.toString(),
                    List.of(), false), BackupProgress.NONE);
            fail("restored " + manifest);
        } catch (BackupException e) {
            failure = e;
        }
        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(kind);
        if (mentions.length > 0) {
            assertThat(failure.getMessage()).contains(mentions);
        }
        assertThat(failure.message(Locale.SIMPLIFIED_CHINESE)).containsPattern("\\p{IsHan}");
        assertThat(TreeHash.of(temp.getRoot().toPath().resolve("root"))).as("the target is unchanged")
                .isEqualTo(before);
        if (target != null) {
            return failure; // a test restore has its own target
        }
        Path scratch = temp.newFolder().toPath();
        try {
            BackupRestorer.testRestore(manifest, scratch, BackupProgress.NONE);
            fail("test-restored " + manifest);
        } catch (BackupException e) {
            assertThat(e.kind()).isEqualTo(kind);
        }
        assertThat(TreeHash.of(scratch)).containsExactly("/ dir " + TreeComparison.octal(RestoreFiles.mode(scratch)));
        return failure;
    }

    @Test
    public void theLegitBackupRestores() throws Exception {
        BackupRestorer.restore(new RestoreSpec(backup(Compression.ZSTD).write().toString(), null, List.of(), false),
                BackupProgress.NONE);
        assertThat(Files.readString(app.resolve("conf/app.yml"))).isEqualTo("backed-up conf");
    }

    @Test
    public void zipSlipInManifestAndArchive() throws Exception {
        refused(backup(Compression.ZSTD).file(appPath + "/../../outside/passwd", "pwned").write(), Kind.HOSTILE,
                "/../../outside/passwd", "not a safe relative path");
        refused(backup(Compression.ZSTD).file("../outside/passwd", "pwned").write(), Kind.HOSTILE);
    }

    @Test
    public void zipSlipInTheArchiveOnly() throws Exception {
        TestBackups backup = backup(Compression.GZIP).file(appPath + "/b.txt", "pwned");
        backup.last().tarName = "../../outside/passwd";
        refused(backup.write(), Kind.HOSTILE, "../../outside/passwd", appPath + "/b.txt");
    }

    @Test
    public void absolutePaths() throws Exception {
        refused(backup(Compression.NONE).file(outside.resolve("passwd").toString(), "pwned").write(), Kind.HOSTILE,
                "not a safe relative path");
        TestBackups archiveOnly = backup(Compression.NONE).file(appPath + "/b.txt", "pwned");
        archiveOnly.last().tarName = outside.resolve("passwd").toString();
        refused(archiveOnly.write(), Kind.HOSTILE, appPath + "/b.txt", outside.resolve("passwd").toString());
    }

    @Test
    public void aSourceOutsideAnyEntryOrAnEntryOutsideAnySource() throws Exception {
        refused(backup(Compression.NONE).file("etc/passwd", "pwned").write(), Kind.HOSTILE, "etc/passwd",
                "under none of the sources");
        refused(backup(Compression.NONE).dump("../x", "pwned").write(), Kind.HOSTILE);
        refused(backup(Compression.NONE).add(ManifestEntry.dump(appPath + "/dump", 1, TestBackups.TIME,
                TestBackups.sha256(new byte[] {'x'})), new byte[] {'x'}).write(), Kind.HOSTILE, "wrong place");
    }

    @Test
    public void writingThroughALinkOfTheArchive() throws Exception {
        refused(backup(Compression.ZSTD).symlink(appPath + "/evil", outside.toString())
                .file(appPath + "/evil/passwd", "pwned").write(), Kind.HOSTILE, appPath + "/evil/passwd",
                "never writes through a link");
        refused(backup(Compression.ZSTD).symlink(appPath + "/evil", "../../outside")
                .file(appPath + "/evil/passwd", "pwned").write(), Kind.HOSTILE);
        refused(backup(Compression.ZSTD).file(appPath + "/f", "x").file(appPath + "/f/g", "below a file").write(),
                Kind.HOSTILE);
    }

    @Test
    public void relativeLinksThatEscapeTheirSource() throws Exception {
        refused(backup(Compression.ZSTD).symlink(appPath + "/up", "../../../outside").write(), Kind.HOSTILE,
                "points outside its source");
        refused(backup(Compression.ZSTD).symlink(appPath + "/conf/up", "../..").write(), Kind.HOSTILE);
        // lexically inside, but through the archive's own link it is not
        refused(backup(Compression.ZSTD).symlink(appPath + "/conf/top", "..").symlink(appPath + "/sneaky",
                "conf/top/..").write(), Kind.HOSTILE, appPath + "/sneaky");
        // and through an absolute link it leaves too
        refused(backup(Compression.ZSTD).symlink(appPath + "/logs", "/var/log/app")
                .symlink(appPath + "/other", "logs/../../../etc").write(), Kind.HOSTILE);
        refused(backup(Compression.ZSTD).symlink(appPath + "/l1", "l2/x").symlink(appPath + "/l2", "l1/x").write(),
                Kind.HOSTILE, "loop");
    }

    @Test
    public void linksThatStayInsideAndAbsoluteLinksAreRestoredAsLinks() throws Exception {
        Path manifest = backup(Compression.ZSTD).dir(appPath + "/releases").dir(appPath + "/releases/1.2")
                .symlink(appPath + "/current", "releases/1.2").symlink(appPath + "/logs", "/var/log/app")
                .symlink(appPath + "/conf/up", "..").symlink(appPath + "/via", "current/../releases").write();
        BackupRestorer.restore(new RestoreSpec(manifest.toString(), null, List.of(), false), BackupProgress.NONE);
        assertThat(Files.readSymbolicLink(app.resolve("current"))).isEqualTo(Path.of("releases/1.2"));
        assertThat(Files.readSymbolicLink(app.resolve("logs"))).isEqualTo(Path.of("/var/log/app"));
        BackupRestorer.testRestore(manifest, temp.newFolder().toPath(), BackupProgress.NONE);
    }

    @Test
    public void aLinkFoundInTheTargetIsNeverWrittenThrough() throws Exception {
        Path manifest = backup(Compression.ZSTD).write();
        Path target = temp.getRoot().toPath().resolve("root/restore-target");
        Files.createDirectories(target.resolve("opt").getParent());
        Files.createDirectories(target);
        // <target>/<first segment> is a link to a folder outside the target
        String first = appPath.substring(0, appPath.indexOf('/'));
        Files.createSymbolicLink(target.resolve(first), outside);
        refused(manifest, target, Kind.HOSTILE, target.resolve(first).toString(), "symbolic link");
        // in place, a subset below a link found in the source is refused too
        Files.delete(app.resolve("conf/app.yml"));
        Files.delete(app.resolve("conf"));
        Files.createSymbolicLink(app.resolve("conf"), outside);
        List<String> before = TreeHash.of(root);
        try {
            BackupRestorer.restore(new RestoreSpec(manifest.toString(), null,
                    List.of(app.resolve("conf/app.yml").toString()), false), BackupProgress.NONE);
            fail("wrote through " + app.resolve("conf"));
        } catch (BackupException e) {
            assertThat(e.kind()).isEqualTo(Kind.HOSTILE);
        }
        assertThat(TreeHash.of(root)).isEqualTo(before);
        // nor below a source folder that has become a link
        Files.delete(app.resolve("conf"));
        Files.move(app, root.resolve("opt/app-moved"));
        Files.createSymbolicLink(app, root.resolve("opt/app-moved"));
        List<String> moved = TreeHash.of(root);
        try {
            BackupRestorer.restore(new RestoreSpec(manifest.toString(), null,
                    List.of(app.resolve("a.txt").toString()), false), BackupProgress.NONE);
            fail("wrote through " + app);
        } catch (BackupException e) {
            assertThat(e.kind()).isEqualTo(Kind.HOSTILE);
            assertThat(e.getMessage()).contains(app + " is a symbolic link");
        }
        assertThat(TreeHash.of(root)).isEqualTo(moved);
    }

    @Test
    public void hardLinksDevicesAndFifosInTheArchive() throws Exception {
        TestBackups hard = backup(Compression.NONE).file(appPath + "/h", "");
        hard.last().tarType = TarConstants.LF_LINK;
        hard.last().tarLink = outside.resolve("passwd").toString();
        refused(hard.write(), Kind.HOSTILE, appPath + "/h", "hard link");
        for (byte type : new byte[] {TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO, 'S'}) {
            TestBackups special = backup(Compression.NONE).file(appPath + "/dev", "");
            special.last().tarType = type;
            refused(special.write(), Kind.HOSTILE, appPath + "/dev");
        }
    }

    @Test
    public void aTamperedEntry() throws Exception {
        UnaryOperator tamper = tar -> replace(tar, "backed-up conf", "BACKED-UP CONF");
        // with the archive checksum rewritten to match, the entry's own checksum still tells
        refused(backup(Compression.ZSTD).mutateTar(tamper).mutateArchive(b -> b, false).write(), Kind.CORRUPT,
                appPath + "/conf/app.yml", "SHA-256");
        Path manifest = backup(Compression.NONE).write();
        Path archive = manifest.resolveSibling(BackupManifestJson.read(manifest).archiveFile());
        Files.write(archive, replace(Files.readAllBytes(archive), "backed-up conf", "BACKED-UP CONF"));
        refused(manifest, Kind.CORRUPT, "SHA-256");
    }

    @Test
    public void truncationsAtSeveralOffsets() throws Exception {
        for (Compression compression : Compression.values()) {
            for (double at : new double[] {0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99}) {
                for (boolean rehash : new boolean[] {false, true}) {
                    Path manifest = backup(compression).mutateArchive(bytes ->
                            Arrays.copyOf(bytes, (int) (bytes.length * at)), rehash).write();
                    refused(manifest, Kind.CORRUPT);
                }
            }
            Path manifest = backup(compression).mutateArchive(bytes -> Arrays.copyOf(bytes, bytes.length - 1), true)
                    .write();
            refused(manifest, Kind.CORRUPT);
        }
    }

    @Test
    public void manifestAndArchiveDisagree() throws Exception {
        // an entry in the manifest the archive lacks
        TestBackups lacking = backup(Compression.ZSTD);
        lacking.add(ManifestEntry.file(appPath + "/z", 1, 0644, TestBackups.TIME,
                TestBackups.sha256(new byte[] {'z'})), new byte[] {'z'});
        lacking.items().get(lacking.items().size() - 1).tarName = appPath + "/y";
        refused(lacking.write(), Kind.CORRUPT, appPath + "/y", appPath + "/z");
        refused(backup(Compression.ZSTD).tarOnly(appPath + "/extra", TarConstants.LF_NORMAL, null, "extra").write(),
                Kind.CORRUPT, appPath + "/extra", "after the last entry");
        refused(backup(Compression.ZSTD).tarOnly("../extra", TarConstants.LF_NORMAL, null, "extra").write(),
                Kind.HOSTILE, "../extra");
        TestBackups typed = backup(Compression.ZSTD).dir(appPath + "/d");
        typed.last().tarType = TarConstants.LF_NORMAL;
        refused(typed.write(), Kind.CORRUPT, appPath + "/d", "a file in the archive and a directory");
        TestBackups link = backup(Compression.ZSTD).symlink(appPath + "/l", "conf");
        link.last().tarLink = "/etc";
        refused(link.write(), Kind.CORRUPT, "\"/etc\" in the archive");
        TestBackups order = TestBackups.of(backups, "app", Compression.ZSTD).source(app.toString())
                .file(appPath + "/a.txt", "x").dir(appPath);
        refused(order.write(), Kind.CORRUPT, "before its directory");
        refused(backup(Compression.ZSTD).file(appPath + "/a.txt", "twice").write(), Kind.CORRUPT, "twice");
        refused(backup(Compression.ZSTD).archiveFileName("../../root/outside/passwd").write(), Kind.HOSTILE);
        Path noArchive = backup(Compression.ZSTD).write();
        Files.delete(noArchive.resolveSibling(BackupManifestJson.read(noArchive).archiveFile()));
        refused(noArchive, Kind.NOT_FOUND, "does not exist");
    }

    private interface UnaryOperator extends java.util.function.UnaryOperator<byte[]> {}

    static byte[] replace(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
