package io.jenkins.plugins.releaseplaybook.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Trees to back up, and what the tests check on a destination. */
final class BackupTrees {
    static final String LONG_NAME = "a-directory-name-that-is-long-enough/" + "x".repeat(120) + "-file.txt";
    static final String UNICODE = "配置-Ünïcødé-файл.conf";

    private BackupTrees() {}

    /** Modes, a symlink inside and one pointing out, an empty directory, unicode and a >100-byte name. */
    static Path mixed(Path root) throws IOException {
        Path tree = Files.createDirectories(root.resolve("app"));
        write(tree.resolve("bin/run.sh"), "#!/bin/sh\necho run\n", "rwxr-x---");
        write(tree.resolve("conf/app.properties"), "port=8080\n", "rw-------");
        write(tree.resolve("conf/" + UNICODE), "名字=值\n", "rw-r--r--");
        write(tree.resolve(LONG_NAME), "long\n", "rw-r--r--");
        write(tree.resolve("logs/today.log"), "noise\n", "rw-r--r--");
        write(tree.resolve("data/blob.bin"), "x".repeat(300_000), "rw-r-----");
        Files.createDirectories(tree.resolve("empty/inner-empty"));
        Files.setPosixFilePermissions(tree.resolve("empty"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(tree.resolve("current"), Path.of("bin/run.sh"));
        Files.createSymbolicLink(tree.resolve("outside"), Path.of("/etc/hostname"));
        return tree;
    }

    static void write(Path file, String content, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    /** Every file under {@code folder}, hidden ones included. */
    static List<String> filesIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(folder)) {
            all.filter(p -> !p.equals(folder)).forEach(p -> out.add(folder.relativize(p).toString()));
        }
        return out;
    }

    static void assertNothingLeft(Path destination, String name) throws IOException {
        assertThat(BackupLayout.manifests(destination, name)).as("nothing listed").isEmpty();
        assertThat(filesIn(BackupLayout.folder(destination, name))).as("no temporary file left").isEmpty();
    }

    /** Runs a command, returns its standard output; fails on a non-zero exit. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
