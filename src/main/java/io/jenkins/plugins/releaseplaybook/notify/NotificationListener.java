package io.jenkins.plugins.releaseplaybook.notify;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.releaseplaybook.config.NotificationsSection;
import io.jenkins.plugins.releaseplaybook.config.ReleasePlaybookConfiguration;
import io.jenkins.plugins.releaseplaybook.engine.notification.NotificationEvent;
import io.jenkins.plugins.releaseplaybook.engine.notification.NotificationEvents;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When a build with a Release Report completes, hands the notifications its report calls for to
 * {@link Notifications}, which sends them in the background. Only quick work happens here (reading the settings and
 * the report file, which the build wrote to its own directory): the build's completion never waits for a receiver.
 */
@Extension
public final class NotificationListener extends RunListener<Run<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(NotificationListener.class.getName());

    @Override
    public void onCompleted(Run<?, ?> run, @NonNull TaskListener listener) {
        NotificationsSection settings = ReleasePlaybookConfiguration.get().getNotifications();
        if (!settings.isEnabled()) {
            return;
        }
        ReleaseReportAction action = run.getAction(ReleaseReportAction.class);
        if (action == null || !action.hasReport()) {
            return;
        }
        ReleaseReport report;
        try {
            report = action.load();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "No release notifications for " + run.getFullDisplayName()
                    + ": its Release Report cannot be read", e);
            return;
        }
        List<NotificationEvent> events = NotificationEvents.of(report, settings.topics());
        if (events.isEmpty()) {
            return;
        }
        String summary = Notifications.send(events, settings);
        if (summary != null) {
            listener.getLogger().println(summary);
        }
    }
}
