package io.jenkins.plugins.releaseplaybook.engine.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whom a mail goes to: the plan's owners and {@code notify:} entries that are mail addresses, each once (compared
 * without case), in the order declared. Other entries (chat channels, user ids) are left to the webhook.
 */
public final class MailRecipients {
    /**
     * A plain {@code local@domain.tld} address: no display name, no spaces, no quotes, no angle brackets and no
     * commas, so that an entry can never add a header or a second recipient.
     */
    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private MailRecipients() {}

    /** The addresses, empty when none of the entries is one. */
    public static List<String> of(NotificationEvent event) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> lower = new LinkedHashSet<>();
        for (List<String> entries : List.of(event.owners(), event.notifyTo())) {
            for (String entry : entries) {
                String candidate = entry == null ? "" : entry.trim();
                if (candidate.regionMatches(true, 0, "mailto:", 0, 7)) {
                    candidate = candidate.substring(7);
                }
                if (isAddress(candidate) && lower.add(candidate.toLowerCase(Locale.ROOT))) {
                    seen.add(candidate);
                }
            }
        }
        return List.copyOf(seen);
    }

    public static boolean isAddress(String text) {
        return text != null && text.length() <= 254 && ADDRESS.matcher(text).matches();
    }
}
