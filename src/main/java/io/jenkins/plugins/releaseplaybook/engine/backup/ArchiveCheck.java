package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * The restorer's own check of an archive against its manifest, in one pass: the archive file's size and SHA-256,
 * and each tar entry's name, type, size, link target and content SHA-256, in manifest order, with nothing before,
 * between or after. Hard links, devices, FIFOs and sparse entries are refused. Content of the entries a restore
 * wants is handed to an {@link EntrySink} while it is hashed; the caller must not use any of it unless
 * {@link #run} returns normally, because the last check (the archive's checksum) comes at the end.
 *
 * <p>Everything the archive says that the manifest does not (tar modes, times, owners) is ignored: the manifest is
 * what the restore applies. Any failure to read or decode the archive is {@link Kind#CORRUPT}; the sink reports its
 * own failures (the target's disk) as it sees fit.
 */
final class ArchiveCheck {
    private static final int BUFFER = 64 * 1024;
    /** Bytes between checks for an interrupt while copying one entry. */
    private static final long INTERRUPT_CHECK = 1 << 20;

    /** Receives the entries a restore writes. */
    interface EntrySink {
        /** Whether {@code entry} is written; otherwise it is only checked. */
        boolean wants(ManifestEntry entry);

        void directory(ManifestEntry entry) throws BackupException, InterruptedException;

        void symlink(ManifestEntry entry) throws BackupException, InterruptedException;

        /** A stream for the content of a file or dump; closed by the caller through {@link #closeFile}. */
        OutputStream file(ManifestEntry entry) throws BackupException, InterruptedException;

        /** Writes {@code length} bytes of the current file. */
        void write(ManifestEntry entry, OutputStream out, byte[] buffer, int length)
                throws BackupException, InterruptedException;

        void closeFile(ManifestEntry entry, OutputStream out) throws BackupException, InterruptedException;
    }

    /** Checks only. */
    static final EntrySink NOTHING = new EntrySink() {
        @Override
        public boolean wants(ManifestEntry entry) {
            return false;
        }

        @Override
        public void directory(ManifestEntry entry) {}

        @Override
        public void symlink(ManifestEntry entry) {}

        @Override
        public OutputStream file(ManifestEntry entry) {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void write(ManifestEntry entry, OutputStream out, byte[] buffer, int length) {}

        @Override
        public void closeFile(ManifestEntry entry, OutputStream out) {}
    };

    private ArchiveCheck() {}

    /**
     * @param archive the archive file the manifest names
     * @throws BackupException {@link Kind#CORRUPT}, {@link Kind#HOSTILE}, {@link Kind#NOT_FOUND}, or what the sink
     *     throws
     */
    static void run(BackupManifest manifest, Path archive, EntrySink sink)
            throws BackupException, InterruptedException {
        checkSize(manifest, archive);
        String where = archive.toString();
        MessageDigest whole = sha256();
        String at = "-";
        // two threads, as in the verifier: reading, hashing the archive and decompressing on the reader's; the tar,
        // each entry's hash and the staging writes here
        try (InputStream file = Files.newInputStream(archive);
                DigestInputStream raw = new DigestInputStream(file, whole);
                InputStream hashed = new BufferedInputStream(raw, BUFFER);
                // closed too: zstd holds native memory
                InputStream decompressed = decompress(manifest.compression(), hashed);
                DecompressingReader reader = new DecompressingReader(hashed, decompressed,
                        archive.getFileName().toString())) {
            InputStream stream = reader.stream();
            EndCheckingTar tar = new EndCheckingTar(stream);
            byte[] buffer = new byte[BUFFER];
            for (ManifestEntry expected : manifest.entries()) {
                checkInterrupt();
                at = expected.path();
                TarArchiveEntry found = tar.getNextEntry();
                if (found == null) {
                    throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.archive.ends", where, at));
                }
                checkHeader(where, expected, found);
                entry(where, expected, tar, sink, buffer);
            }
            at = "-";
            TarArchiveEntry extra = tar.getNextEntry();
            if (extra != null) {
                String name = nameOf(extra);
                throw new BackupException(EntryPaths.isSafe(name) ? Kind.CORRUPT : Kind.HOSTILE,
                        Text.of("backup.restore.entry.extra", where, name));
            }
            if (tar.endRecords < 2) {
                throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.archive.noEnd", where));
            }
            // to the end of the compressed stream, so that its own checks (gzip CRC, zstd frames) run; then the
            // reader hashes the rest of the file: what the tar reader did not need counts for the checksum
            stream.transferTo(OutputStream.nullOutputStream());
            reader.finish();
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException | RuntimeException e) {
            // a broken tar header, a bad gzip or zstd frame, a truncated stream: all are a damaged archive
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.archive.unreadable", where, at,
                    String.valueOf(e.getMessage())), e);
        }
        String actual = HexFormat.of().formatHex(whole.digest());
        if (!actual.equals(manifest.archiveSha256())) {
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.archive.sha256", where, actual,
                    manifest.archiveSha256()));
        }
    }

    /**
     * Tells an archive that ends with its end-of-archive marker (two zero blocks) from one that was cut off at or
     * in it, which the tar reader reports alike.
     */
    private static final class EndCheckingTar extends TarArchiveInputStream {
        int endRecords;

        EndCheckingTar(InputStream in) {
            super(in, StandardCharsets.UTF_8.name());
        }

        @Override
        protected boolean isEOFRecord(byte[] record) {
            boolean end = super.isEOFRecord(record);
            if (end && record != null) {
                endRecords++;
            }
            return end;
        }
    }

    /** The archive exists and has the size its manifest says. */
    static void checkSize(BackupManifest manifest, Path archive) throws BackupException {
        String where = archive.toString();
        long size;
        try {
            size = Files.size(archive);
        } catch (NoSuchFileException e) {
            throw new BackupException(Kind.NOT_FOUND, Text.of("backup.restore.archive.missing", where, manifest.id()),
                    e);
        } catch (IOException e) {
            throw new BackupException(Kind.IO, Text.of("backup.restore.archive.unreadable", where, "-",
                    String.valueOf(e.getMessage())), e);
        }
        if (size != manifest.archiveSize()) {
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.archive.size", where, size,
                    manifest.archiveSize()));
        }
    }

    private static InputStream decompress(Compression compression, InputStream in) throws IOException {
        switch (compression) {
            case GZIP:
                return new GZIPInputStream(in, BUFFER);
            case ZSTD:
                return new ZstdCompressorInputStream(in);
            case NONE:
            default:
                return in;
        }
    }

    private static void checkHeader(String where, ManifestEntry expected, TarArchiveEntry found)
            throws BackupException {
        String name = nameOf(found);
        if (!name.equals(expected.path())) {
            throw new BackupException(EntryPaths.isSafe(name) ? Kind.CORRUPT : Kind.HOSTILE,
                    Text.of("backup.restore.entry.unexpected", where, name, expected.path()));
        }
        EntryType type = typeOf(where, found);
        boolean content = expected.type() == EntryType.FILE || expected.type() == EntryType.DUMP;
        if (content ? type != EntryType.FILE : type != expected.type()) {
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.entry.type", where, name,
                    RestorePlan.describe(type), RestorePlan.describe(expected.type())));
        }
        if (type == EntryType.SYMLINK && !expected.linkTarget().equals(found.getLinkName())) {
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.entry.link", where, name,
                    found.getLinkName(), expected.linkTarget()));
        }
        long size = found.getSize();
        long wanted = content ? expected.size() : 0;
        if (size != wanted) {
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.entry.size", where, name, size, wanted));
        }
    }

    private static String nameOf(TarArchiveEntry entry) {
        String name = entry.getName();
        while (name.endsWith("/") && name.length() > 1) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    private static EntryType typeOf(String where, TarArchiveEntry entry) throws BackupException {
        String name = nameOf(entry);
        if (entry.isSymbolicLink()) {
            return EntryType.SYMLINK;
        }
        if (entry.isLink()) {
            throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.entry.hardLink", where, name,
                    String.valueOf(entry.getLinkName())));
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || entry.isSparse()) {
            throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.entry.special", where, name));
        }
        if (entry.isDirectory()) {
            return EntryType.DIRECTORY;
        }
        byte flag = entry.getLinkFlag();
        if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG) {
            return EntryType.FILE;
        }
        throw new BackupException(Kind.HOSTILE, Text.of("backup.restore.entry.special", where, name));
    }

    private static void entry(String where, ManifestEntry expected, TarArchiveInputStream tar, EntrySink sink,
            byte[] buffer) throws BackupException, IOException, InterruptedException {
        boolean write = sink.wants(expected);
        switch (expected.type()) {
            case DIRECTORY:
                if (write) {
                    sink.directory(expected);
                }
                return;
            case SYMLINK:
                if (write) {
                    sink.symlink(expected);
                }
                return;
            default:
                break;
        }
        MessageDigest digest = sha256();
        OutputStream out = write ? sink.file(expected) : null;
        boolean closed = false;
        try {
            long done = 0;
            long nextCheck = INTERRUPT_CHECK;
            while (done < expected.size()) {
                int read = tar.read(buffer, 0, (int) Math.min(buffer.length, expected.size() - done));
                if (read < 0) {
                    break;
                }
                digest.update(buffer, 0, read);
                if (out != null) {
                    sink.write(expected, out, buffer, read);
                }
                done += read;
                if (done >= nextCheck) {
                    checkInterrupt();
                    nextCheck = done + INTERRUPT_CHECK;
                }
            }
            if (done != expected.size()) {
                throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.entry.truncated", where,
                        expected.path(), done, expected.size()));
            }
            if (out != null) {
                closed = true;
                sink.closeFile(expected, out);
            }
        } finally {
            if (out != null && !closed) {
                try {
                    out.close();
                } catch (IOException e) {
                    // already failing; the staged file is removed with its staging folder
                }
            }
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected.sha256())) {
            throw new BackupException(Kind.CORRUPT, Text.of("backup.restore.entry.sha256", where, expected.path(),
                    actual, expected.sha256()));
        }
    }

    static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("restore interrupted");
        }
    }

    static InterruptedException interrupted(Throwable cause) {
        Thread.interrupted();
        InterruptedException e = new InterruptedException("restore interrupted");
        e.initCause(cause);
        return e;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
