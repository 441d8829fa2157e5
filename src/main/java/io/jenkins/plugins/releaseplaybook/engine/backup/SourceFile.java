package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One lstat of a path: what the tar header and the manifest entry need. Links are never followed. */
record SourceFile(EntryType type, long size, int mode, Instant mtime, long uid, long gid, boolean other, long mtimeNanos) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static volatile boolean unixView = true;

    static SourceFile stat(Path path) throws IOException {
        if (unixView) {
            try {
                Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime",
                        LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                FileTime time = (FileTime) a.get("lastModifiedTime");
                int format = mode & S_IFMT;
                EntryType type = format == S_IFREG ? EntryType.FILE
                        : format == S_IFDIR ? EntryType.DIRECTORY : format == S_IFLNK ? EntryType.SYMLINK : null;
                long size = type == EntryType.FILE ? (Long) a.get("size") : 0;
                return new SourceFile(type == null ? EntryType.FILE : type, size,
                        type == EntryType.SYMLINK ? 0777 : mode & 07777, seconds(time), ((Integer) a.get("uid")),
                        ((Integer) a.get("gid")), type == null, time.to(TimeUnit.NANOSECONDS));
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                unixView = false; // Windows: no POSIX modes, the manifest says 0
            }
        }
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        EntryType type = a.isRegularFile() ? EntryType.FILE : a.isDirectory() ? EntryType.DIRECTORY
                : a.isSymbolicLink() ? EntryType.SYMLINK : null;
        return new SourceFile(type == null ? EntryType.FILE : type, type == EntryType.FILE ? a.size() : 0,
                type == EntryType.SYMLINK ? 0777 : 0, seconds(a.lastModifiedTime()), 0, 0, type == null,
                a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    /** Whole seconds, as tar without PAX time headers keeps them and as the manifest records them. */
    private static Instant seconds(FileTime time) {
        return Instant.ofEpochSecond(time.to(TimeUnit.SECONDS));
    }

    /** A second, cheaper stat after reading (basic attributes, no attribute map): still what was read? */
    boolean unchanged(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.isRegularFile() && a.size() == size && a.lastModifiedTime().to(TimeUnit.NANOSECONDS) == mtimeNanos;
    }
}
