package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files to distribute, each with its size and SHA-256 computed once, in the order the globs name them. File
 * names must be unique: every artifact lands in the same target directory under its own name.
 */
public final class ArtifactSet implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int HASH_BUFFER = 1 << 20;

    private final List<Artifact> artifacts;

    private ArtifactSet(List<Artifact> artifacts) {
        this.artifacts = List.copyOf(artifacts);
    }

    /** Artifacts described elsewhere (tests, or a caller that hashed them already). Names must be unique. */
    public static ArtifactSet of(List<Artifact> artifacts) throws DistributionException {
        Map<String, Artifact> byName = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            RemotePaths.fileName(artifact.name());
            Artifact before = byName.putIfAbsent(artifact.name(), artifact);
            if (before != null) {
                throw new DistributionException(Kind.INVALID_SPEC,
                        Text.of("distribution.artifact.duplicateName", artifact.name(), before.localPath(), artifact.localPath()));
            }
        }
        return new ArtifactSet(new ArrayList<>(byName.values()));
    }

    /**
     * The regular files under {@code baseDirectory} that match any of {@code globs} (Ant-like {@code **}, {@code *},
     * {@code ?}, relative to the base; a plain path names one file, also an absolute one), hashed once.
     *
     * @throws DistributionException {@link Kind#MISSING_ARTIFACT} when a glob matches nothing or a file cannot be read,
     *     {@link Kind#INVALID_SPEC} for a bad glob or two files of the same name
     */
    public static ArtifactSet collect(Path baseDirectory, List<String> globs) throws DistributionException {
        if (globs.isEmpty()) {
            throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.artifact.none"));
        }
        Map<Path, String> files = new LinkedHashMap<>();
        for (String glob : globs) {
            String pattern = glob == null ? "" : glob.trim();
            if (pattern.isEmpty()) {
                throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.artifact.emptyGlob"));
            }
            List<Path> matched = match(baseDirectory, pattern);
            if (matched.isEmpty()) {
                throw new DistributionException(Kind.MISSING_ARTIFACT,
                        Text.of("distribution.artifact.noMatch", pattern, baseDirectory.toString()));
            }
            for (Path file : matched) {
                files.putIfAbsent(file.toAbsolutePath().normalize(), pattern);
            }
        }
        List<Artifact> artifacts = new ArrayList<>();
        for (Path file : files.keySet()) {
            artifacts.add(describe(file));
        }
        return of(artifacts);
    }

    /** Size and SHA-256 of one local file. */
    public static Artifact describe(Path file) throws DistributionException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[HASH_BUFFER];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
            return new Artifact(file.getFileName().toString(), file.toAbsolutePath().toString(), size,
                    HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new DistributionException(Kind.MISSING_ARTIFACT,
                    Text.of("distribution.artifact.unreadable", file.toString(), String.valueOf(e.getMessage())), e);
        }
    }

    public List<Artifact> artifacts() {
        return artifacts;
    }

    public int size() {
        return artifacts.size();
    }

    public long totalBytes() {
        return artifacts.stream().mapToLong(Artifact::size).sum();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static List<Path> match(Path base, String pattern) throws DistributionException {
        if (!pattern.matches(".*[*?\\[{].*")) {
            Path file;
            try {
                file = base.resolve(pattern);
            } catch (InvalidPathException e) {
                throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.artifact.badGlob", pattern,
                        String.valueOf(e.getMessage())), e);
            }
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        PathMatcher matcher;
        try {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            // As in Ant, a leading **/ also matches no directory at all: **/*.jar matches app.jar.
            PathMatcher top = pattern.startsWith("**/")
                    ? FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)) : glob;
            matcher = p -> glob.matches(p) || top.matches(p);
        } catch (IllegalArgumentException e) {
            throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.artifact.badGlob", pattern,
                    String.valueOf(e.getMessage())), e);
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(base.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DistributionException(Kind.MISSING_ARTIFACT,
                    Text.of("distribution.artifact.unreadable", base.toString(), String.valueOf(e.getMessage())), e);
        }
    }
}
