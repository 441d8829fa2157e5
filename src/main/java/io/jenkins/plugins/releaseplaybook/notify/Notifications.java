package io.jenkins.plugins.releaseplaybook.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.init.Terminator;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.config.HttpClients;
import io.jenkins.plugins.releaseplaybook.config.NotificationsSection;
import io.jenkins.plugins.releaseplaybook.engine.notification.Delivery;
import io.jenkins.plugins.releaseplaybook.engine.notification.MailRecipients;
import io.jenkins.plugins.releaseplaybook.engine.notification.NotificationEvent;
import io.jenkins.plugins.releaseplaybook.engine.notification.NotificationText;
import io.jenkins.plugins.releaseplaybook.engine.notification.WebhookRequests;
import io.jenkins.plugins.releaseplaybook.engine.notification.WebhookSender;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends release notifications in the background: webhooks through the engine's {@link WebhookSender} (bounded queue,
 * short timeout, bounded retries, Jenkins' proxy settings), mail through {@link MailNotifier} on its own bounded queue.
 * Every outcome is logged in the Jenkins log (Manage Jenkins &gt; System Log) with the receiver's scheme, host and port
 * only, never a URL's path or query (where chat webhooks carry their tokens) nor the secret.
 */
public final class Notifications {
    private static final Logger LOGGER = Logger.getLogger(Notifications.class.getName());
    private static final int MAIL_QUEUE = 100;

    private static WebhookSender webhooks;
    private static ThreadPoolExecutor mails;

    private Notifications() {}

    /**
     * Queues the events for the webhook and, when mail is on and the Mailer plugin is active, for mail. Returns at
     * once.
     *
     * @return a line for the build log saying what was queued, or {@code null} when nothing was
     */
    @CheckForNull
    static String send(List<NotificationEvent> events, NotificationsSection settings) {
        JenkinsFacade jenkins = new JenkinsFacade();
        List<String> queued = new ArrayList<>();
        URI url = settings.webhook();
        if (url != null) {
            try {
                String secret = settings.secret(jenkins);
                int sent = 0;
                for (NotificationEvent event : events) {
                    if (webhooks().submit(WebhookRequests.of(url, settings.payloadTemplate(), event,
                            settings.locale(), secret, Instant.now()))) {
                        sent++;
                    }
                }
                if (sent > 0) {
                    queued.add(Messages.Notifications_Webhook(sent, url.getScheme() + "://" + url.getHost()));
                }
            } catch (IllegalArgumentException e) { // the credential is gone: the mail may still go
                LOGGER.log(Level.WARNING, "Release notifications not sent to the webhook: {0}", e.getMessage());
                queued.add(Messages.Notifications_NoSecret(settings.getCredentialsId()));
            }
        }
        if (settings.isMail()) {
            if (jenkins.isPluginActive("mailer")) {
                int mailed = queueMails(events, settings);
                if (mailed > 0) {
                    queued.add(Messages.Notifications_Mail(mailed));
                }
            } else {
                LOGGER.fine("Release notification mail is on, but the Mailer plugin is not active");
            }
        }
        return queued.isEmpty() ? null : Messages.Notifications_Queued(String.join("; ", queued));
    }

    private static int queueMails(List<NotificationEvent> events, NotificationsSection settings) {
        int queued = 0;
        for (NotificationEvent event : events) {
            List<String> recipients = MailRecipients.of(event);
            if (recipients.isEmpty()) {
                continue;
            }
            NotificationText text = NotificationText.of(event, settings.locale());
            try {
                mails().execute(() -> mail(event, text, recipients));
                queued++;
            } catch (RejectedExecutionException e) {
                LOGGER.log(Level.WARNING, "Release notification mail about {0} dropped: the mail queue is full",
                        event.kind().id());
            }
        }
        return queued;
    }

    /** Runs on the mail thread; {@link MailNotifier} is loaded only here, when the Mailer plugin is active. */
    private static void mail(NotificationEvent event, NotificationText text, List<String> recipients) {
        try {
            MailNotifier.send(text.title(), text.plain(), recipients);
            LOGGER.log(Level.FINE, "Release notification mail about {0} sent to {1} recipient(s)",
                    new Object[] {event.kind().id(), recipients.size()});
        } catch (Exception | LinkageError e) {
            LOGGER.log(Level.WARNING, "Release notification mail about " + event.kind().id() + " not sent", e);
        }
    }

    private static void log(Delivery delivery) {
        if (delivery.delivered()) {
            LOGGER.log(Level.FINE, "Release notification {0} delivered to {1} ({2}, attempt {3})", new Object[] {
                delivery.event(), delivery.target(), delivery.template(), delivery.attempts()});
        } else {
            LOGGER.log(Level.WARNING, "Release notification {0} to {1} ({2}) {3} after {4} attempt(s): {5}",
                    new Object[] {delivery.event(), delivery.target(), delivery.template(), delivery.outcome(),
                        delivery.attempts(), delivery.problem()});
        }
    }

    private static synchronized WebhookSender webhooks() {
        if (webhooks == null) {
            WebhookSender.Settings settings = WebhookSender.Settings.DEFAULT;
            webhooks = new WebhookSender(() -> HttpClients.get(settings.timeout()), settings, Sleeper.system(),
                    Notifications::log);
        }
        return webhooks;
    }

    private static synchronized ThreadPoolExecutor mails() {
        if (mails == null) {
            mails = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAIL_QUEUE),
                    new NamingThreadFactory(new DaemonThreadFactory(), "Release Playbook notification mail"));
        }
        return mails;
    }

    /** Stops the senders when Jenkins shuts down; what is still queued is not sent. A later use starts new ones. */
    @Terminator
    public static synchronized void shutdown() {
        if (webhooks != null) {
            webhooks.close();
            webhooks = null;
        }
        if (mails != null) {
            mails.shutdownNow();
            mails = null;
        }
    }
}
