package io.jenkins.plugins.releaseplaybook.engine.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the webhook request for an event in the chosen {@link PayloadTemplate}: the body with Jackson (JSON
 * escaping is Jackson's; each chat format's own escaping is {@link Escaping}'s), the secret applied as the service
 * expects it. Pure: the time to sign with is given.
 */
public final class WebhookRequests {
    /** The generic template's headers. */
    public static final String EVENT_HEADER = "X-Release-Playbook-Event";
    public static final String TIMESTAMP_HEADER = "X-Release-Playbook-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Release-Playbook-Signature";
    /** The generic body's schema version. */
    public static final int SCHEMA = 1;
    /** WeCom refuses Markdown content over 4096 bytes (UTF-8); leave room for the title. */
    static final int WECOM_MAX_BYTES = 4000;
    /** Longest value shown in a chat line; the generic body carries every value whole. */
    static final int MAX_VALUE = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookRequests() {}

    /**
     * The webhook URL as configured.
     *
     * @throws InvalidInputException unless an absolute http or https URL with a host
     */
    public static URI parseUrl(String text) {
        String trimmed = text == null ? "" : text.trim();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidInputException(Text.of("notification.url.invalid", trimmed));
    }

    /**
     * The request for {@code event}.
     *
     * @param secret the secret text credential; {@code null} or blank for none
     * @param now the time to put into signatures
     */
    public static WebhookRequest of(URI url, PayloadTemplate template, NotificationEvent event, Locale locale,
            String secret, Instant now) {
        return build(url, template, event, NotificationText.of(event, locale), locale, secret, now);
    }

    /** A test message (the configuration's "send test" button), in the same template and signed the same way. */
    public static WebhookRequest test(URI url, PayloadTemplate template, Locale locale, String secret, Instant now) {
        NotificationText text = new NotificationText(Text.of("notification.test.title").message(locale),
                List.of(new NotificationText.Line(Text.of("notification.test.line").message(locale), "")), null,
                Text.of("notification.link").message(locale));
        return build(url, template, null, text, locale, secret, now);
    }

    private static WebhookRequest build(URI url, PayloadTemplate template, NotificationEvent event,
            NotificationText text, Locale locale, String secret, Instant now) {
        String key = secret == null || secret.isBlank() ? null : secret.trim();
        String eventId = event == null ? "test" : event.kind().id();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        URI target = url;
        ObjectNode body;
        switch (template) {
            case DINGTALK -> {
                body = dingTalk(text);
                if (key != null) {
                    long millis = now.toEpochMilli();
                    target = withQuery(url, "timestamp=" + millis + "&sign=" + Signatures.dingTalk(key, millis));
                }
            }
            case WECOM -> {
                body = weCom(text);
                if (key != null) {
                    target = withQuery(url, "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
                }
            }
            case FEISHU -> {
                body = JSON.createObjectNode();
                if (key != null) {
                    long seconds = now.getEpochSecond();
                    body.put("timestamp", Long.toString(seconds));
                    body.put("sign", Signatures.feishu(key, seconds));
                }
                feishu(body, text, locale);
            }
            case SLACK -> body = slack(text);
            default -> body = generic(eventId, event, text);
        }
        byte[] bytes = bytes(body);
        if (template == PayloadTemplate.GENERIC) {
            headers.put(EVENT_HEADER, eventId);
            if (key != null) {
                long seconds = now.getEpochSecond();
                headers.put(TIMESTAMP_HEADER, Long.toString(seconds));
                headers.put(SIGNATURE_HEADER, Signatures.generic(key, seconds, bytes));
            }
        }
        return new WebhookRequest(target, headers, bytes, template, eventId);
    }

    private static ObjectNode generic(String eventId, NotificationEvent event, NotificationText text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", SCHEMA);
        body.put("event", eventId);
        body.put("title", text.title());
        body.put("text", text.plain());
        if (event == null) {
            return body;
        }
        body.put("service", event.service());
        body.put("version", event.version());
        body.put("risk", event.risk());
        if (event.build() != null) {
            ObjectNode build = body.putObject("build");
            build.put("job", event.build().jobFullName());
            build.put("number", event.build().number());
            build.put("url", event.build().url());
        }
        body.put("reportUrl", text.url());
        body.put("at", event.at() == null ? null : event.at().toString());
        strings(body.putArray("owners"), event.owners());
        strings(body.putArray("notify"), event.notifyTo());
        ArrayNode missing = body.putArray("missing");
        for (NotificationEvent.Missing item : event.missing()) {
            missing.addObject().put("item", item.item()).put("detail", item.detail());
        }
        NotificationEvent.Rollback rollback = event.rollback();
        if (rollback != null) {
            ObjectNode node = body.putObject("rollback");
            node.put("trigger", rollback.trigger());
            node.put("outcome", rollback.outcome());
            ArrayNode actions = node.putArray("actions");
            for (NotificationEvent.Action action : rollback.actions()) {
                actions.addObject().put("name", action.name()).put("status", action.status())
                        .put("message", action.message());
            }
            node.put("timeToDetectSeconds", seconds(rollback.timeToDetect()));
            node.put("timeToRecoverSeconds", seconds(rollback.timeToRecover()));
        }
        return body;
    }

    /** DingTalk: {@code {"msgtype":"markdown","markdown":{"title":...,"text":...}}}; the title is the preview. */
    private static ObjectNode dingTalk(NotificationText text) {
        StringBuilder markdown = new StringBuilder("#### ").append(Escaping.markdown(text.title())).append("\n\n");
        for (NotificationText.Line line : text.lines()) {
            markdown.append(markdownLine(line)).append('\n');
        }
        if (text.url() != null) {
            markdown.append('\n').append(markdownLink(text));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("msgtype", "markdown");
        body.putObject("markdown").put("title", Escaping.oneLine(text.title())).put("text", markdown.toString());
        return body;
    }

    /** WeCom: {@code {"msgtype":"markdown","markdown":{"content":...}}}, at most 4096 bytes of content. */
    private static ObjectNode weCom(NotificationText text) {
        StringBuilder markdown = new StringBuilder("**").append(Escaping.markdown(text.title())).append("**\n");
        String link = text.url() == null ? "" : markdownLink(text);
        int budget = WECOM_MAX_BYTES - utf8(link) - utf8(markdown.toString());
        List<NotificationText.Line> lines = text.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = markdownLine(lines.get(i)) + "\n";
            if (utf8(line) > budget - 16) {
                markdown.append("… +").append(lines.size() - i).append('\n');
                break;
            }
            markdown.append(line);
            budget -= utf8(line);
        }
        markdown.append(link);
        ObjectNode body = JSON.createObjectNode();
        body.put("msgtype", "markdown");
        body.putObject("markdown").put("content", markdown.toString());
        return body;
    }

    /**
     * Feishu rich text: {@code {"msg_type":"post","content":{"post":{"zh_cn":{"title":...,"content":[[{"tag":"text",
     * "text":...}],...]}}}}}. Texts are literal in {@code text} elements, the link an {@code a} element.
     */
    private static void feishu(ObjectNode body, NotificationText text, Locale locale) {
        body.put("msg_type", "post");
        String language = "zh".equals(locale == null ? "" : locale.getLanguage()) ? "zh_cn" : "en_us";
        ObjectNode post = body.putObject("content").putObject("post").putObject(language);
        post.put("title", Escaping.oneLine(text.title()));
        ArrayNode paragraphs = post.putArray("content");
        for (NotificationText.Line line : text.lines()) {
            paragraphs.addArray().addObject().put("tag", "text").put("text", plainLine(line));
        }
        if (text.url() != null) {
            paragraphs.addArray().addObject().put("tag", "a").put("text", Escaping.oneLine(text.linkLabel()))
                    .put("href", text.url());
        }
    }

    /** Slack: {@code {"text": ...}} in mrkdwn, the link as {@code <url|label>}. */
    private static ObjectNode slack(NotificationText text) {
        StringBuilder mrkdwn = new StringBuilder("*").append(Escaping.slack(text.title())).append("*\n");
        for (NotificationText.Line line : text.lines()) {
            mrkdwn.append(Escaping.slack(line.label()));
            if (!line.value().isEmpty()) {
                mrkdwn.append(": ").append(Escaping.slack(cut(line.value())));
            }
            mrkdwn.append('\n');
        }
        if (text.url() != null) {
            mrkdwn.append('<').append(Escaping.linkTarget(text.url())).append('|')
                    .append(Escaping.slack(text.linkLabel()).replace("|", "/")).append('>');
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("text", mrkdwn.toString());
        return body;
    }

    private static String markdownLine(NotificationText.Line line) {
        String label = "- **" + Escaping.markdown(line.label()) + "**";
        return line.value().isEmpty() ? label : label + ": " + Escaping.markdown(cut(line.value()));
    }

    private static String plainLine(NotificationText.Line line) {
        String label = Escaping.oneLine(line.label());
        return line.value().isEmpty() ? label : label + ": " + Escaping.oneLine(cut(line.value()));
    }

    private static String markdownLink(NotificationText text) {
        return "[" + Escaping.markdown(text.linkLabel()) + "](" + Escaping.linkTarget(text.url()) + ")";
    }

    private static String cut(String value) {
        if (value.length() <= MAX_VALUE) {
            return value;
        }
        int end = MAX_VALUE - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never split a character outside the BMP (an emoji, a rare CJK character)
        }
        return value.substring(0, end) + "…";
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static URI withQuery(URI url, String parameters) {
        String raw = url.toString();
        return URI.create(raw + (url.getRawQuery() == null ? "?" : "&") + parameters);
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree did not serialize", e);
        }
    }
}
