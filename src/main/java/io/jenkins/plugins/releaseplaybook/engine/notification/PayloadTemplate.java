package io.jenkins.plugins.releaseplaybook.engine.notification;

import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of the webhook's JSON body, and how the secret is sent. Field names as each service documents its
 * incoming webhook (see docs/notifications.md for the sources):
 * <ul>
 *   <li>{@link #GENERIC}: this plugin's own JSON (every field of the event); the secret signs the body
 *       (HMAC-SHA256 in a header), it is never sent itself.
 *   <li>{@link #DINGTALK}: a DingTalk custom robot, {@code msgtype: markdown}; the secret ({@code SEC...}) signs
 *       {@code timestamp + "\n" + secret}, sent as the {@code timestamp} and {@code sign} URL parameters.
 *   <li>{@link #WECOM}: a WeCom (WeChat Work) group robot, {@code msgtype: markdown}; it has no signing, so the
 *       secret, when set, is the robot's {@code key} URL parameter (the URL can then be kept free of it).
 *   <li>{@link #FEISHU}: a Feishu (Lark) custom bot, {@code msg_type: post}; the secret signs the timestamp, sent as
 *       the body's {@code timestamp} and {@code sign} fields.
 *   <li>{@link #SLACK}: a Slack incoming webhook, {@code text} in mrkdwn; the secret is not used (the URL is it).
 * </ul>
 */
public enum PayloadTemplate {
    GENERIC("generic"),
    DINGTALK("dingtalk"),
    WECOM("wecom"),
    FEISHU("feishu"),
    SLACK("slack");

    private final String id;

    PayloadTemplate(String id) {
        this.id = id;
    }

    /** The value in the configuration and in JCasC, e.g. {@code dingtalk}. */
    public String id() {
        return id;
    }

    /**
     * Any case; blank is {@link #GENERIC}.
     *
     * @throws InvalidInputException naming the value and the choices
     */
    public static PayloadTemplate of(String text) {
        if (text == null || text.isBlank()) {
            return GENERIC;
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (PayloadTemplate template : values()) {
            if (template.id.equals(wanted)) {
                return template;
            }
        }
        throw new InvalidInputException(Text.of("notification.template.unknown", text.trim(),
                Arrays.stream(values()).map(PayloadTemplate::id).collect(Collectors.joining(", "))));
    }
}
