package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One archive entry as the manifest records it.
 *
 * @param path the entry's name in the archive: relative, {@code /}-separated, no {@code .} or {@code ..} segment,
 *     directories without a trailing slash
 * @param size content bytes for {@link EntryType#FILE} and {@link EntryType#DUMP}, else 0
 * @param mode POSIX permission bits (e.g. {@code 0644}); 0 where the file system has none
 * @param sha256 lower-case hex of the content for files and dumps, else {@code null}
 * @param linkTarget the link's target as stored, for {@link EntryType#SYMLINK} only
 */
public record ManifestEntry(
        String path, EntryType type, long size, int mode, Instant mtime, String sha256, String linkTarget)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + path);
        }
        boolean content = type == EntryType.FILE || type == EntryType.DUMP;
        if (content != (sha256 != null)) {
            throw new IllegalArgumentException((content ? "missing" : "unexpected") + " sha256 for " + path);
        }
        if ((type == EntryType.SYMLINK) != (linkTarget != null)) {
            throw new IllegalArgumentException((type == EntryType.SYMLINK ? "missing" : "unexpected")
                    + " link target for " + path);
        }
    }

    public static ManifestEntry file(String path, long size, int mode, Instant mtime, String sha256) {
        return new ManifestEntry(path, EntryType.FILE, size, mode, mtime, sha256, null);
    }

    public static ManifestEntry directory(String path, int mode, Instant mtime) {
        return new ManifestEntry(path, EntryType.DIRECTORY, 0, mode, mtime, null, null);
    }

    public static ManifestEntry symlink(String path, String linkTarget, Instant mtime) {
        return new ManifestEntry(path, EntryType.SYMLINK, 0, 0777, mtime, null, linkTarget);
    }

    public static ManifestEntry dump(String path, long size, Instant mtime, String sha256) {
        return new ManifestEntry(path, EntryType.DUMP, size, 0600, mtime, sha256, null);
    }
}
