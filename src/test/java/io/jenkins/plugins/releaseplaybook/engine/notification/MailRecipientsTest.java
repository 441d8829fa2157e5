package io.jenkins.plugins.releaseplaybook.engine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.Test;

public class MailRecipientsTest {
    private static NotificationEvent event(List<String> owners, List<String> notify) {
        return new NotificationEvent(EventKind.ROLLED_BACK, "checkout", null, null, null, null, owners, notify,
                List.of(), null);
    }

    @Test
    public void ownersThenNotifyEntriesThatAreAddressesEachOnce() {
        NotificationEvent event = event(List.of("oncall@example.com", "team-checkout", " dba@example.org "),
                List.of("#checkout-release", "ONCALL@example.com", "mailto:release@example.com", "@alice"));

        assertThat(MailRecipients.of(event))
                .containsExactly("oncall@example.com", "dba@example.org", "release@example.com");
    }

    @Test
    public void entriesThatCouldAddHeadersOrRecipientsAreNotAddresses() {
        assertThat(MailRecipients.isAddress("a@example.com, b@example.com")).isFalse();
        assertThat(MailRecipients.isAddress("Alice <alice@example.com>")).isFalse();
        assertThat(MailRecipients.isAddress("a@example.com\r\nBcc: x@evil.example")).isFalse();
        assertThat(MailRecipients.isAddress("a@localhost")).as("no domain dot").isFalse();
        assertThat(MailRecipients.isAddress("a.b+release@mail.example.co")).isTrue();
        assertThat(MailRecipients.of(event(List.of(), List.of()))).isEmpty();
    }
}
