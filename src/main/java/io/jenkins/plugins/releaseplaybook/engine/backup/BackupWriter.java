package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one backup: archive and manifest, atomically, verified, then retention.
 *
 * <p>Order on disk, so that a backup that is listed is complete: dumps are spooled to hidden files; the archive is
 * written to a hidden temporary name through a two-thread pipeline (reading and hashing here, compressing and
 * writing in {@link ArchiveSink}), forced to disk and verified by re-reading it ({@link BackupVerifier}); only then
 * is it renamed to its final name, the manifest written to a hidden name, forced, optionally test-restored, and
 * renamed last. Any failure or an interrupt removes every file of this backup; nothing is listed.
 */
public final class BackupWriter {
    private static final Pattern DUMP_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private BackupWriter() {}

    /**
     * Writes the backup {@code spec} asks for, verifies it by re-reading, optionally test-restores it, lists it, then
     * applies retention ({@code protectedIds}: ids a running build still references, never deleted).
     *
     * @throws InterruptedException when the thread is interrupted (build aborted); nothing is left listed
     */
    public static BackupResult write(BackupSpec spec, Set<String> protectedIds, BackupProgress progress)
            throws BackupException, InterruptedException {
        return write(spec, protectedIds, progress, WriterOptions.defaults());
    }

    static BackupResult write(BackupSpec spec, Set<String> protectedIds, BackupProgress progress, WriterOptions options)
            throws BackupException, InterruptedException {
        BackupLayout.checkName(spec.name());
        Path workDirectory = spec.workDirectory() == null ? null : Path.of(spec.workDirectory()).toAbsolutePath();
        Path base = workDirectory != null ? workDirectory : Path.of("").toAbsolutePath();
        Path destination = base.resolve(spec.destination()).normalize();
        List<TreeArchiver.Source> sources = sources(spec, base);
        checkDumps(spec);
        if (sources.isEmpty() && spec.dumps().isEmpty()) {
            throw new BackupException(BackupException.Kind.INVALID_SPEC, Text.of("backup.spec.empty", spec.name()));
        }
        if (spec.keep() < 0) {
            throw new BackupException(BackupException.Kind.INVALID_SPEC, Text.of("backup.spec.keep", spec.keep()));
        }
        for (TreeArchiver.Source source : sources) {
            if (!Files.exists(source.path(), LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException(BackupException.Kind.MISSING_PATH,
                        Text.of("backup.source.missing", source.path()));
            }
        }

        Instant now = options.clock.instant();
        String id = BackupLayout.newId(spec.name(), now);
        Path folder = BackupLayout.folder(destination, spec.name());
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw Failures.writing(folder, e);
        }
        Path archive = BackupLayout.archive(destination, spec.name(), id, spec.compression());
        Path manifestFile = BackupLayout.manifest(destination, spec.name(), id);
        List<Path> temporary = new ArrayList<>();
        boolean listed = false;
        try {
            List<TreeArchiver.SpooledDump> dumps = new ArrayList<>();
            for (int i = 0; i < spec.dumps().size(); i++) {
                TreeArchiver.checkInterrupt();
                Path spool = BackupLayout.temporary(folder.resolve(id + ".dump-" + i));
                temporary.add(spool);
                dumps.add(DumpRunner.run(spec.name(), spec.dumps().get(i), spool, workDirectory, options.clock,
                        progress));
            }

            Path tempArchive = BackupLayout.temporary(archive);
            temporary.add(tempArchive);
            Written written = writeArchive(spec, sources, dumps, tempArchive, folder, options, progress);
            for (Path spool : temporary.subList(0, dumps.size())) {
                Files.deleteIfExists(spool);
            }

            BackupManifest manifest = new BackupManifest(BackupManifest.SCHEMA_VERSION, id, spec.name(), now, host(),
                    Failures.user(), spec.compression(), archive.getFileName().toString(), written.sha256,
                    written.size, sources.stream().map(s -> s.path().toString()).toList(), spec.excludes(),
                    spec.dumps(), written.entries, written.files, written.bytes, engineVersion());

            progress.report(Text.of("backup.progress.verifying", spec.name(), tempArchive.getFileName()));
            BackgroundSync sync = BackgroundSync.start(tempArchive);
            try {
                BackupVerifier.verify(manifest, tempArchive, progress, options.clock);
            } finally {
                try {
                    sync.await();
                } catch (IOException e) {
                    throw Failures.writing(tempArchive, e);
                }
            }

            temporary.add(archive);
            move(tempArchive, archive);
            Path tempManifest = BackupLayout.temporary(manifestFile);
            temporary.add(tempManifest);
            writeManifest(tempManifest, manifest);
            boolean restoreTested = false;
            if (spec.testRestore()) {
                options.testRestorer.testRestore(tempManifest, folder, progress);
                restoreTested = true;
            }
            move(tempManifest, manifestFile);
            syncDirectory(folder);
            listed = true;

            progress.report(Text.of("backup.progress.done", spec.name(), id, ProgressMeter.count(written.files),
                    ProgressMeter.size(written.bytes), ProgressMeter.size(written.size), archive));
            List<String> deleted = Retention.apply(destination, spec.name(), spec.keep(), id, protectedIds, progress);
            return new BackupResult(id, spec.name(), archive.toString(), manifestFile.toString(), written.sha256,
                    written.files, written.bytes, written.size, spec.compression(), true, restoreTested,
                    manifest.sources(), deleted);
        } catch (IOException e) {
            if (Failures.isInterrupt(e)) {
                throw Failures.interrupted(e);
            }
            throw Failures.writing(folder, e);
        } finally {
            if (!listed) {
                for (Path file : temporary) {
                    deleteQuietly(file);
                }
            }
        }
    }

    /** What one attempt at the archive produced. */
    private record Written(List<ManifestEntry> entries, long files, long bytes, String sha256, long size) {}

    /** The archive, started once more if a large file changed while it was streamed. */
    private static Written writeArchive(BackupSpec spec, List<TreeArchiver.Source> sources,
            List<TreeArchiver.SpooledDump> dumps, Path tempArchive, Path folder, WriterOptions options,
            BackupProgress progress) throws BackupException, InterruptedException, IOException {
        ProgressMeter meter = new ProgressMeter(spec.name(), progress, options.clock, options.progressEvery,
                "backup.progress.write");
        for (int attempt = 1; ; attempt++) {
            meter.restart();
            ArchiveSink sink;
            try {
                sink = new ArchiveSink(tempArchive, spec.compression(), options.zstdWorkers);
            } catch (FileAlreadyExistsException e) {
                throw Failures.writing(tempArchive, e);
            } catch (IOException e) {
                throw Failures.writing(tempArchive, e);
            }
            try (sink) {
                TreeArchiver archiver = new TreeArchiver(sink, options, meter, progress, spec.name(), folder);
                for (TreeArchiver.Source source : sources) {
                    archiver.source(source);
                }
                for (TreeArchiver.SpooledDump dump : dumps) {
                    archiver.dump(dump);
                }
                archiver.finish();
                String sha = sink.finish();
                return new Written(archiver.entries(), archiver.files(), archiver.bytes(), sha, sink.size());
            } catch (TreeArchiver.StreamedFileChanged changed) {
                if (attempt == 2) {
                    throw new BackupException(BackupException.Kind.CHANGED_WHILE_READING,
                            Text.of("backup.source.changed", changed.file, changed.why));
                }
                progress.report(Text.of("backup.progress.retryArchive", spec.name(), changed.file, changed.why));
            } catch (ArchiveSink.SinkFailure e) {
                if (e.getCause() instanceof InterruptedIOException || Failures.isInterrupt(e.getCause())) {
                    throw Failures.interrupted(e);
                }
                throw Failures.writing(tempArchive, (IOException) e.getCause());
            } catch (InterruptedIOException e) {
                throw Failures.interrupted(e);
            } catch (IOException e) {
                if (Failures.isInterrupt(e)) {
                    throw Failures.interrupted(e);
                }
                throw Failures.writing(tempArchive, e);
            }
            Files.deleteIfExists(tempArchive);
        }
    }

    private static List<TreeArchiver.Source> sources(BackupSpec spec, Path base) throws BackupException {
        Globs excludes = Globs.compile(spec.excludes());
        List<TreeArchiver.Source> out = new ArrayList<>();
        for (String given : spec.sources()) {
            if (given == null || given.isBlank()) {
                throw new BackupException(BackupException.Kind.INVALID_SPEC, Text.of("backup.spec.blankPath"));
            }
            Path path = base.resolve(given.trim()).normalize();
            String name = BackupLayout.archivePath(path);
            if (name.isEmpty()) {
                throw new BackupException(BackupException.Kind.INVALID_SPEC, Text.of("backup.spec.root", given));
            }
            if (name.equals(BackupLayout.DUMPS_PREFIX) || name.startsWith(BackupLayout.DUMPS_PREFIX + "/")
                    || BackupLayout.DUMPS_PREFIX.startsWith(name + "/")) {
                throw new BackupException(BackupException.Kind.INVALID_SPEC, Text.of("backup.spec.reserved", path,
                        BackupLayout.DUMPS_PREFIX));
            }
            for (TreeArchiver.Source earlier : out) {
                String other = earlier.archiveName();
                if (other.equals(name) || other.startsWith(name + "/") || name.startsWith(other + "/")) {
                    throw new BackupException(BackupException.Kind.INVALID_SPEC,
                            Text.of("backup.spec.overlap", earlier.path(), path));
                }
            }
            out.add(new TreeArchiver.Source(path, name, excludes));
        }
        return out;
    }

    private static void checkDumps(BackupSpec spec) throws BackupException {
        Set<String> seen = new HashSet<>();
        for (DumpSpec dump : spec.dumps()) {
            if (!DUMP_NAME.matcher(dump.name()).matches() || !seen.add(dump.name())) {
                throw new BackupException(BackupException.Kind.INVALID_SPEC, Text.of("backup.spec.dumpName",
                        dump.name()));
            }
            if (dump.command().isBlank()) {
                throw new BackupException(BackupException.Kind.INVALID_SPEC, Text.of("backup.spec.dumpCommand",
                        dump.name()));
            }
        }
    }

    /** Streamed (a manifest of 100,000 entries is tens of MB as text), forced to disk, closed. */
    static void writeManifest(Path file, BackupManifest manifest) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel),
                        64 * 1024)) {
            BackupManifestJson.write(manifest, new NonClosing(out));
            out.flush();
            channel.force(true);
        }
    }

    /** Jackson closes the stream it writes to; the channel must stay open for the fsync. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** The rename is durable only once the directory is; not possible on every platform (Windows), then skipped. */
    static void syncDirectory(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: Windows cannot open a directory as a channel
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing listed refers to it; a hidden leftover is ignored by listing
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown";
        }
    }

    static String engineVersion() {
        String version = BackupWriter.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
