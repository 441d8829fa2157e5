package io.jenkins.plugins.releaseplaybook.remote;

import hudson.model.TaskListener;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionProgress;
import io.jenkins.plugins.releaseplaybook.engine.distribution.TargetResult;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Locale;

/**
 * The distribution's progress in the build log: a line per target as it finishes, and the engine's other lines
 * (retries). Written where the distribution runs, through the build's (remotable) listener. The engine calls it
 * one call at a time.
 */
public final class DistributionLog implements DistributionProgress {
    private final TaskListener listener;
    private final String prefix;
    private final Locale locale;

    public DistributionLog(TaskListener listener, String prefix, Locale locale) {
        this.listener = listener;
        this.prefix = prefix;
        this.locale = locale;
    }

    @Override
    public void targetFinished(TargetResult result, int finished, int total) {
        listener.getLogger().println(prefix + DistributionProgress.line(result, finished, total).message(locale));
    }

    @Override
    public void report(Text line) {
        listener.getLogger().println(prefix + line.message(locale));
    }
}
