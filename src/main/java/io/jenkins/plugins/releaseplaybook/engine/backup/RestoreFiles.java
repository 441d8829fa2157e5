package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** File system chores of a restore: modes, times, removing trees without following links, naming failures. */
final class RestoreFiles {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private RestoreFiles() {}

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Sets all twelve mode bits (set-user-id, set-group-id and sticky too, where the file system has them). */
    static void setMode(Path path, int mode) throws IOException {
        if (mode == 0 || !posix(path)) {
            return; // no mode was recorded, or the file system has none
        }
        if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            Files.setAttribute(path, "unix:mode", mode, NOFOLLOW);
        } else {
            Files.setPosixFilePermissions(path, permissions(mode));
        }
    }

    /** The twelve mode bits, or the nine permission bits where the file system tells no more; -1 where none. */
    static int mode(Path path) throws IOException {
        if (!posix(path)) {
            return -1;
        }
        if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return ((Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW)) & 07777;
        }
        int mode = 0;
        for (PosixFilePermission permission : Files.getPosixFilePermissions(path, NOFOLLOW)) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (0400 >> permission.ordinal())) != 0) {
                out.add(permission);
            }
        }
        return out;
    }

    static void setTime(Path path, Instant mtime) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.from(mtime), null, null);
    }

    /** A link's time, where the system can set it without following the link; a link's time matters to no one. */
    static void setLinkTime(Path link, Instant mtime) {
        try {
            setTime(link, mtime);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    /** A private folder: only its owner can see what is staged in it. */
    static void createPrivateDirectory(Path path) throws IOException {
        if (posix(path.getParent())) {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(permissions(0700)));
        } else {
            Files.createDirectory(path);
        }
    }

    /** Removes a tree, never following a link; folders are made writable first, so read-only ones go too. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, NOFOLLOW)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (posix(dir)) {
                    int mode = mode(dir);
                    if ((mode & 0700) != 0700) {
                        Files.setAttribute(dir, "posix:permissions", permissions(mode | 0700), NOFOLLOW);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A failure to write {@code path} as the kind people act on: full disk, permissions, anything else. */
    static BackupException writeFailure(Path path, IOException e) {
        String reason = String.valueOf(e instanceof FileSystemException fs && fs.getReason() != null
                ? fs.getReason() : e.getMessage());
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("disk quota") || lower.contains("not enough space")) {
            return new BackupException(Kind.DISK_FULL, Text.of("backup.restore.disk.full", path), e);
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("read-only file system") || lower.contains("operation not permitted")) {
            return new BackupException(Kind.PERMISSION_DENIED, Text.of("backup.restore.permission", path, reason), e);
        }
        if (e instanceof NoSuchFileException) {
            return new BackupException(Kind.IO, Text.of("backup.restore.write.failed", path,
                    "no such file or directory"), e);
        }
        return new BackupException(Kind.IO, Text.of("backup.restore.write.failed", path, reason), e);
    }

    /**
     * {@link #writeFailure}, to throw.
     *
     * @throws InterruptedException when the failure is an interrupt that closed the channel
     */
    static BackupException failure(Path path, IOException e) throws InterruptedException {
        if (e instanceof ClosedByInterruptException) {
            throw ArchiveCheck.interrupted(e);
        }
        return writeFailure(path, e);
    }
}
