package io.jenkins.plugins.releaseplaybook.remote;

import io.jenkins.plugins.releaseplaybook.engine.backup.BackupException;
import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.util.Locale;

/**
 * An engine {@link BackupException} on its way back from the node: an {@link IOException}, as a file callable may
 * throw, that keeps the engine's kind and its keyed text (so the controller shows it in the reader's language) but
 * not the engine exception itself, nor its cause (a file system exception of the agent's JVM).
 */
public final class RemoteBackupException extends IOException implements Localizable {
    private static final long serialVersionUID = 1L;

    private final BackupException.Kind kind;
    private final Text text;

    RemoteBackupException(BackupException failure) {
        super(failure.getMessage());
        this.kind = failure.kind();
        this.text = failure.text();
    }

    public BackupException.Kind kind() {
        return kind;
    }

    @Override
    public String message(Locale locale) {
        return text.message(locale);
    }
}
