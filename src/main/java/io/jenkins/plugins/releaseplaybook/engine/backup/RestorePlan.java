package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a restore will write, decided from the manifest alone before a byte of the archive is read: the manifest is
 * checked as a whole (every entry a safe relative path under a source or a dump, each directory before its
 * children, nothing below a link or a file, relative links inside their source), then cut into units, each put in
 * place by one rename.
 */
final class RestorePlan {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String DUMPS_PARENT = EntryPaths.parent(BackupLayout.DUMPS_PREFIX);

    /**
     * One path put in place atomically.
     *
     * @param root the archive path of the unit's top entry
     * @param destination where that entry goes
     * @param entries the entries at or below {@code root}, in archive order
     * @param base the folder below which no existing link may be followed on the way to {@code destination}
     *     (the target, or the source when only a path under it is restored); {@code null} when the whole source
     *     goes back in place, where the host's own layout above it (say {@code /opt -> /data/opt}) is trusted
     */
    record Unit(String root, Path destination, List<ManifestEntry> entries, boolean dump, Path base) {}

    final BackupManifest manifest;
    final Path manifestFile;
    final Path archive;
    /** Units to write, in source order, then dumps. */
    final List<Unit> units;
    /** Dumps that an in-place restore leaves in the archive. */
    final List<ManifestEntry> dumpsKept;
    /** Archive paths of the entries some unit writes. */
    final Set<String> selected;

    private RestorePlan(BackupManifest manifest, Path manifestFile, List<Unit> units, List<ManifestEntry> dumpsKept) {
        this.manifest = manifest;
        this.manifestFile = manifestFile;
        this.archive = manifestFile.resolveSibling(manifest.archiveFile());
        this.units = List.copyOf(units);
        this.dumpsKept = List.copyOf(dumpsKept);
        Set<String> paths = new HashSet<>();
        for (Unit unit : units) {
            for (ManifestEntry entry : unit.entries()) {
                paths.add(entry.path());
            }
        }
        this.selected = paths;
    }

    /**
     * @param target {@code null} to restore in place
     * @param paths sources, absolute paths under them, or archive paths; empty for all
     */
    static RestorePlan of(BackupManifest manifest, Path manifestFile, Path target, List<String> paths)
            throws BackupException {
        String id = manifest.id();
        checkArchiveName(manifest);
        Map<String, String> roots = roots(manifest); // archive path -> source as the manifest lists it
        Map<String, ManifestEntry> byPath = checkEntries(manifest, roots.keySet());

        List<Unit> units = new ArrayList<>();
        List<ManifestEntry> dumpsKept = new ArrayList<>();
        for (Map.Entry<String, String> root : roots.entrySet()) {
            if (!byPath.containsKey(root.getKey())) {
                throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.source.empty", id, root.getValue()));
            }
            units.add(new Unit(root.getKey(), destination(target, root.getKey(), root.getValue()),
                    under(manifest, root.getKey()), false, target));
        }
        List<Unit> dumps = new ArrayList<>();
        for (ManifestEntry entry : manifest.entries()) {
            if (entry.type() == EntryType.DUMP) {
                if (target == null) {
                    dumpsKept.add(entry);
                } else {
                    dumps.add(new Unit(entry.path(), EntryPaths.resolve(target, entry.path()), List.of(entry), true,
                            target));
                }
            }
        }
        if (paths.isEmpty()) {
            units.addAll(dumps);
            return new RestorePlan(manifest, manifestFile, units, dumpsKept);
        }
        return new RestorePlan(manifest, manifestFile, select(manifest, roots, byPath, units, dumps, dumpsKept, paths),
                selectedDumps(dumpsKept, paths));
    }

    private static void checkArchiveName(BackupManifest manifest) throws BackupException {
        String file = manifest.archiveFile();
        if (!EntryPaths.isSafe(file) || file.contains("/") || file.contains("\\")) {
            throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.archive.name", manifest.id(), file));
        }
    }

    /** Top-level sources by archive path; a source inside another is restored with it. */
    private static Map<String, String> roots(BackupManifest manifest) throws BackupException {
        Map<String, String> all = new LinkedHashMap<>();
        for (String source : manifest.sources()) {
            String archivePath;
            try {
                Path path = Path.of(source);
                archivePath = path.isAbsolute() ? BackupLayout.archivePath(path) : null;
            } catch (InvalidPathException e) {
                archivePath = null;
            }
            if (archivePath == null || !EntryPaths.isSafe(archivePath)
                    || EntryPaths.isUnder(archivePath, DUMPS_PARENT)) {
                throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.source.invalid", manifest.id(),
                        source));
            }
            all.putIfAbsent(archivePath, source);
        }
        Map<String, String> top = new LinkedHashMap<>();
        for (Map.Entry<String, String> root : all.entrySet()) {
            boolean nested = false;
            for (String other : all.keySet()) {
                nested |= !other.equals(root.getKey()) && EntryPaths.isUnder(root.getKey(), other);
            }
            if (!nested) {
                top.put(root.getKey(), root.getValue());
            }
        }
        return top;
    }

    /** Checks every entry of the manifest; returns them by path. */
    private static Map<String, ManifestEntry> checkEntries(BackupManifest manifest, Set<String> roots)
            throws BackupException {
        String id = manifest.id();
        Map<String, ManifestEntry> byPath = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        for (ManifestEntry entry : manifest.entries()) {
            String path = entry.path();
            if (!EntryPaths.isSafe(path)) {
                throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.path.unsafe", id, path));
            }
            if (byPath.containsKey(path)) {
                throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.path.duplicate", id, path));
            }
            checkFields(id, entry);
            boolean dumpArea = EntryPaths.isUnder(path, DUMPS_PARENT);
            if (dumpArea) {
                boolean folder = entry.type() == EntryType.DIRECTORY
                        && (path.equals(DUMPS_PARENT) || path.equals(BackupLayout.DUMPS_PREFIX));
                boolean dump = entry.type() == EntryType.DUMP
                        && BackupLayout.DUMPS_PREFIX.equals(EntryPaths.parent(path));
                if (!folder && !dump) {
                    throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.dump.misplaced", id, path));
                }
            } else if (entry.type() == EntryType.DUMP) {
                throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.dump.misplaced", id, path));
            } else if (roots.stream().noneMatch(root -> EntryPaths.isUnder(path, root))) {
                throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.path.outside", id, path));
            }
            String parent = EntryPaths.parent(path);
            // the dump folders are never written as entries, so their order does not matter
            boolean top = roots.contains(path) || dumpArea;
            if (!top) {
                ManifestEntry folder = byPath.get(parent);
                if (folder == null) {
                    throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.path.order", id, path, parent));
                }
                if (folder.type() != EntryType.DIRECTORY) {
                    throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.path.belowLink", id, path, parent));
                }
            }
            byPath.put(path, entry);
            if (entry.type() == EntryType.SYMLINK) {
                links.put(path, entry.linkTarget());
            }
        }
        for (ManifestEntry entry : manifest.entries()) {
            if (entry.type() == EntryType.SYMLINK && !roots.contains(entry.path())) {
                checkLink(id, entry, roots, links);
            }
        }
        return byPath;
    }

    private static void checkFields(String id, ManifestEntry entry) throws BackupException {
        if (entry.sha256() != null && !SHA256.matcher(entry.sha256()).matches()) {
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.manifest.field", id, entry.path(), "sha256",
                    entry.sha256()));
        }
        if (entry.mode() < 0 || entry.mode() > 07777) {
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.manifest.field", id, entry.path(), "mode",
                    Integer.toOctalString(entry.mode())));
        }
        if (entry.mtime() == null) {
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.manifest.field", id, entry.path(), "mtime",
                    "null"));
        }
    }

    /**
     * A link that is itself a source is restored as it was (it is what was backed up, and nothing is written below
     * it). Any other link: an absolute target is kept as it is (it names a place on the host, such as
     * {@code logs -> /var/log/app}, and nothing is ever written through it); a relative one must stay in its source.
     */
    private static void checkLink(String id, ManifestEntry entry, Set<String> roots, Map<String, String> links)
            throws BackupException {
        String target = entry.linkTarget();
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.link.escapes", id, entry.path(), target,
                    "-"));
        }
        if (EntryPaths.isAbsoluteLink(target)) {
            return;
        }
        String root = roots.stream().filter(r -> EntryPaths.isUnder(entry.path(), r)).findFirst().orElseThrow();
        EntryPaths.LinkProblem problem = EntryPaths.checkRelativeLink(entry.path(), target, root, links);
        if (problem == EntryPaths.LinkProblem.LOOPS) {
            throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.link.loop", id, entry.path(), target));
        }
        if (problem == EntryPaths.LinkProblem.ESCAPES) {
            throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.link.escapes", id, entry.path(), target,
                    root));
        }
    }

    private static Path destination(Path target, String archivePath, String source) {
        return target == null ? Path.of(source).normalize() : EntryPaths.resolve(target, archivePath);
    }

    private static List<ManifestEntry> under(BackupManifest manifest, String root) {
        List<ManifestEntry> out = new ArrayList<>();
        for (ManifestEntry entry : manifest.entries()) {
            if (EntryPaths.isUnder(entry.path(), root)) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Units for the paths asked for; a path below another asked for is restored with it. */
    private static List<Unit> select(BackupManifest manifest, Map<String, String> roots,
            Map<String, ManifestEntry> byPath, List<Unit> sourceUnits, List<Unit> dumps, List<ManifestEntry> dumpsKept,
            List<String> paths) throws BackupException {
        List<String> wanted = new ArrayList<>();
        for (String asked : paths) {
            String archivePath = archivePathOf(manifest, roots, asked);
            if (archivePath == null || !byPath.containsKey(archivePath)) {
                throw new BackupException(Kind.NOT_FOUND, Text.of("backup.restore.path.notInBackup", asked,
                        manifest.id(), String.join(", ", manifest.sources())));
            }
            wanted.add(archivePath);
        }
        List<Unit> out = new ArrayList<>();
        for (String path : wanted) {
            boolean covered = false;
            for (String other : wanted) {
                covered |= !other.equals(path) && EntryPaths.isUnder(path, other);
            }
            if (covered || out.stream().anyMatch(unit -> unit.root().equals(path))) {
                continue;
            }
            for (Unit unit : sourceUnits) {
                if (EntryPaths.isUnder(path, unit.root())) {
                    String relative = EntryPaths.relative(path, unit.root());
                    if (relative.isEmpty()) {
                        out.add(unit);
                    } else {
                        // in place, the source folder itself must not have become a link either
                        Path base = unit.base() != null ? unit.base() : unit.destination().getParent();
                        out.add(new Unit(path, EntryPaths.resolve(unit.destination(), relative), under(manifest, path),
                                false, base));
                    }
                }
            }
            for (Unit dump : dumps) {
                if (EntryPaths.isUnder(dump.root(), path)) {
                    out.add(dump);
                }
            }
        }
        return out;
    }

    private static List<ManifestEntry> selectedDumps(List<ManifestEntry> dumpsKept, List<String> paths) {
        List<ManifestEntry> out = new ArrayList<>();
        for (ManifestEntry dump : dumpsKept) {
            for (String asked : paths) {
                if (EntryPaths.isUnder(dump.path(), asked.replace('\\', '/'))) {
                    out.add(dump);
                    break;
                }
            }
        }
        return out;
    }

    /** The archive path of a source, a path under one, or an archive path as written; {@code null} if none. */
    private static String archivePathOf(BackupManifest manifest, Map<String, String> roots, String asked) {
        String trimmed = asked == null ? "" : asked.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        Path path;
        try {
            path = Path.of(trimmed);
        } catch (InvalidPathException e) {
            return null;
        }
        if (!path.isAbsolute()) {
            String relative = trimmed.replace('\\', '/');
            while (relative.endsWith("/")) {
                relative = relative.substring(0, relative.length() - 1);
            }
            return EntryPaths.isSafe(relative) ? relative : null;
        }
        Path normalized = path.normalize();
        for (Map.Entry<String, String> root : roots.entrySet()) {
            Path source = Path.of(root.getValue()).normalize();
            if (normalized.startsWith(source)) {
                Path relative = source.relativize(normalized);
                String suffix = relative.toString().isEmpty() ? ""
                        : "/" + relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
                return root.getKey() + suffix;
            }
        }
        return null;
    }

    static String describe(EntryType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
