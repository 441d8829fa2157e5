package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A report stored as one JSON file: loaded lazily and cached, changed under one lock, written to a
 * temporary file that is flushed to disk and then renamed over the old one. A reader therefore sees the
 * old report or the new one, never a torn file, and concurrent updates (parallel branches) are applied
 * one after another so none is lost.
 *
 * <p>One instance must own a file: two instances for the same path would each have their own lock.
 */
public final class ReleaseReportFile {
    private final Path file;
    private ReleaseReport cached;

    public ReleaseReportFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The stored report, or an empty one when nothing has been stored yet. */
    public synchronized ReleaseReport load() throws IOException {
        if (cached == null) {
            cached = readFromDisk();
        }
        return cached;
    }

    /**
     * Applies {@code change} to the current report and stores the result before returning it. If writing
     * fails, the stored report and the cache stay as they were.
     */
    public synchronized ReleaseReport update(UnaryOperator<ReleaseReport> change) throws IOException {
        ReleaseReport updated = Objects.requireNonNull(change.apply(load()), "a report change returned null");
        writeAtomically(updated);
        cached = updated;
        return updated;
    }

    private ReleaseReport readFromDisk() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ReleaseReportJson.read(in, file.toString());
        } catch (NoSuchFileException e) {
            return ReleaseReport.empty();
        }
    }

    private void writeAtomically(ReleaseReport report) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                ReleaseReportJson.write(report, out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
