package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.backup.RestorePlan.Unit;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares a tree on disk with the manifest entries it should hold: types, content SHA-256, modes, link targets,
 * and nothing more. Read only, never following a link. Used by the test restore and by a dry run.
 */
final class TreeComparison {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private TreeComparison() {}

    /** The first difference between {@code unit}'s entries and the tree at {@code root}, {@code null} if none. */
    static Text firstDifference(Path root, Unit unit) throws BackupException, InterruptedException {
        Set<Path> expected = new HashSet<>();
        try {
            for (ManifestEntry entry : unit.entries()) {
                ArchiveCheck.checkInterrupt();
                String relative = EntryPaths.relative(entry.path(), unit.root());
                Path path = relative.isEmpty() ? root : EntryPaths.resolve(root, relative);
                expected.add(path);
                Text difference = difference(entry, path);
                if (difference != null) {
                    return difference;
                }
            }
            return extra(root, unit.root(), expected);
        } catch (ClosedByInterruptException e) {
            throw ArchiveCheck.interrupted(e);
        } catch (IOException e) {
            throw new BackupException(Kind.IO, Text.of("backup.restore.compare.failed", root,
                    String.valueOf(e.getMessage())), e);
        }
    }

    private static Text difference(ManifestEntry entry, Path path) throws IOException, InterruptedException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return Text.of("backup.restore.diff.missing", entry.path());
        }
        EntryType wanted = entry.type() == EntryType.DUMP ? EntryType.FILE : entry.type();
        String actual = attributes.isSymbolicLink() ? "symlink" : attributes.isDirectory() ? "directory"
                : attributes.isRegularFile() ? "file" : "special file";
        if (!actual.equals(RestorePlan.describe(wanted))) {
            return Text.of("backup.restore.diff.type", entry.path(), actual, RestorePlan.describe(wanted));
        }
        switch (wanted) {
            case SYMLINK:
                String link = Files.readSymbolicLink(path).toString();
                return link.equals(entry.linkTarget()) ? null
                        : Text.of("backup.restore.diff.link", entry.path(), link, entry.linkTarget());
            case FILE:
                if (attributes.size() != entry.size()) {
                    return Text.of("backup.restore.diff.size", entry.path(), attributes.size(), entry.size());
                }
                String sha256 = sha256(path);
                if (!sha256.equals(entry.sha256())) {
                    return Text.of("backup.restore.diff.sha256", entry.path(), sha256, entry.sha256());
                }
                break;
            default:
                break;
        }
        int mode = RestoreFiles.mode(path);
        if (entry.mode() != 0 && mode >= 0 && mode != entry.mode()) {
            return Text.of("backup.restore.diff.mode", entry.path(), octal(mode), octal(entry.mode()));
        }
        return null;
    }

    private static Text extra(Path root, String archiveRoot, Set<Path> expected) throws IOException {
        if (!Files.isDirectory(root, NOFOLLOW)) {
            return null;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                if (!expected.contains(path)) {
                    String relative = root.relativize(path).toString()
                            .replace(path.getFileSystem().getSeparator(), "/");
                    return Text.of("backup.restore.diff.extra", archiveRoot + "/" + relative);
                }
            }
        }
        return null;
    }

    static String sha256(Path file) throws IOException, InterruptedException {
        MessageDigest digest = ArchiveCheck.sha256();
        byte[] buffer = new byte[64 * 1024];
        long sinceCheck = 0;
        try (InputStream in = Files.newInputStream(file, NOFOLLOW)) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
                sinceCheck += read;
                if (sinceCheck > (1 << 20)) {
                    ArchiveCheck.checkInterrupt();
                    sinceCheck = 0;
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }

    /** The test restore's last check: nothing under {@code scratch} but the units and the folders leading to them. */
    static Text strayInScratch(Path scratch, List<Unit> units) throws BackupException {
        Set<Path> allowed = new HashSet<>();
        for (Unit unit : units) {
            for (Path walk = unit.destination(); walk != null && walk.startsWith(scratch); walk = walk.getParent()) {
                allowed.add(walk);
            }
        }
        try (Stream<Path> all = Files.walk(scratch)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                boolean insideUnit = false;
                for (Unit unit : units) {
                    insideUnit |= path.startsWith(unit.destination());
                }
                if (!insideUnit && !allowed.contains(path)) {
                    return Text.of("backup.restore.diff.extra", scratch.relativize(path).toString());
                }
            }
        } catch (IOException e) {
            throw new BackupException(Kind.IO, Text.of("backup.restore.compare.failed", scratch,
                    String.valueOf(e.getMessage())), e);
        }
        return null;
    }
}
