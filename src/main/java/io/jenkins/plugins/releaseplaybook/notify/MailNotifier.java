package io.jenkins.plugins.releaseplaybook.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.List;
import jenkins.plugins.mailer.tasks.MimeMessageBuilder;

/**
 * The only class that touches the Mailer plugin (an optional dependency) and Jakarta Mail: loaded only when
 * {@link Notifications} has checked that the {@code mailer} plugin is active, so that the plugin works without it.
 * The Mailer plugin's builder applies the SMTP settings, sender address and default suffix of Manage Jenkins.
 */
final class MailNotifier {
    private MailNotifier() {}

    /**
     * Sends a plain-text UTF-8 mail. Blocks for SMTP: only ever called on the notification mail thread.
     *
     * @param recipients plain addresses ({@code MailRecipients}), none of them able to add a header
     */
    static void send(String subject, String body, List<String> recipients)
            throws MessagingException, UnsupportedEncodingException {
        // Jakarta Mail and Activation look their providers (StreamProvider, mailcap, transports) up through the
        // thread's context class loader; on this plugin's own thread that is core's, which sees no plugin
        // (jakartaee/mail-api#665). This plugin's loader sees the Mailer, Jakarta Mail and Activation plugins.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MailNotifier.class.getClassLoader());
        try {
            MimeMessage message = new MimeMessageBuilder()
                    .setCharset("UTF-8")
                    .setMimeType("text/plain")
                    .setSubject(subject)
                    .setBody(body)
                    .addRecipients(String.join(",", recipients))
                    .buildMimeMessage();
            Transport.send(message);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
