package io.jenkins.plugins.releaseplaybook.engine.backup;

import io.jenkins.plugins.releaseplaybook.engine.support.KeyedException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Objects;

/**
 * Every failure of the backup package: what went wrong, where (the path or entry), and what to do, as a keyed
 * text; {@link #getMessage()} is English. Callers branch on {@link #kind()}, never on the message.
 */
public class BackupException extends KeyedException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, so callers can react without parsing messages. */
    public enum Kind {
        /** A spec that cannot run: bad name, no sources, a source under the reserved prefix, bad glob. */
        INVALID_SPEC,
        /** A source path that does not exist. */
        MISSING_PATH,
        /** The file system refused access. */
        PERMISSION_DENIED,
        /** No space left while writing (archive, manifest or restored files). */
        DISK_FULL,
        /** A file changed or vanished while it was read, also on the retry. */
        CHANGED_WHILE_READING,
        /** A dump command exited non-zero or wrote only to standard error. */
        DUMP_FAILED,
        /** The archive or manifest does not match: checksum, size, entry list, truncation, unreadable format. */
        CORRUPT,
        /** The archive holds something a restore must never write: absolute path, {@code ..}, escaping link, device. */
        HOSTILE,
        /** No backup with that id or name at the destination. */
        NOT_FOUND,
        /** Any other I/O failure. */
        IO
    }

    private final Kind kind;

    public BackupException(Kind kind, Text text) {
        this(kind, text, null);
    }

    public BackupException(Kind kind, Text text, Throwable cause) {
        super(text, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
