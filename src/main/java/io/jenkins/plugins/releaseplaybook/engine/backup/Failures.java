package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/** Turns the file system's failures into {@link BackupException}s that say what to do. */
final class Failures {
    private Failures() {}

    /** What the agent runs as, for "give ... access" messages. */
    static String user() {
        return System.getProperty("user.name", "?");
    }

    /** A failure while writing {@code where} (the archive, the manifest, a dump's spool file). */
    static BackupException writing(Object where, IOException e) {
        if (isDiskFull(e)) {
            return new BackupException(BackupException.Kind.DISK_FULL, Text.of("backup.write.diskFull", where), e);
        }
        if (isDenied(e)) {
            return new BackupException(BackupException.Kind.PERMISSION_DENIED,
                    Text.of("backup.write.permission", where, user()), e);
        }
        return new BackupException(BackupException.Kind.IO, Text.of("backup.write.failed", where, reason(e)), e);
    }

    /** A failure while reading a source {@code file}. */
    static BackupException reading(Object file, IOException e) {
        if (isDenied(e)) {
            return new BackupException(BackupException.Kind.PERMISSION_DENIED,
                    Text.of("backup.read.permission", file, user()), e);
        }
        return new BackupException(BackupException.Kind.IO, Text.of("backup.read.failed", file, reason(e)), e);
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("disk quota exceeded")
                    || message.contains("not enough space") || message.contains("disk full")) {
                return true;
            }
        }
        return false;
    }

    static boolean isDenied(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return true;
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            String reason = fs.getReason().toLowerCase(Locale.ROOT);
            return reason.contains("permission denied") || reason.contains("read-only file system")
                    || reason.contains("operation not permitted");
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("permission denied") || message.contains("read-only file system");
    }

    /** Whether {@code e} is how an interrupted thread's file I/O ends. */
    static boolean isInterrupt(Throwable e) {
        return e instanceof ClosedByInterruptException || e instanceof InterruptedIOException
                || Thread.currentThread().isInterrupted();
    }

    static InterruptedException interrupted(Throwable cause) {
        InterruptedException out = new InterruptedException("backup interrupted");
        out.initCause(cause);
        return out;
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
