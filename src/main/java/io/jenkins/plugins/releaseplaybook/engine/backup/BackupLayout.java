package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where backups live and what they are called. {@code <destination>/<name>/<id><extension>} is the archive and
 * {@code <id>.manifest.json} its manifest; work in progress has a name starting with a dot and is never listed.
 * An id is {@code <name>-<UTC time yyyyMMdd'T'HHmmss'Z'>-<6 hex>}, so ids sort by time within a name.
 *
 * <p>A source's archive path is its absolute path without the root: {@code /opt/checkout} is stored as
 * {@code opt/checkout}, {@code C:\app} as {@code C/app}. Dumps are stored under {@link #DUMPS_PREFIX}.
 */
public final class BackupLayout {
    /** Archive folder for command dumps; no source may map into it. */
    public static final String DUMPS_PREFIX = ".release-playbook/dumps";
    public static final String MANIFEST_SUFFIX = ".manifest.json";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupLayout() {}

    /** @throws BackupException {@link BackupException.Kind#INVALID_SPEC} for a name that cannot be a folder */
    public static String checkName(String name) throws BackupException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BackupException(BackupException.Kind.INVALID_SPEC, Text.of("backup.name.invalid",
                    String.valueOf(name)));
        }
        return name;
    }

    public static String newId(String name, Instant now) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return name + "-" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }

    /** The name part of an id, or empty when it is not an id. */
    public static Optional<String> nameOf(String id) {
        int time = id == null ? -1 : id.lastIndexOf('-', id.lastIndexOf('-') - 1);
        if (time <= 0) {
            return Optional.empty();
        }
        String name = id.substring(0, time);
        return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    public static Path folder(Path destination, String name) {
        return destination.resolve(name);
    }

    public static Path archive(Path destination, String name, String id, Compression compression) {
        return folder(destination, name).resolve(id + compression.extension());
    }

    public static Path manifest(Path destination, String name, String id) {
        return folder(destination, name).resolve(id + MANIFEST_SUFFIX);
    }

    /** A temporary sibling of {@code finalFile}, hidden from listing. */
    public static Path temporary(Path finalFile) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return finalFile.resolveSibling("." + finalFile.getFileName() + ".tmp-" + HexFormat.of().formatHex(suffix));
    }

    /** The archive path of an absolute source path. */
    public static String archivePath(Path absoluteSource) {
        Path root = absoluteSource.getRoot();
        StringBuilder out = new StringBuilder();
        if (root != null) {
            String drive = root.toString().replace("\\", "").replace("/", "").replace(":", "");
            if (!drive.isEmpty()) {
                out.append(drive);
            }
        }
        for (Path part : absoluteSource.normalize()) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    /** Manifests of every listed backup of {@code name}, newest first; none when the folder does not exist. */
    public static List<Path> manifests(Path destination, String name) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder(destination, name), "*" + MANIFEST_SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (!fileName.startsWith(".") && Files.isRegularFile(file)) {
                    found.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        found.sort(Comparator.comparing((Path file) -> idOf(file), BackupLayout::compareIds).reversed());
        return found;
    }

    /** The manifest of backup {@code id}, which must be listed. */
    public static Path find(Path destination, String id) throws BackupException {
        String name = nameOf(id).orElseThrow(() -> new BackupException(BackupException.Kind.NOT_FOUND,
                Text.of("backup.id.invalid", String.valueOf(id))));
        Path manifest = manifest(destination, name, id);
        if (!Files.isRegularFile(manifest)) {
            throw new BackupException(BackupException.Kind.NOT_FOUND, Text.of("backup.id.notFound", id, destination));
        }
        return manifest;
    }

    /** The newest listed backup of {@code name}. */
    public static Path latest(Path destination, String name) throws BackupException {
        checkName(name);
        try {
            List<Path> all = manifests(destination, name);
            if (all.isEmpty()) {
                throw new BackupException(BackupException.Kind.NOT_FOUND,
                        Text.of("backup.name.none", name, destination));
            }
            return all.get(0);
        } catch (IOException e) {
            throw new BackupException(BackupException.Kind.IO, Text.of("backup.list.failed",
                    folder(destination, name), String.valueOf(e.getMessage())), e);
        }
    }

    static String idOf(Path manifest) {
        String fileName = manifest.getFileName().toString();
        return fileName.substring(0, fileName.length() - MANIFEST_SUFFIX.length());
    }

    /** By time part, then the whole id, so two backups within a second still sort stably. */
    private static int compareIds(String a, String b) {
        return a.compareTo(b);
    }
}
