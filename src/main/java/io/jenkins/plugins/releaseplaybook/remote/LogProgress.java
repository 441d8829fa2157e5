package io.jenkins.plugins.releaseplaybook.remote;

import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.engine.backup.BackupProgress;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Locale;

/** The engine's progress lines in the build log, written on the node through the build's (remotable) listener. */
final class LogProgress implements BackupProgress {
    private final TaskListener listener;
    private final String prefix;
    private final Locale locale;

    LogProgress(TaskListener listener, String prefix, Locale locale) {
        this.listener = listener;
        this.prefix = prefix;
        this.locale = locale;
    }

    @Override
    public void report(Text line) {
        listener.getLogger().println(prefix + line.message(locale));
    }
}
