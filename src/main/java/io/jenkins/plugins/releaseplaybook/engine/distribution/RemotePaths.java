package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Remote paths as the engine writes them: POSIX, {@code /}-separated, checked so that nothing lands outside the
 * target directory. A directory may be absolute or relative to the login directory; it may not contain {@code ..}.
 */
public final class RemotePaths {
    /** Suffix of temporary files; a leading dot keeps them out of {@code ls} and out of most globs. */
    public static final String TEMPORARY_SUFFIX = ".rp-part";
    private static final int MAX_NAME = 255;

    private RemotePaths() {}

    /**
     * The directory normalized ({@code //} and {@code /./} folded, no trailing slash).
     *
     * @throws DistributionException {@link Kind#PATH_REFUSED} for {@code ..}, control characters or an empty path
     */
    public static String directory(String directory) throws DistributionException {
        if (directory == null || directory.isBlank()) {
            throw new DistributionException(Kind.PATH_REFUSED, Text.of("distribution.path.emptyDirectory"));
        }
        if (hasControlCharacter(directory)) {
            throw new DistributionException(Kind.PATH_REFUSED, Text.of("distribution.path.control", directory.strip()));
        }
        boolean absolute = directory.startsWith("/");
        List<String> segments = new ArrayList<>();
        for (String segment : directory.split("/+")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new DistributionException(Kind.PATH_REFUSED, Text.of("distribution.path.dotDot", directory));
            }
            segments.add(segment);
        }
        String joined = String.join("/", segments);
        if (absolute) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /**
     * A single file name: not empty, no {@code /}, not {@code .} or {@code ..}, no control characters, at most 255
     * bytes.
     */
    public static String fileName(String name) throws DistributionException {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                || hasControlCharacter(name)
                || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME) {
            throw new DistributionException(Kind.PATH_REFUSED,
                    Text.of("distribution.path.fileName", name == null ? "" : name));
        }
        return name;
    }

    /** {@code directory/name}, both checked. */
    public static String child(String directory, String name) throws DistributionException {
        String dir = directory(directory);
        String file = fileName(name);
        return dir.equals("/") ? "/" + file : dir + "/" + file;
    }

    /**
     * The temporary name for {@code name} in {@code directory}: a dot-name with a random token, so concurrent runs
     * never share one, and a fixed suffix that says what it is.
     */
    public static String temporary(String directory, String name, String token) throws DistributionException {
        String base = fileName(name);
        int room = MAX_NAME - 2 - token.length() - TEMPORARY_SUFFIX.length();
        while (base.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > room) {
            base = base.substring(0, base.length() - 1);
        }
        return child(directory, "." + base + "." + token + TEMPORARY_SUFFIX);
    }

    /** Suffix of the record that keeps a verified file's SHA-256, size and modification time beside it. */
    public static final String RECORD_SUFFIX = ".rp-sha256";

    /** {@code directory/.name.rp-sha256}: the record of the last verified upload of {@code name}. */
    public static String record(String directory, String name) throws DistributionException {
        String base = fileName(name);
        int room = MAX_NAME - 1 - RECORD_SUFFIX.length();
        while (base.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > room) {
            base = base.substring(0, base.length() - 1);
        }
        return child(directory, "." + base + RECORD_SUFFIX);
    }

    /** The path as one word for a POSIX shell: single-quoted, embedded quotes escaped. */
    public static String shellQuote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
