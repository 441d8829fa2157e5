package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
     *
     * <p>The directory that holds the file is never created: it is the build's, and a build directory that is
     * gone was deleted on purpose (log rotation, a user), so a late write must not bring it back.
     *
     * @throws ReportException of kind {@code DIRECTORY_GONE} if the directory of the file does not exist (nothing was written or
     *     created)
     */
    public synchronized ReleaseReport update(UnaryOperator<ReleaseReport> change) throws IOException {
        ReleaseReport updated = Objects.requireNonNull(change.apply(load()), "a report change returned null");
        writeAtomically(updated);
        cached = updated;
        return updated;
    }

    private ReleaseReport readFromDisk() throws IOException {
        // A plain stream for the same reason as in writeAtomically: reading must work during an abort.
        try (InputStream in = new FileInputStream(file.toFile())) {
            // Named by its file name only: the message is shown on the report page, where the absolute path of
            // JENKINS_HOME has no business (whoever needs it finds it in the log of the caller).
            return ReleaseReportJson.read(in, String.valueOf(file.getFileName()));
        } catch (FileNotFoundException e) {
            if (Files.exists(file)) {
                throw e; // there, but not readable: say so rather than start an empty report
            }
            return ReleaseReport.empty();
        }
    }

    private void writeAtomically(ReleaseReport report) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw ReportException.directoryGone(directory);
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
        } catch (NoSuchFileException e) {
            throw ReportException.directoryGone(directory); // deleted between the check and now
        }
        try {
            // A plain stream, not a FileChannel: channels close when the writing thread is interrupted, and a step
            // must still record its outcome while a build is being aborted.
            try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
                ReleaseReportJson.write(report, out);
                out.flush();
                out.getFD().sync();
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
