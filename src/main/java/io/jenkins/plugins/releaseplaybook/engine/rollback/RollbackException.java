package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.support.KeyedException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Objects;

/**
 * Every failure of the rollback package, the only exception type it throws on purpose: what was wrong and what to do,
 * as a keyed text; {@link #getMessage()} is English. Callers branch on {@link #kind()}, never on the message.
 */
public class RollbackException extends KeyedException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Kind {
        /** A plan that cannot run: no action, an empty command or job, a re-verification window that is not positive. */
        INVALID_PLAN,
        /** A {@code restoreBackup} reference that names no backup of this build. */
        BACKUP_NOT_FOUND,
        /** The loop guard refuses the release: too many consecutive rolled-back releases, not acknowledged. */
        LOOP_GUARDED,
        /** A saved rollback state that cannot be read back (damaged, or written by an incompatible version). */
        UNREADABLE_STATE
    }

    private final Kind kind;

    public RollbackException(Kind kind, Text text) {
        this(kind, text, null);
    }

    public RollbackException(Kind kind, Text text, Throwable cause) {
        super(text, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
