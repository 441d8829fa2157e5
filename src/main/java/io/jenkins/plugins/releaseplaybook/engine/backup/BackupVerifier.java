package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Re-reads an archive and checks it against its manifest: the file's size and SHA-256, then every entry in order
 * (name, type, size, mode, link target, content SHA-256), and that the archive holds no entry more or less. The
 * first difference is reported exactly (entry, what, expected, actual). Whatever the archive holds (truncated or
 * garbage compressed data, a broken tar header), the only exception is {@link BackupException}.
 */
public final class BackupVerifier {
    private static final int BUFFER = 1 << 20;

    private BackupVerifier() {}

    /**
     * @return the manifest, when the archive's checksum and every entry match it
     * @throws BackupException {@link BackupException.Kind#CORRUPT} naming the first mismatch (entry, expected,
     *     actual), {@link BackupException.Kind#HOSTILE} for an entry no restore may write
     */
    public static BackupManifest verify(Path manifestFile, BackupProgress progress)
            throws BackupException, InterruptedException {
        BackupManifest manifest = BackupManifestJson.read(manifestFile);
        String archiveFile = manifest.archiveFile();
        if (archiveFile.isEmpty() || archiveFile.contains("/") || archiveFile.contains("\\")
                || archiveFile.equals(".") || archiveFile.equals("..") || archiveFile.indexOf('\0') >= 0) {
            throw new BackupException(BackupException.Kind.HOSTILE, Text.of("backup.verify.archiveName", manifestFile,
                    archiveFile));
        }
        verify(manifest, manifestFile.resolveSibling(archiveFile), progress, Clock.systemUTC());
        return manifest;
    }

    /** Checks {@code archive} (which may still have its temporary name) against {@code manifest}. */
    static void verify(BackupManifest manifest, Path archive, BackupProgress progress, Clock clock)
            throws BackupException, InterruptedException {
        checkManifest(manifest, archive);
        long size;
        try {
            size = Files.size(archive);
        } catch (NoSuchFileException e) {
            throw new BackupException(BackupException.Kind.NOT_FOUND, Text.of("backup.verify.noArchive", archive), e);
        } catch (IOException e) {
            throw new BackupException(BackupException.Kind.IO, Text.of("backup.verify.io", archive,
                    Failures.reason(e)), e);
        }
        if (size != manifest.archiveSize()) {
            throw corrupt(Text.of("backup.verify.size", archive, size, manifest.archiveSize()));
        }
        ProgressMeter meter = new ProgressMeter(manifest.name(), progress, clock, Duration.ofSeconds(5),
                "backup.progress.verify");
        MessageDigest archiveDigest = Codecs.sha256();
        Text firstProblem = null;
        BackupException.Kind problemKind = BackupException.Kind.CORRUPT;
        try (InputStream raw = Files.newInputStream(archive);
                HashingInput hashed = new HashingInput(new BufferedInputStream(raw, 256 * 1024), archiveDigest)) {
            InputStream decompressed = null;
            try {
                decompressed = Codecs.decompress(manifest.compression(), hashed);
            } catch (IOException | RuntimeException e) {
                firstProblem = Text.of("backup.verify.unreadable", archive, Failures.reason(e));
            }
            if (decompressed == null) {
                hashed.transferTo(java.io.OutputStream.nullOutputStream()); // for the checksum
            } else {
                // two threads: reading, hashing and decompressing there; the tar and each entry's hash here
                try (DecompressingReader reader = new DecompressingReader(hashed, decompressed,
                        archive.getFileName().toString())) {
                    try {
                        new EntryCheck(manifest, archive, meter).run(reader.stream());
                    } catch (Mismatch m) {
                        firstProblem = m.text;
                        problemKind = m.kind;
                    } catch (IOException | RuntimeException e) {
                        if (e instanceof java.io.InterruptedIOException || Thread.currentThread().isInterrupted()) {
                            throw Failures.interrupted(e);
                        }
                        // unreadable compressed data or tar structure: the checksum says whether the file changed
                        firstProblem = Text.of("backup.verify.unreadable", archive, Failures.reason(e));
                    }
                    reader.finish();
                }
            }
        } catch (IOException e) {
            if (Failures.isInterrupt(e)) {
                throw Failures.interrupted(e);
            }
            throw new BackupException(BackupException.Kind.IO, Text.of("backup.verify.io", archive,
                    Failures.reason(e)), e);
        }
        String sha = Codecs.hex(archiveDigest.digest());
        if (!sha.equals(manifest.archiveSha256())) {
            throw corrupt(Text.of("backup.verify.checksum", archive, sha, manifest.archiveSha256()));
        }
        if (firstProblem != null) {
            throw new BackupException(problemKind, firstProblem);
        }
        progress.report(Text.of("backup.progress.verified", manifest.name(), archive.getFileName(),
                ProgressMeter.count(manifest.entries().size()), ProgressMeter.seconds(meter.elapsed())));
    }

    /** What the manifest itself must be before any archive is worth reading. */
    private static void checkManifest(BackupManifest manifest, Path archive) throws BackupException {
        Set<String> seen = new HashSet<>();
        long files = 0;
        long bytes = 0;
        for (ManifestEntry entry : manifest.entries()) {
            if (!safe(entry.path())) {
                throw new BackupException(BackupException.Kind.HOSTILE, Text.of("backup.verify.hostileName", archive,
                        entry.path()));
            }
            if (!seen.add(entry.path())) {
                throw corrupt(Text.of("backup.verify.duplicate", archive, entry.path()));
            }
            if (entry.type() == EntryType.FILE || entry.type() == EntryType.DUMP) {
                files++;
                bytes += entry.size();
            }
        }
        if (files != manifest.files() || bytes != manifest.bytes()) {
            throw corrupt(Text.of("backup.verify.counts", archive, manifest.files(), manifest.bytes(), files, bytes));
        }
    }

    static boolean safe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0
                || (path.length() >= 2 && path.charAt(1) == ':')) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static BackupException corrupt(Text text) {
        return new BackupException(BackupException.Kind.CORRUPT, text);
    }

    /** The first difference between the tar stream and the manifest. */
    private static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Text text;
        final BackupException.Kind kind;

        Mismatch(BackupException.Kind kind, Text text) {
            super(text.english(), null, false, false);
            this.kind = kind;
            this.text = text;
        }
    }

    /** Walks the tar stream entry by entry along the manifest. */
    private static final class EntryCheck {
        private final BackupManifest manifest;
        private final Path archive;
        private final ProgressMeter meter;
        private final MessageDigest digest = Codecs.sha256();
        private final byte[] buffer = new byte[BUFFER];

        EntryCheck(BackupManifest manifest, Path archive, ProgressMeter meter) {
            this.manifest = manifest;
            this.archive = archive;
            this.meter = meter;
        }

        void run(InputStream decompressed) throws IOException, Mismatch, InterruptedException {
            try (InputStream source = decompressed;
                    TarArchiveInputStream tar = new TarArchiveInputStream(source, StandardCharsets.UTF_8.name())) {
                List<ManifestEntry> expected = manifest.entries();
                for (ManifestEntry want : expected) {
                    TreeArchiver.checkInterrupt();
                    TarArchiveEntry found = tar.getNextEntry();
                    if (found == null) {
                        throw mismatch(Text.of("backup.verify.missing", archive, want.path()));
                    }
                    compare(want, found, tar);
                    meter.file();
                }
                TarArchiveEntry extra = tar.getNextEntry();
                if (extra != null) {
                    throw mismatch(Text.of("backup.verify.extra", archive, name(extra)));
                }
            }
        }

        private void compare(ManifestEntry want, TarArchiveEntry found, TarArchiveInputStream tar)
                throws IOException, Mismatch, InterruptedException {
            String name = name(found);
            if (!name.equals(want.path())) {
                if (!safe(name)) {
                    throw new Mismatch(BackupException.Kind.HOSTILE, Text.of("backup.verify.hostileName", archive,
                            name));
                }
                throw field(want, "backup.field.name", want.path(), name);
            }
            EntryType type = type(found);
            boolean wantsFile = want.type() == EntryType.FILE || want.type() == EntryType.DUMP;
            if (type == null) {
                throw new Mismatch(BackupException.Kind.HOSTILE, Text.of("backup.verify.hostileType", archive, name,
                        String.valueOf((char) found.getLinkFlag())));
            }
            if (wantsFile ? type != EntryType.FILE : type != want.type()) {
                throw field(want, "backup.field.type", want.type(), type);
            }
            if (want.mode() != 0 && (found.getMode() & 07777) != want.mode()) {
                throw field(want, "backup.field.mode", octal(want.mode()), octal(found.getMode() & 07777));
            }
            if (want.type() == EntryType.SYMLINK && !want.linkTarget().equals(found.getLinkName())) {
                throw field(want, "backup.field.linkTarget", want.linkTarget(), found.getLinkName());
            }
            if (!wantsFile) {
                return;
            }
            if (found.getSize() != want.size()) {
                throw field(want, "backup.field.size", want.size(), found.getSize());
            }
            digest.reset();
            long read = 0;
            int n;
            while ((n = tar.read(buffer)) >= 0) {
                TreeArchiver.checkInterrupt();
                digest.update(buffer, 0, n);
                read += n;
                meter.bytes(n);
            }
            if (read != want.size()) {
                throw field(want, "backup.field.size", want.size(), read);
            }
            String sha = Codecs.hex(digest.digest());
            if (!sha.equals(want.sha256())) {
                throw field(want, "backup.field.sha256", want.sha256(), sha);
            }
        }

        private Mismatch field(ManifestEntry want, String field, Object expected, Object actual) {
            return mismatch(Text.of("backup.verify.entry", archive, want.path(), Text.of(field),
                    String.valueOf(actual), String.valueOf(expected)));
        }

        private static Mismatch mismatch(Text text) {
            return new Mismatch(BackupException.Kind.CORRUPT, text);
        }

        private static String name(TarArchiveEntry entry) {
            String name = entry.getName();
            return entry.isDirectory() && name.endsWith("/") && name.length() > 1
                    ? name.substring(0, name.length() - 1) : name;
        }

        /** {@code null} for what a backup never holds: hard links, devices, FIFOs, GNU or sparse specials. */
        private static EntryType type(TarArchiveEntry entry) {
            if (entry.isSymbolicLink()) {
                return EntryType.SYMLINK;
            }
            if (entry.isDirectory()) {
                return EntryType.DIRECTORY;
            }
            if (entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()
                    || entry.isSparse()) {
                return null;
            }
            return entry.isFile() ? EntryType.FILE : null;
        }

        private static String octal(int mode) {
            return String.format("%04o", mode);
        }
    }

    /** Hashes what is read through it: the archive's SHA-256 in the same pass as the entries'. */
    private static final class HashingInput extends FilterInputStream {
        private final MessageDigest digest;

        HashingInput(InputStream in, MessageDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(n, 8192)];
            long done = 0;
            while (done < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        /** Explicit: a newer JDK's FilterInputStream may hand transferTo to the inner stream, unhashed. */
        @Override
        public long transferTo(java.io.OutputStream out) throws IOException {
            byte[] scratch = new byte[64 * 1024];
            long done = 0;
            int n;
            while ((n = read(scratch, 0, scratch.length)) >= 0) {
                out.write(scratch, 0, n);
                done += n;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // the raw stream is closed by its owner
        }
    }
}
