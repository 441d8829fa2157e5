package io.jenkins.plugins.releaseplaybook.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Small helpers of the backup step tests: Groovy literals, trees of files, FIFOs that tests synchronize on. */
final class BackupScripts {
    private BackupScripts() {}

    /** A single-quoted Groovy string literal. */
    static String q(Object text) {
        return "'" + text.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A small tree: two files, a nested one, an empty directory. */
    static Path tree(Path root) throws IOException {
        Files.createDirectories(root.resolve("conf/empty"));
        Files.writeString(root.resolve("app.properties"), "port=8080\n");
        Files.writeString(root.resolve("conf/db.properties"), "url=jdbc:postgresql://db/shop\n");
        Files.writeString(root.resolve("server.log"), "not wanted\n");
        return root;
    }

    /** Every file under {@code root} with its content, by relative path: for comparing two trees. */
    static TreeMap<String, String> contents(Path root) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String relative = root.relativize(path).toString();
                files.put(relative, Files.isRegularFile(path) ? Files.readString(path) : "<dir>");
            }
        }
        return files;
    }

    /** The listed backups (manifests) of {@code name} under {@code destination}. */
    static List<Path> manifests(Path destination, String name) throws IOException {
        Path folder = destination.resolve(name);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")
                    && !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** Everything in the folder of {@code name}, temporary files included. */
    static List<Path> everything(Path destination, String name) throws IOException {
        Path folder = destination.resolve(name);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    /** A named pipe: opening it blocks until the other end is opened, which lets a test wait without sleeping. */
    static Path fifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
        return path;
    }

    /**
     * A dump command that tells the test it runs (a line into {@code started}, which the test reads) and then waits
     * for {@code gate} to be written, which no one does: only an abort (the engine stops the command) ends it.
     */
    static String waitingDump(Path started, Path gate) {
        return "[[name: 'waiting.dump', command: " + q("echo running > '" + started + "' && cat '" + gate + "'") + "]]";
    }
}
