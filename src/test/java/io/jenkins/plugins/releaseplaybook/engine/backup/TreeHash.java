package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A listing of a whole tree that changes when anything in it does: every path, its type, its twelve mode bits, a
 * file's size, content SHA-256 and modification time, a link's target. Directory times are left out (a restore
 * stages beside its targets, which touches their folders' times, and nothing else about them).
 */
final class TreeHash {
    private TreeHash() {}

    static List<String> of(Path root) {
        List<String> out = new ArrayList<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            out.add("(absent)");
            return out;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all.sorted()::iterator) {
                out.add(line(root, path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String line(Path root, Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            String name = "/" + root.relativize(path);
            String mode = attributes.isSymbolicLink() ? "" : " " + TreeComparison.octal(RestoreFiles.mode(path));
            if (attributes.isSymbolicLink()) {
                return name + " link -> " + Files.readSymbolicLink(path);
            }
            if (attributes.isDirectory()) {
                return name + " dir" + mode;
            }
            if (attributes.isRegularFile()) {
                return name + " file" + mode + " " + attributes.size() + " " + TreeComparison.sha256(path) + " "
                        + attributes.lastModifiedTime().toMillis();
            }
            return name + " other" + mode;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
