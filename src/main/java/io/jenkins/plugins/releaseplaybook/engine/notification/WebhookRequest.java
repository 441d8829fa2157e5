package io.jenkins.plugins.releaseplaybook.engine.notification;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One POST to a webhook: its URL (with any signature parameters), headers and JSON body. Built by
 * {@link WebhookRequests}, sent by {@link WebhookSender}.
 *
 * @param event what it is about ({@link EventKind#id()}, or {@code test}), for the delivery's record
 */
public record WebhookRequest(URI uri, Map<String, String> headers, byte[] body, PayloadTemplate template,
        String event) {
    public WebhookRequest {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        body = body.clone();
        Objects.requireNonNull(template, "template");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * Where it goes, safe for a log: scheme, host and port only. Chat webhooks carry their token in the path
     * (Slack, Feishu) or the query (DingTalk's {@code access_token} and {@code sign}, WeCom's {@code key}).
     */
    public String target() {
        return target(uri);
    }

    static String target(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** Never shows the URL's path or query, the headers or the body. */
    @Override
    public String toString() {
        return "WebhookRequest[" + template.id() + " " + event + " to " + target() + "]";
    }
}
