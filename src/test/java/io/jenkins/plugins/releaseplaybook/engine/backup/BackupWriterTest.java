package io.jenkins.plugins.releaseplaybook.engine.backup;

import static io.jenkins.plugins.releaseplaybook.engine.backup.BackupTrees.LONG_NAME;
import static io.jenkins.plugins.releaseplaybook.engine.backup.BackupTrees.UNICODE;
import static io.jenkins.plugins.releaseplaybook.engine.backup.BackupTrees.assertNothingLeft;
import static io.jenkins.plugins.releaseplaybook.engine.backup.BackupTrees.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.releaseplaybook.engine.support.ManualClock;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.RequiredBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BackupWriterTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<Text> lines = new ArrayList<>();
    private final BackupProgress progress = lines::add;

    @Test
    public void roundTripKeepsModesLinksEmptyDirectoriesAndLongAndUnicodeNames() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path destination = temp.newFolder("backups").toPath();

        BackupResult result = BackupWriter.write(BackupSpec.builder("app").source(tree).exclude("**/*.log")
                .destination(destination).build(), Set.of(), progress);

        assertThat(result.verified()).isTrue();
        assertThat(result.restoreTested()).isFalse();
        assertThat(result.compression()).isEqualTo(Compression.ZSTD);
        assertThat(result.archive()).endsWith(".tar.zst");
        BackupManifest manifest = BackupVerifier.verify(Path.of(result.manifestFile()), BackupProgress.NONE);
        String root = BackupLayout.archivePath(tree);
        Map<String, ManifestEntry> byPath = manifest.entries().stream()
                .collect(Collectors.toMap(ManifestEntry::path, Function.identity()));
        assertThat(manifest.entries().get(0).path()).as("the source first").isEqualTo(root);
        assertThat(byPath.get(root + "/bin/run.sh").mode()).isEqualTo(0750);
        assertThat(byPath.get(root + "/conf/app.properties").mode()).isEqualTo(0600);
        assertThat(byPath.get(root + "/empty").type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(byPath.get(root + "/empty").mode()).isEqualTo(0700);
        assertThat(byPath.get(root + "/empty/inner-empty").type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(byPath.get(root + "/current").linkTarget()).isEqualTo("bin/run.sh");
        assertThat(byPath.get(root + "/outside").linkTarget()).as("never followed").isEqualTo("/etc/hostname");
        assertThat(byPath.get(root + "/conf/" + UNICODE).sha256()).isEqualTo(sha256("名字=值\n"));
        assertThat(byPath).containsKey(root + "/" + LONG_NAME).doesNotContainKey(root + "/logs/today.log")
                .containsKey(root + "/logs");
        assertThat(byPath.get(root + "/data/blob.bin").size()).isEqualTo(300_000);
        assertThat(manifest.files()).isEqualTo(result.files()).isEqualTo(5);
        assertThat(manifest.archiveSha256()).isEqualTo(result.sha256()).isEqualTo(sha256(Path.of(result.archive())));
        assertThat(manifest.archiveSize()).isEqualTo(Files.size(Path.of(result.archive())));
        assertThat(manifest.sources()).containsExactly(tree.toString());
        assertThat(manifest.excludes()).containsExactly("**/*.log");
        assertThat(manifest.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(manifest.host()).isNotBlank();
        for (int i = 1; i < manifest.entries().size(); i++) {
            String path = manifest.entries().get(i).path();
            String parent = path.substring(0, path.lastIndexOf('/'));
            assertThat(manifest.entries().subList(0, i)).as("parent before " + path)
                    .anyMatch(e -> e.path().equals(parent) && e.type() == EntryType.DIRECTORY);
        }
        assertThat(lines).anyMatch(l -> l.english().contains("verified"));
        assertThat(BackupLayout.latest(destination, "app")).isEqualTo(Path.of(result.manifestFile()));
        assertThat(BackupTrees.filesIn(BackupLayout.folder(destination, "app"))).as("only archive and manifest")
                .hasSize(2);
    }

    @Test
    public void realTarAndZstdReadTheArchiveAndRestoreTheSameTree() throws Exception {
        RequiredBinary.require("zstd", Path.of("/usr/bin/zstd"), "zstd");
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path destination = temp.newFolder("backups").toPath();
        BackupResult result = BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress);
        Path out = temp.newFolder("out").toPath();

        String listing = run(out, "sh", "-c", "zstd -dc '" + result.archive() + "' | tar -tvf -");
        assertThat(listing).contains(LONG_NAME, UNICODE, "current -> bin/run.sh", "outside -> /etc/hostname");
        run(out, "sh", "-c", "zstd -dc '" + result.archive() + "' | tar -xpf -");

        Path restored = out.resolve(BackupLayout.archivePath(tree));
        assertThat(restored.resolve(LONG_NAME)).hasContent("long");
        assertThat(restored.resolve("conf/" + UNICODE)).hasContent("名字=值");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restored.resolve("bin/run.sh"))))
                .isEqualTo("rwxr-x---");
        assertThat(Files.readSymbolicLink(restored.resolve("outside"))).isEqualTo(Path.of("/etc/hostname"));
        assertThat(restored.resolve("empty/inner-empty")).isEmptyDirectory();
        assertThat(Files.getLastModifiedTime(restored.resolve("data/blob.bin")).toInstant().getEpochSecond())
                .isEqualTo(Files.getLastModifiedTime(tree.resolve("data/blob.bin")).toInstant().getEpochSecond());
    }

    @Test
    public void noneAndGzipArchivesAreReadByTar() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path destination = temp.newFolder("backups").toPath();
        for (Compression compression : List.of(Compression.NONE, Compression.GZIP)) {
            BackupResult result = BackupWriter.write(BackupSpec.builder("app-" + compression.id()).source(tree)
                    .compression(compression).destination(destination).build(), Set.of(), progress);
            assertThat(result.archive()).endsWith(compression.extension());
            String listing = run(destination, "tar", compression == Compression.GZIP ? "-tzvf" : "-tvf",
                    result.archive());
            assertThat(listing).contains(LONG_NAME, UNICODE);
            BackupVerifier.verify(Path.of(result.manifestFile()), BackupProgress.NONE);
        }
    }

    @Test
    public void aMissingPathFailsNamingItAndListsNothing() throws Exception {
        Path destination = temp.newFolder("backups").toPath();
        Path missing = temp.getRoot().toPath().resolve("no-such-dir");

        assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("app").source(missing).destination(destination)
                .build(), Set.of(), progress))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.MISSING_PATH);
                    assertThat(e.getMessage()).contains(missing.toString(), "does not exist");
                    assertThat(e.message(Locale.SIMPLIFIED_CHINESE)).contains(missing.toString(), "不存在");
                });
        assertNothingLeft(destination, "app");
    }

    @Test
    public void invalidSpecsAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path destination = temp.newFolder("backups").toPath();
        for (BackupSpec spec : List.of(
                BackupSpec.builder("app").destination(destination).build(),
                BackupSpec.builder("app").source(tree).source(tree.resolve("conf")).destination(destination).build(),
                BackupSpec.builder("app").source(tree).exclude("[abc").destination(destination).build(),
                BackupSpec.builder("app").source(tree).dump("../x", "true").destination(destination).build(),
                BackupSpec.builder("app").source(tree).keep(-1).destination(destination).build(),
                BackupSpec.builder(".hidden").source(tree).destination(destination).build())) {
            assertThatThrownBy(() -> BackupWriter.write(spec, Set.of(), progress))
                    .isInstanceOfSatisfying(BackupException.class,
                            e -> assertThat(e.kind()).isEqualTo(BackupException.Kind.INVALID_SPEC));
        }
        assertThat(BackupTrees.filesIn(destination)).isEmpty();
    }

    @Test
    public void aSmallFileThatChangesWhileReadIsReadAgainOnce() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path conf = tree.resolve("conf/app.properties");
        Path destination = temp.newFolder("backups").toPath();
        WriterOptions options = WriterOptions.defaults();
        options.beforeRead = (file, attempt) -> {
            if (file.equals(conf) && attempt == 1) {
                Files.writeString(conf, "port=9090 and more\n"); // between stat and read
            }
        };

        BackupResult result = BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress, options);

        ManifestEntry entry = BackupManifestJson.read(Path.of(result.manifestFile())).entries().stream()
                .filter(e -> e.path().endsWith("conf/app.properties")).findFirst().orElseThrow();
        assertThat(entry.sha256()).as("what the file holds now").isEqualTo(sha256("port=9090 and more\n"));
        assertThat(entry.size()).isEqualTo(19);
        assertThat(lines).anyMatch(l -> l.english().contains(conf + " changed while it was read"));
    }

    @Test
    public void aFileThatKeepsChangingFailsNamingItAndListsNothing() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path conf = tree.resolve("conf/app.properties");
        Path destination = temp.newFolder("backups").toPath();
        WriterOptions options = WriterOptions.defaults();
        options.beforeRead = (file, attempt) -> {
            if (file.equals(conf)) {
                Files.writeString(conf, "x".repeat(10 + attempt), java.nio.file.StandardOpenOption.APPEND);
            }
        };

        assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress, options))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.CHANGED_WHILE_READING);
                    assertThat(e.getMessage()).contains(conf.toString(), "also on the retry", "exclude");
                });
        assertNothingLeft(destination, "app");
    }

    @Test
    public void aLargeFileThatGrowsWhileStreamedRestartsTheArchiveOnceThenFails() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path blob = tree.resolve("data/blob.bin");
        Path destination = temp.newFolder("backups").toPath();
        WriterOptions options = WriterOptions.defaults();
        options.smallFile = 64 * 1024; // blob.bin (300 kB) is streamed
        int[] calls = {0};
        options.beforeRead = (file, attempt) -> {
            if (file.equals(blob) && calls[0]++ == 0) {
                Files.writeString(blob, "grown", java.nio.file.StandardOpenOption.APPEND);
            }
        };
        BackupResult result = BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress, options);
        assertThat(lines).anyMatch(l -> l.english().contains("writing the archive once more"));
        assertThat(BackupManifestJson.read(Path.of(result.manifestFile())).entries().stream()
                .filter(e -> e.path().endsWith("blob.bin")).findFirst().orElseThrow().size()).isEqualTo(300_005);

        options.beforeRead = (file, attempt) -> {
            if (file.equals(blob)) {
                Files.writeString(blob, "more", java.nio.file.StandardOpenOption.APPEND);
            }
        };
        assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("again").source(tree).destination(destination)
                .build(), Set.of(), progress, options))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.CHANGED_WHILE_READING);
                    assertThat(e.getMessage()).contains(blob.toString());
                });
        assertNothingLeft(destination, "again");
    }

    @Test
    public void aFileThatVanishesFailsNamingIt() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path conf = tree.resolve("conf/app.properties");
        Path destination = temp.newFolder("backups").toPath();
        WriterOptions options = WriterOptions.defaults();
        options.beforeRead = (file, attempt) -> {
            if (file.equals(conf)) {
                Files.deleteIfExists(conf);
            }
        };
        assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress, options))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.CHANGED_WHILE_READING);
                    assertThat(e.getMessage()).contains(conf.toString(), "deleted");
                });
        assertNothingLeft(destination, "app");
    }

    /**
     * Root reads every file whatever its mode, so a denied read is injected where the JDK reports it (the
     * exception type a non-root agent gets); {@code BackupFileSystemsIT} has a real refusal (a read-only mount).
     */
    @Test
    public void aDeniedReadFailsNamingThePathAndTheUser() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path conf = tree.resolve("conf/app.properties");
        Path destination = temp.newFolder("backups").toPath();
        WriterOptions options = WriterOptions.defaults();
        options.beforeRead = (file, attempt) -> {
            if (file.equals(conf)) {
                throw new AccessDeniedException(conf.toString());
            }
        };
        assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress, options))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains(conf.toString(), System.getProperty("user.name"),
                            "read access");
                });
        assertNothingLeft(destination, "app");
    }

    @Test
    public void anInterruptLeavesNothingListedAndNoTemporaryFile() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path destination = temp.newFolder("backups").toPath();
        WriterOptions options = WriterOptions.defaults();
        options.beforeRead = (file, attempt) -> {
            if (file.getFileName().toString().equals("blob.bin")) {
                Thread.currentThread().interrupt(); // the build is aborted while this file is read
            }
        };
        assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress, options)).isInstanceOf(InterruptedException.class);
        Thread.interrupted();
        assertNothingLeft(destination, "app");
    }

    @Test
    public void progressLinesComeAtMostEveryIntervalWithFilesBytesAndRate() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path destination = temp.newFolder("backups").toPath();
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
        WriterOptions options = WriterOptions.defaults();
        options.clock = clock;
        options.progressEvery = Duration.ofSeconds(5);
        options.beforeRead = (file, attempt) -> clock.advance(Duration.ofSeconds(2));

        BackupResult result = BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress, options);

        List<String> writing = lines.stream().map(Text::english).filter(l -> l.matches("backup app: [0-9,]+ files, .*/s"))
                .toList();
        // 5 files read, 2 s each: a line at 6 s and at 10 s, none in between
        assertThat(writing).hasSize(2);
        assertThat(writing.get(0)).matches("backup app: [34] files, [0-9.]+ [kM]?B, [0-9.]+ [kM]?B/s");
        assertThat(result.id()).startsWith("app-20261201T100000Z-");
    }

    @Test
    public void dumpsAreStreamedIntoTheArchiveAndChecksummed() throws Exception {
        Path work = temp.newFolder("ws").toPath();
        Files.writeString(work.resolve("db.sql"), "CREATE TABLE t (x int);\n");
        Path destination = temp.newFolder("backups").toPath();

        BackupResult result = BackupWriter.write(BackupSpec.builder("db").dump("shop.sql", "cat db.sql; echo done")
                .dump("big.bin", "head -c 3000000 /dev/zero").workDirectory(work).destination(destination).build(),
                Set.of(), progress);

        BackupManifest manifest = BackupVerifier.verify(Path.of(result.manifestFile()), BackupProgress.NONE);
        assertThat(manifest.entries()).extracting(ManifestEntry::path)
                .containsExactly(".release-playbook/dumps/shop.sql", ".release-playbook/dumps/big.bin");
        ManifestEntry shop = manifest.entries().get(0);
        assertThat(shop.type()).isEqualTo(EntryType.DUMP);
        assertThat(shop.sha256()).isEqualTo(sha256("CREATE TABLE t (x int);\ndone\n"));
        assertThat(manifest.entries().get(1).size()).isEqualTo(3_000_000);
        assertThat(manifest.dumps()).extracting(DumpSpec::name).containsExactly("shop.sql", "big.bin");
        assertThat(result.files()).isEqualTo(2);
        assertThat(BackupTrees.filesIn(BackupLayout.folder(destination, "db"))).as("spool files removed").hasSize(2);
    }

    @Test
    public void aFailingDumpFailsWithItsExitCodeAndLastStderrLines() throws Exception {
        Path destination = temp.newFolder("backups").toPath();
        String noisy = "for i in $(seq 1 30); do echo line$i >&2; done; ";
        assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("db")
                .dump("shop.pgdump", "echo partial; " + noisy + "exit 3").destination(destination).build(),
                Set.of(), progress))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.DUMP_FAILED);
                    assertThat(e.getMessage()).contains("shop.pgdump", "exit code 3", "error: line21 | line22",
                            "line30").doesNotContain("line20 |");
                });
        assertNothingLeft(destination, "db");

        assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("db")
                .dump("shop.pgdump", "echo 'pg_dump: connection refused' >&2").destination(destination).build(),
                Set.of(), progress))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.DUMP_FAILED);
                    assertThat(e.getMessage()).contains("wrote nothing to standard output", "connection refused");
                });
        assertNothingLeft(destination, "db");
    }

    @Test
    public void aTestRestoreRunsOnTheUnlistedBackupAndIsReported() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path destination = temp.newFolder("backups").toPath();
        WriterOptions options = WriterOptions.defaults();
        AtomicReference<Path> manifestSeen = new AtomicReference<>();
        options.testRestorer = (manifestFile, scratchParent, p) -> {
            manifestSeen.set(manifestFile);
            assertThat(scratchParent).isEqualTo(BackupLayout.folder(destination, "app"));
            try {
                assertThat(BackupLayout.manifests(destination, "app")).as("not listed yet").isEmpty();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            BackupVerifier.verify(manifestFile, p); // its archive is in place under its final name
        };
        BackupResult result = BackupWriter.write(BackupSpec.builder("app").source(tree).testRestore(true)
                .destination(destination).build(), Set.of(), progress, options);
        assertThat(result.restoreTested()).isTrue();
        assertThat(manifestSeen.get().getFileName().toString()).startsWith(".");

        options.testRestorer = (manifestFile, scratchParent, p) -> {
            throw new BackupException(BackupException.Kind.CORRUPT, Text.literal("differs"));
        };
        assertThatThrownBy(() -> BackupWriter.write(BackupSpec.builder("other").source(tree).testRestore(true)
                .destination(destination).build(), Set.of(), progress, options)).isInstanceOf(BackupException.class);
        assertNothingLeft(destination, "other");

        BackupResult untested = BackupWriter.write(BackupSpec.builder("plain").source(tree).destination(destination)
                .build(), Set.of(), progress, options);
        assertThat(untested.restoreTested()).isFalse();
    }

    @Test
    public void theDestinationInsideASourceIsLeftOut() throws Exception {
        Path tree = BackupTrees.mixed(temp.getRoot().toPath());
        Path destination = tree.resolve("backups");
        BackupResult first = BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress);
        BackupResult second = BackupWriter.write(BackupSpec.builder("app").source(tree).destination(destination)
                .build(), Set.of(), progress);
        assertThat(BackupManifestJson.read(Path.of(second.manifestFile())).entries())
                .noneMatch(e -> e.path().contains("/backups/app/"));
        assertThat(second.files()).isEqualTo(first.files());
    }

    static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
