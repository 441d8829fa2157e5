package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The first stage of the writer's pipeline, on the calling thread: walks each source (links never followed,
 * children by name, each directory before what it holds), reads every file once, hashes it while it goes into the
 * tar stream, and records its manifest entry. Files up to {@link WriterOptions#smallFile} are read whole first, so a
 * change seen after reading is retried at once; a larger file that changes while it is streamed fails this attempt
 * with {@link StreamedFileChanged}, and the writer starts the archive once more.
 */
final class TreeArchiver {
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIR = 0040000;
    private static final int TYPE_LINK = 0120000;

    /** A source as the writer resolved it. */
    record Source(Path path, String archiveName, Globs excludes) {}

    /** A dump already spooled to a file, with its checksum. */
    record SpooledDump(String archiveName, Path spool, long size, String sha256, java.time.Instant mtime) {}

    /** A large file changed while it was streamed into the archive; the archive must start again. */
    static final class StreamedFileChanged extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Path file;
        final transient Text why;

        StreamedFileChanged(Path file, Text why) {
            super(file.toString(), null, false, false);
            this.file = file;
            this.why = why;
        }
    }

    private final WriterOptions options;
    private final ProgressMeter meter;
    private final BackupProgress progress;
    private final String backupName;
    private final Path skipDirectory;
    private final MessageDigest digest = Codecs.sha256();
    private final byte[] buffer;
    private final List<ManifestEntry> entries = new ArrayList<>();
    private final TarArchiveOutputStream tar;
    private final ArchiveSink sink;
    private long files;
    private long bytes;
    /** The previous entry's time: files of a tree share seconds, and 100,000 entries are held until the end. */
    private java.time.Instant lastTime = java.time.Instant.EPOCH;

    TreeArchiver(ArchiveSink sink, WriterOptions options, ProgressMeter meter, BackupProgress progress,
            String backupName, Path skipDirectory) {
        this.sink = sink;
        this.options = options;
        this.meter = meter;
        this.progress = progress;
        this.backupName = backupName;
        this.skipDirectory = skipDirectory;
        this.buffer = new byte[Math.max(64 * 1024, options.smallFile)];
        this.tar = new TarArchiveOutputStream(sink.stream(), StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    List<ManifestEntry> entries() {
        return entries;
    }

    long files() {
        return files;
    }

    long bytes() {
        return bytes;
    }

    void source(Source source) throws IOException, BackupException, InterruptedException, StreamedFileChanged {
        SourceFile root;
        try {
            root = SourceFile.stat(source.path());
        } catch (NoSuchFileException e) {
            throw new BackupException(BackupException.Kind.MISSING_PATH,
                    Text.of("backup.source.missing", source.path()), e);
        }
        walk(source.path(), source.archiveName(), "", root, source.excludes());
    }

    private void walk(Path path, String name, String relative, SourceFile stat, Globs excludes)
            throws IOException, BackupException, InterruptedException, StreamedFileChanged {
        checkInterrupt();
        if (stat.other()) {
            progress.report(Text.of("backup.progress.skipped", backupName, path));
            return;
        }
        switch (stat.type()) {
            case DIRECTORY:
                if (path.equals(skipDirectory)) {
                    progress.report(Text.of("backup.progress.skippedDestination", backupName, path));
                    return;
                }
                directory(path, name, relative, stat, excludes);
                break;
            case SYMLINK:
                symlink(path, name, stat);
                break;
            default:
                file(path, name, stat);
        }
    }

    private void directory(Path dir, String name, String relative, SourceFile stat, Globs excludes)
            throws IOException, BackupException, InterruptedException, StreamedFileChanged {
        TarArchiveEntry entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
        header(entry, stat, TYPE_DIR);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        entries.add(ManifestEntry.directory(name, stat.mode(), shared(stat.mtime())));
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
            for (Path child : list) {
                children.add(child.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            throw changed(dir, Text.of("backup.change.vanished"), e);
        } catch (IOException e) {
            throw Failures.reading(dir, e);
        }
        children.sort(null);
        for (String child : children) {
            String childRelative = relative.isEmpty() ? child : relative + "/" + child;
            if (excludes.excludes(childRelative)) {
                continue;
            }
            Path childPath = dir.resolve(child);
            SourceFile childStat;
            try {
                childStat = statOrRetry(childPath);
            } catch (IOException e) {
                throw Failures.reading(childPath, e);
            }
            walk(childPath, name + "/" + child, childRelative, childStat, excludes);
        }
    }

    private SourceFile statOrRetry(Path path) throws IOException, BackupException {
        try {
            return SourceFile.stat(path);
        } catch (NoSuchFileException first) {
            try {
                return SourceFile.stat(path); // listed a moment ago: once more
            } catch (NoSuchFileException e) {
                throw changed(path, Text.of("backup.change.vanished"), e);
            }
        }
    }

    private void symlink(Path link, String name, SourceFile stat) throws IOException, BackupException {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (NoSuchFileException e) {
            throw changed(link, Text.of("backup.change.vanished"), e);
        } catch (IOException e) {
            throw Failures.reading(link, e);
        }
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        header(entry, stat, TYPE_LINK);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        entries.add(ManifestEntry.symlink(name, target, shared(stat.mtime())));
        meter.file();
    }

    private void file(Path file, String name, SourceFile stat)
            throws IOException, BackupException, InterruptedException, StreamedFileChanged {
        if (stat.size() <= options.smallFile) {
            smallFile(file, name, stat);
        } else {
            largeFile(file, name, stat);
        }
    }

    /** Read whole, then checked against a second stat; a change is retried once on the spot. */
    private void smallFile(Path file, String name, SourceFile stat) throws IOException, BackupException, InterruptedException {
        SourceFile before = stat;
        for (int attempt = 1; ; attempt++) {
            Text why;
            int length = -1;
            try {
                options.beforeRead.beforeRead(file, attempt);
                try (InputStream in = Files.newInputStream(file)) {
                    length = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, before.size() + 1));
                }
                why = length != before.size() ? Text.of("backup.change.size", before.size(), length)
                        : !before.unchanged(file) ? Text.of("backup.change.stat") : null;
                if (why == null) {
                    break;
                }
            } catch (NoSuchFileException e) {
                why = Text.of("backup.change.vanished");
            } catch (IOException e) {
                if (Failures.isInterrupt(e)) {
                    throw Failures.interrupted(e);
                }
                throw Failures.reading(file, e);
            }
            if (attempt == 2) {
                throw changed(file, why, null);
            }
            progress.report(Text.of("backup.progress.retry", backupName, file, why));
            try {
                before = SourceFile.stat(file);
            } catch (NoSuchFileException e) {
                throw changed(file, Text.of("backup.change.vanished"), e);
            }
            if (before.type() != EntryType.FILE || before.size() > buffer.length) {
                throw changed(file, Text.of("backup.change.stat"), null);
            }
        }
        digest.reset();
        digest.update(buffer, 0, (int) before.size());
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        header(entry, before, TYPE_FILE);
        entry.setSize(before.size());
        tar.putArchiveEntry(entry);
        tar.write(buffer, 0, (int) before.size());
        tar.closeArchiveEntry();
        added(ManifestEntry.file(name, before.size(), before.mode(), shared(before.mtime()),
                Codecs.hex(digest.digest())));
        meter.bytes(before.size());
    }

    /** Streamed in blocks, hashed on the way; checked against a second stat at the end. */
    private void largeFile(Path file, String name, SourceFile stat)
            throws IOException, BackupException, InterruptedException, StreamedFileChanged {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        header(entry, stat, TYPE_FILE);
        entry.setSize(stat.size());
        digest.reset();
        try {
            options.beforeRead.beforeRead(file, 1);
            try (InputStream in = Files.newInputStream(file)) {
                tar.putArchiveEntry(entry);
                long left = stat.size();
                while (left > 0) {
                    checkInterrupt();
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new StreamedFileChanged(file, Text.of("backup.change.size", stat.size(),
                                stat.size() - left));
                    }
                    digest.update(buffer, 0, n);
                    tar.write(buffer, 0, n);
                    left -= n;
                    meter.bytes(n);
                }
                if (in.read() >= 0) {
                    throw new StreamedFileChanged(file, Text.of("backup.change.grew", stat.size()));
                }
            }
            if (!stat.unchanged(file)) {
                throw new StreamedFileChanged(file, Text.of("backup.change.stat"));
            }
        } catch (NoSuchFileException e) {
            throw new StreamedFileChanged(file, Text.of("backup.change.vanished"));
        } catch (ArchiveSink.SinkFailure e) {
            throw e;
        } catch (IOException e) {
            if (Failures.isInterrupt(e)) {
                throw Failures.interrupted(e);
            }
            throw Failures.reading(file, e);
        }
        tar.closeArchiveEntry();
        added(ManifestEntry.file(name, stat.size(), stat.mode(), shared(stat.mtime()),
                Codecs.hex(digest.digest())));
    }

    /** A dump spooled earlier: its bytes are hashed again on the way in and must match what the command wrote. */
    void dump(SpooledDump dump) throws IOException, BackupException, InterruptedException {
        TarArchiveEntry entry = new TarArchiveEntry(dump.archiveName(), TarConstants.LF_NORMAL);
        entry.setMode(TYPE_FILE | 0600);
        entry.setModTime(FileTime.from(dump.mtime()));
        entry.setSize(dump.size());
        tar.putArchiveEntry(entry);
        digest.reset();
        try (InputStream in = Files.newInputStream(dump.spool())) {
            long left = dump.size();
            while (left > 0) {
                checkInterrupt();
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException(dump.spool().toString());
                }
                digest.update(buffer, 0, n);
                tar.write(buffer, 0, n);
                left -= n;
                meter.bytes(n);
            }
        } catch (ArchiveSink.SinkFailure e) {
            throw e;
        } catch (IOException e) {
            if (Failures.isInterrupt(e)) {
                throw Failures.interrupted(e);
            }
            throw Failures.reading(dump.spool(), e);
        }
        tar.closeArchiveEntry();
        String sha = Codecs.hex(digest.digest());
        if (!sha.equals(dump.sha256())) {
            throw new BackupException(BackupException.Kind.IO, Text.of("backup.dump.spoolChanged", dump.spool()));
        }
        added(ManifestEntry.dump(dump.archiveName(), dump.size(), dump.mtime(), sha));
    }

    /** Ends the tar stream (the sink is finished by the writer). */
    void finish() throws IOException {
        tar.finish();
    }

    private java.time.Instant shared(java.time.Instant time) {
        if (!time.equals(lastTime)) {
            lastTime = time;
        }
        return lastTime;
    }

    private void added(ManifestEntry entry) {
        entries.add(entry);
        files++;
        bytes += entry.size();
        meter.file();
    }

    private static void header(TarArchiveEntry entry, SourceFile stat, int typeBits) {
        entry.setMode(typeBits | (stat.mode() == 0 ? (typeBits == TYPE_DIR ? 0755 : 0644) : stat.mode()));
        entry.setModTime(FileTime.from(stat.mtime()));
        entry.setUserId(stat.uid());
        entry.setGroupId(stat.gid());
    }

    private static BackupException changed(Path file, Text why, Throwable cause) {
        return new BackupException(BackupException.Kind.CHANGED_WHILE_READING,
                Text.of("backup.source.changed", file, why), cause);
    }

    static void checkInterrupt() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("backup interrupted");
        }
    }
}
