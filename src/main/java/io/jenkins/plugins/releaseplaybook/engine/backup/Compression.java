package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How an archive is compressed; the name is what Pipeline scripts and the manifest say. */
public enum Compression {
    NONE("none", ".tar"),
    GZIP("gzip", ".tar.gz"),
    ZSTD("zstd", ".tar.zst");

    public static final Compression DEFAULT = ZSTD;

    private final String id;
    private final String extension;

    Compression(String id, String extension) {
        this.id = id;
        this.extension = extension;
    }

    /** {@code none}, {@code gzip} or {@code zstd}. */
    public String id() {
        return id;
    }

    /** The archive file's extension, with its dot: {@code .tar.zst}. */
    public String extension() {
        return extension;
    }

    /** Reads a user's or a manifest's name; blank means {@link #DEFAULT}. */
    public static Compression of(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Compression compression : values()) {
            if (compression.id.equals(wanted)) {
                return compression;
            }
        }
        throw new InvalidInputException(Text.of("backup.compression.unknown", name,
                Arrays.stream(values()).map(Compression::id).collect(Collectors.joining(", "))));
    }
}
