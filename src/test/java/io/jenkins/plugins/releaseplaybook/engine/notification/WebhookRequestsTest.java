package io.jenkins.plugins.releaseplaybook.engine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Test;

/**
 * Each template's body has the fields the service documents, user texts cannot format or break it, and the secret is
 * applied as the service documents it (recomputed here from the published algorithm, not from the production code).
 */
public class WebhookRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T10:10:00.123Z");
    private static final String SECRET = "SECdemo-secret";
    /** A service name that would format, link, mention or break each format if it were not escaped. */
    private static final String HOSTILE = "shop*_[x](https://evil.example)<!channel><font color=\"red\">&\n# h";

    private static NotificationEvent gateEvent(String service) {
        return NotificationEvents.of(NotificationSamples.gateFailed(service), EnumSet.allOf(EventKind.Topic.class)).get(0);
    }

    private static NotificationEvent rollbackEvent() {
        ReleaseReport report = ReleaseReport.empty().withHeader(NotificationSamples.header("checkout", false))
                .withRollback(NotificationSamples.rollback(StageStatus.SUCCESS, false));
        return NotificationEvents.of(report, EnumSet.allOf(EventKind.Topic.class)).get(0);
    }

    private static JsonNode body(WebhookRequest request) throws IOException {
        return JSON.readTree(request.body());
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    public void genericCarriesTheWholeEventAndSignsTheBodyInAHeader() throws Exception {
        WebhookRequest request = WebhookRequests.of(URI.create("https://hooks.example.com/release"),
                PayloadTemplate.GENERIC, rollbackEvent(), Locale.ENGLISH, SECRET, NOW);

        JsonNode body = body(request);
        assertThat(body.get("schema").asInt()).isEqualTo(1);
        assertThat(body.get("event").asText()).isEqualTo("rolledBack");
        assertThat(body.get("service").asText()).isEqualTo("checkout");
        assertThat(body.get("build").get("number").asInt()).isEqualTo(42);
        assertThat(body.get("reportUrl").asText()).endsWith("/42/release-report/");
        assertThat(body.get("rollback").get("timeToRecoverSeconds").asLong()).isEqualTo(45);
        assertThat(body.get("rollback").get("actions")).hasSize(2);
        assertThat(body.get("notify").get(0).asText()).isEqualTo("#checkout-release");
        assertThat(request.uri()).isEqualTo(URI.create("https://hooks.example.com/release"));
        assertThat(request.headers()).containsEntry("X-Release-Playbook-Event", "rolledBack")
                .containsEntry("X-Release-Playbook-Timestamp", "1772359800");
        String expected = "sha256=" + HexFormat.of().formatHex(hmac(SECRET.getBytes(StandardCharsets.UTF_8),
                ("1772359800." + new String(request.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.headers()).containsEntry("X-Release-Playbook-Signature", expected);
        assertThat(new String(request.body(), StandardCharsets.UTF_8) + request.headers() + request.uri())
                .as("the secret itself is never sent").doesNotContain(SECRET);
    }

    @Test
    public void withoutASecretNothingIsSigned() throws Exception {
        WebhookRequest request = WebhookRequests.of(URI.create("https://hooks.example.com/release?team=a"),
                PayloadTemplate.DINGTALK, rollbackEvent(), Locale.ENGLISH, " ", NOW);

        assertThat(request.uri()).isEqualTo(URI.create("https://hooks.example.com/release?team=a"));
        assertThat(WebhookRequests.of(URI.create("https://h.example.com/"), PayloadTemplate.GENERIC, rollbackEvent(),
                Locale.ENGLISH, null, NOW).headers()).doesNotContainKeys("X-Release-Playbook-Signature");
    }

    @Test
    public void dingTalkIsMarkdownSignedInTheUrl() throws Exception {
        WebhookRequest request = WebhookRequests.of(URI.create("https://oapi.dingtalk.com/robot/send?access_token=abc"),
                PayloadTemplate.DINGTALK, gateEvent(HOSTILE), Locale.SIMPLIFIED_CHINESE, SECRET, NOW);

        JsonNode body = body(request);
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("title").asText()).startsWith("发布门禁未通过：shop").doesNotContain("\n");
        String text = body.get("markdown").get("text").asText();
        assertThat(text).contains("\\*\\_\\[x\\]\\(https://evil.example\\)&lt;\\!channel&gt;&lt;font color=\"red\"&gt;&amp; \\# h")
                .contains("- **缺失**: backup verified").contains("[发布报告](https://ci.example.com/job/shop/job/checkout/42/release-report/)");
        String query = request.uri().getRawQuery();
        assertThat(query).startsWith("access_token=abc&timestamp=1772359800123&sign=");
        String sign = URLDecoder.decode(query.substring(query.indexOf("&sign=") + 6), StandardCharsets.UTF_8);
        String expected = Base64.getEncoder().encodeToString(hmac(SECRET.getBytes(StandardCharsets.UTF_8),
                ("1772359800123\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(sign).isEqualTo(expected);
        assertThat(request.target()).as("no token in what is logged").isEqualTo("https://oapi.dingtalk.com");
        assertThat(request.toString()).doesNotContain("abc").doesNotContain("sign");
    }

    @Test
    public void weComIsMarkdownWithTheSecretAsItsKeyAndFitsItsLimit() throws Exception {
        WebhookRequest request = WebhookRequests.of(URI.create("https://qyapi.weixin.qq.com/cgi-bin/webhook/send"),
                PayloadTemplate.WECOM, gateEvent(HOSTILE), Locale.ENGLISH, "693a91f6-key", NOW);

        JsonNode body = body(request);
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        String content = body.get("markdown").get("content").asText();
        assertThat(content).startsWith("**Release gate failed: shop\\*\\_").doesNotContain("<font");
        assertThat(request.uri().getRawQuery()).isEqualTo("key=693a91f6-key");

        NotificationEvent huge = new NotificationEvent(EventKind.GATE_FAILED, "checkout", null, null, null, null,
                java.util.List.of(), java.util.List.of(), java.util.stream.IntStream.range(0, 200)
                        .mapToObj(i -> new NotificationEvent.Missing("item " + i, "检查项".repeat(40))).toList(), null);
        String cut = body(WebhookRequests.of(URI.create("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"),
                PayloadTemplate.WECOM, huge, Locale.ENGLISH, null, NOW)).get("markdown").get("content").asText();
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(cut).contains("… +");
    }

    @Test
    public void feishuIsAPostWithTimestampAndSignInTheBody() throws Exception {
        WebhookRequest request = WebhookRequests.of(URI.create("https://open.feishu.cn/open-apis/bot/v2/hook/xyz"),
                PayloadTemplate.FEISHU, gateEvent(HOSTILE), Locale.SIMPLIFIED_CHINESE, SECRET, NOW);

        JsonNode body = body(request);
        assertThat(body.get("msg_type").asText()).isEqualTo("post");
        assertThat(body.get("timestamp").asText()).isEqualTo("1772359800");
        String expected = Base64.getEncoder().encodeToString(
                hmac(("1772359800\n" + SECRET).getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertThat(body.get("sign").asText()).isEqualTo(expected);
        JsonNode post = body.get("content").get("post").get("zh_cn");
        assertThat(post.get("title").asText()).doesNotContain("\n");
        JsonNode paragraphs = post.get("content");
        assertThat(paragraphs.get(0).get(0).get("tag").asText()).isEqualTo("text");
        JsonNode link = paragraphs.get(paragraphs.size() - 1).get(0);
        assertThat(link.get("tag").asText()).isEqualTo("a");
        assertThat(link.get("href").asText()).endsWith("/42/release-report/");
        assertThat(WebhookRequests.of(URI.create("https://open.feishu.cn/x"), PayloadTemplate.FEISHU, gateEvent("a"),
                Locale.ENGLISH, null, NOW).body()).asString(StandardCharsets.UTF_8).doesNotContain("sign")
                .contains("\"en_us\"");
    }

    @Test
    public void slackEscapesItsControlCharactersAndLinksTheReport() throws Exception {
        WebhookRequest request = WebhookRequests.of(URI.create("https://hooks.slack.com/services/T/B/X"),
                PayloadTemplate.SLACK, gateEvent(HOSTILE), Locale.ENGLISH, SECRET, NOW);

        String text = body(request).get("text").asText();
        assertThat(text).startsWith("*Release gate failed: shop*_[x](https://evil.example)&lt;!channel&gt;")
                .doesNotContain("<!channel>").doesNotContain("<font")
                .endsWith("<https://ci.example.com/job/shop/job/checkout/42/release-report/|Release Report>");
        assertThat(request.uri().getRawQuery()).isNull();
        assertThat(request.target()).isEqualTo("https://hooks.slack.com");
    }

    @Test
    public void aTestMessageInEveryTemplate() throws Exception {
        for (PayloadTemplate template : PayloadTemplate.values()) {
            WebhookRequest request = WebhookRequests.test(URI.create("https://h.example.com/x"), template,
                    Locale.ENGLISH, SECRET, NOW);
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).as(template.id())
                    .contains("Release Playbook test notification");
            assertThat(request.event()).isEqualTo("test");
        }
    }

    @Test
    public void templatesAndUrlsAreChecked() {
        assertThat(PayloadTemplate.of(" DingTalk ")).isEqualTo(PayloadTemplate.DINGTALK);
        assertThat(PayloadTemplate.of("")).isEqualTo(PayloadTemplate.GENERIC);
        assertThatThrownBy(() -> PayloadTemplate.of("teams")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Unknown notification template teams: use one of generic, dingtalk, wecom, feishu, slack.");
        assertThat(WebhookRequests.parseUrl(" https://hooks.example.com/a?b=c ").getHost()).isEqualTo("hooks.example.com");
        for (String bad : new String[] {"", "hooks.example.com/a", "ftp://h.example.com/", "https:///x", "http://h/a#f",
                "javascript:alert(1)"}) {
            assertThatThrownBy(() -> WebhookRequests.parseUrl(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is not an absolute http or https URL");
        }
    }
}
