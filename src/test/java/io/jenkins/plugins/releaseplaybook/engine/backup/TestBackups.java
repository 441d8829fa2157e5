package io.jenkins.plugins.releaseplaybook.engine.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Writes backups for the restorer's tests without the writer: a tar (PAX headers) in the chosen compression and its
 * manifest, exactly as the archive format of the backup package says, with hooks to make them hostile or damaged.
 */
final class TestBackups {
    static final Instant TIME = Instant.parse("2026-11-30T08:00:00Z");

    /** One archive entry: what the manifest says and what the tar holds (either may be left out or differ). */
    static final class Item {
        ManifestEntry entry;
        String tarName;
        byte tarType;
        String tarLink;
        byte[] content;
    }

    private final Path destination;
    private final String name;
    private final Compression compression;
    private final List<String> sources = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();
    private UnaryOperator<byte[]> tarMutation = UnaryOperator.identity();
    private UnaryOperator<byte[]> archiveMutation = UnaryOperator.identity();
    private boolean hashMutatedArchive;
    private String archiveFileName;

    private TestBackups(Path destination, String name, Compression compression) {
        this.destination = destination;
        this.name = name;
        this.compression = compression;
    }

    static TestBackups of(Path destination, String name, Compression compression) {
        return new TestBackups(destination, name, compression);
    }

    /** A backup of real trees, walked as the writer walks them: each directory before its children, names sorted. */
    static Path ofTrees(Path destination, String name, Compression compression, Path... roots) throws IOException {
        TestBackups backup = of(destination, name, compression);
        for (Path root : roots) {
            backup.source(root.toString());
            backup.walk(root, BackupLayout.archivePath(root));
        }
        return backup.write();
    }

    private void walk(Path path, String archivePath) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        Instant mtime = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
        if (attributes.isSymbolicLink()) {
            add(ManifestEntry.symlink(archivePath, Files.readSymbolicLink(path).toString(), mtime), null);
        } else if (attributes.isDirectory()) {
            add(ManifestEntry.directory(archivePath, RestoreFiles.mode(path), mtime), null);
            List<Path> children;
            try (Stream<Path> list = Files.list(path)) {
                children = list.sorted().toList();
            }
            for (Path child : children) {
                walk(child, archivePath + "/" + child.getFileName());
            }
        } else {
            byte[] content = Files.readAllBytes(path);
            add(ManifestEntry.file(archivePath, content.length, RestoreFiles.mode(path), mtime, sha256(content)),
                    content);
        }
    }

    TestBackups source(String absolutePath) {
        sources.add(absolutePath);
        return this;
    }

    TestBackups dir(String path) {
        return add(ManifestEntry.directory(path, 0755, TIME), null);
    }

    TestBackups file(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return add(ManifestEntry.file(path, bytes.length, 0644, TIME, sha256(bytes)), bytes);
    }

    TestBackups symlink(String path, String target) {
        return add(ManifestEntry.symlink(path, target, TIME), null);
    }

    TestBackups dump(String dumpName, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return add(ManifestEntry.dump(BackupLayout.DUMPS_PREFIX + "/" + dumpName, bytes.length, TIME, sha256(bytes)),
                bytes);
    }

    /** An entry in both, the tar one made from the manifest one. */
    TestBackups add(ManifestEntry entry, byte[] content) {
        Item item = new Item();
        item.entry = entry;
        item.tarName = entry.path();
        item.tarType = switch (entry.type()) {
            case DIRECTORY -> TarConstants.LF_DIR;
            case SYMLINK -> TarConstants.LF_SYMLINK;
            default -> TarConstants.LF_NORMAL;
        };
        item.tarLink = entry.linkTarget();
        item.content = content == null ? new byte[0] : content;
        items.add(item);
        return this;
    }

    /** A tar entry the manifest does not list. */
    TestBackups tarOnly(String tarName, byte tarType, String link, String content) {
        Item item = new Item();
        item.tarName = tarName;
        item.tarType = tarType;
        item.tarLink = link;
        item.content = content.getBytes(StandardCharsets.UTF_8);
        items.add(item);
        return this;
    }

    /** The last item, to change what its tar entry says. */
    Item last() {
        return items.get(items.size() - 1);
    }

    List<Item> items() {
        return items;
    }

    /** Changes the uncompressed tar before it is compressed. */
    TestBackups mutateTar(UnaryOperator<byte[]> mutation) {
        this.tarMutation = mutation;
        return this;
    }

    /**
     * Changes the archive file's bytes.
     *
     * @param rehash whether the manifest gets the changed file's checksum and size (an attacker who rewrites both)
     */
    TestBackups mutateArchive(UnaryOperator<byte[]> mutation, boolean rehash) {
        this.archiveMutation = mutation;
        this.hashMutatedArchive = rehash;
        return this;
    }

    TestBackups archiveFileName(String fileName) {
        this.archiveFileName = fileName;
        return this;
    }

    /** Writes archive and manifest under {@code <destination>/<name>/}; returns the manifest file. */
    Path write() throws IOException {
        byte[] tar = tarMutation.apply(tar());
        byte[] archive = compress(tar);
        byte[] mutated = archiveMutation.apply(archive.clone());
        byte[] hashed = hashMutatedArchive ? mutated : archive;
        String id = name + "-20261130T080000Z-abcdef";
        Path folder = Files.createDirectories(BackupLayout.folder(destination, name));
        String fileName = archiveFileName != null ? archiveFileName : id + compression.extension();
        Files.write(folder.resolve(id + compression.extension()), mutated);
        List<ManifestEntry> entries = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        for (Item item : items) {
            if (item.entry != null) {
                entries.add(item.entry);
                if (item.entry.sha256() != null) {
                    files++;
                    bytes += item.entry.size();
                }
            }
        }
        BackupManifest manifest = new BackupManifest(BackupManifest.SCHEMA_VERSION, id, name, TIME, "test-host",
                "tester",
                compression, fileName, sha256(hashed), hashed.length, sources, List.of(), List.of(), entries, files,
                bytes, "test");
        Path manifestFile = BackupLayout.manifest(destination, name, id);
        Files.write(manifestFile, BackupManifestJson.toBytes(manifest));
        return manifestFile;
    }

    /** The tar as {@link #write()} writes it, before any mutation and compression. */
    byte[] tar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (Item item : items) {
                String tarName = item.tarType == TarConstants.LF_DIR ? item.tarName + "/" : item.tarName;
                TarArchiveEntry entry = new TarArchiveEntry(tarName, item.tarType, true);
                if (item.tarLink != null) {
                    entry.setLinkName(item.tarLink);
                }
                boolean content = item.tarType == TarConstants.LF_NORMAL;
                entry.setSize(content ? item.content.length : 0);
                entry.setMode(item.entry != null && item.entry.mode() != 0 ? item.entry.mode() : 0644);
                entry.setModTime(item.entry != null ? item.entry.mtime().toEpochMilli() : TIME.toEpochMilli());
                tar.putArchiveEntry(entry);
                if (content) {
                    tar.write(item.content);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return out.toByteArray();
    }

    byte[] compress(byte[] tar) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream compressed = switch (compression) {
                case GZIP -> new GZIPOutputStream(out);
                case ZSTD -> new ZstdCompressorOutputStream(out);
                case NONE -> out;
            }) {
                compressed.write(tar);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code manifest} for an archive with these bytes. */
    static BackupManifest withArchive(BackupManifest m, byte[] archive) {
        return new BackupManifest(m.schemaVersion(), m.id(), m.name(), m.createdAt(), m.host(), m.user(),
                m.compression(), m.archiveFile(), sha256(archive), archive.length, m.sources(), m.excludes(), m.dumps(),
                m.entries(), m.files(), m.bytes(), m.engineVersion());
    }

    static String sha256(byte[] content) {
        MessageDigest digest = ArchiveCheck.sha256();
        return HexFormat.of().formatHex(digest.digest(content));
    }
}
