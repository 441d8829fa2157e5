package io.jenkins.plugins.releaseplaybook.engine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The sender against a real HTTP server on loopback: what arrives, a slow receiver, retries, a closed port. */
public class WebhookSenderIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "s3cret-for-the-receiver";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    /** Pauses the sender asked for between attempts: recorded, not slept. */
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;
    private WebhookSender sender;

    @Before
    public void start() throws Exception {
        receiver = new WebhookReceiver();
    }

    @After
    public void stop() throws Exception {
        if (sender != null) {
            sender.close(Duration.ofSeconds(5));
        }
        receiver.close();
    }

    private WebhookSender sender(Duration timeout, int capacity, int attempts) {
        sender = new WebhookSender(client, new WebhookSender.Settings(timeout, capacity, attempts, Duration.ofSeconds(2)),
                pauses::add, deliveries::add);
        return sender;
    }

    private static WebhookRequest gate(URI url, PayloadTemplate template) {
        NotificationEvent event = NotificationEvents.of(NotificationSamples.gateFailed("checkout"),
                EnumSet.allOf(EventKind.Topic.class)).get(0);
        return WebhookRequests.of(url, template, event, Locale.ENGLISH, SECRET, Instant.now());
    }

    private Delivery nextDelivery() throws InterruptedException {
        Delivery delivery = deliveries.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(delivery).as("a delivery was reported").isNotNull();
        return delivery;
    }

    @Test
    public void theReceiverGetsTheSignedPayload() throws Exception {
        sender(Duration.ofSeconds(5), 10, 3).submit(gate(receiver.url("/hooks/release"), PayloadTemplate.GENERIC));

        WebhookReceiver.Received request = receiver.next(WAIT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().getPath()).isEqualTo("/hooks/release");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("X-Release-Playbook-Event")).isEqualTo("gateFailed");
        assertThat(request.body()).contains("\"event\":\"gateFailed\"").contains("\"item\":\"backup verified\"");
        // what a receiver does to check it
        String timestamp = request.header("X-Release-Playbook-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + java.util.HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("X-Release-Playbook-Signature")).isEqualTo(expected);
        assertThat(request.toString()).doesNotContain(SECRET);

        Delivery delivery = nextDelivery();
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.status()).isEqualTo(200);
        assertThat(delivery.target()).startsWith("http://127.0.0.1:").doesNotContain("/hooks");
    }

    @Test
    public void aSlowReceiverDoesNotBlockTheCaller() throws Exception {
        CountDownLatch release = receiver.holdRequests();
        CountDownLatch arrived = receiver.expectArrivals(1);
        WebhookSender slow = sender(Duration.ofSeconds(15), 10, 1);

        long before = System.nanoTime();
        boolean queued = slow.submit(gate(receiver.url("/slow"), PayloadTemplate.GENERIC));
        boolean queuedToo = slow.submit(gate(receiver.url("/slow"), PayloadTemplate.GENERIC));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

        assertThat(queued).isTrue();
        assertThat(queuedToo).isTrue();
        assertThat(arrived.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the first request reached the receiver").isTrue();
        assertThat(deliveries).as("the receiver has not answered, yet the caller went on").isEmpty();
        assertThat(tookMillis).as("submit only queues").isLessThan(2_000);

        release.countDown();
        assertThat(nextDelivery().outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        assertThat(nextDelivery().outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
    }

    @Test
    public void aReceiverThatNeverAnswersTimesOut() throws Exception {
        receiver.holdRequests();
        sender(Duration.ofMillis(300), 10, 2).submit(gate(receiver.url("/never"), PayloadTemplate.GENERIC));

        Delivery delivery = nextDelivery();
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.GAVE_UP);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(delivery.problem()).isEqualTo("no answer within 300 ms");
        assertThat(delivery.reason().message(Locale.SIMPLIFIED_CHINESE)).isEqualTo("300 毫秒内无应答");
    }

    @Test
    public void aServerErrorIsRetriedThenGivenUp() throws Exception {
        receiver.answer(500, "oops");
        sender(Duration.ofSeconds(5), 10, 3).submit(gate(receiver.url("/error?access_token=tok123"), PayloadTemplate.DINGTALK));

        Delivery delivery = nextDelivery();
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.GAVE_UP);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.status()).isEqualTo(500);
        assertThat(delivery.problem()).isEqualTo("HTTP 500");
        assertThat(receiver.count()).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(delivery.toString()).doesNotContain("tok123").doesNotContain("sign=");
    }

    @Test
    public void aClientErrorIsNotRetried() throws Exception {
        receiver.answer(404, "no such hook");
        sender(Duration.ofSeconds(5), 10, 3).submit(gate(receiver.url("/gone"), PayloadTemplate.SLACK));

        Delivery delivery = nextDelivery();
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.REFUSED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    public void aChatServiceRefusalInA200IsReported() throws Exception {
        receiver.answer(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        sender(Duration.ofSeconds(5), 10, 3).submit(gate(receiver.url("/robot/send?access_token=t"), PayloadTemplate.DINGTALK));

        Delivery delivery = nextDelivery();
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.REFUSED);
        assertThat(delivery.problem()).isEqualTo("dingtalk error 310000: sign not match");

        receiver.answer(200, "{\"code\":0,\"msg\":\"success\"}");
        sender.submit(gate(receiver.url("/open-apis/bot/v2/hook/x"), PayloadTemplate.FEISHU));
        assertThat(nextDelivery().outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        WebhookReceiver.Received first = receiver.next(WAIT);
        assertThat(first.uri().getRawQuery()).contains("access_token=t&timestamp=").contains("&sign=");
        WebhookReceiver.Received feishu = receiver.next(WAIT);
        assertThat(feishu.body()).contains("\"msg_type\":\"post\"").contains("\"sign\":\"");
    }

    @Test
    public void aClosedPortIsRetriedThenGivenUp() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        sender(Duration.ofSeconds(2), 10, 2).submit(gate(URI.create("http://127.0.0.1:" + port + "/x"),
                PayloadTemplate.GENERIC));

        Delivery delivery = nextDelivery();
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.GAVE_UP);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(delivery.status()).isZero();
        assertThat(delivery.problem()).startsWith("cannot reach http://127.0.0.1:" + port);
    }

    @Test
    public void aFullQueueDropsAndSaysSoWithoutBlocking() throws Exception {
        CountDownLatch release = receiver.holdRequests();
        CountDownLatch arrived = receiver.expectArrivals(1);
        WebhookSender small = sender(Duration.ofSeconds(15), 1, 1);

        assertThat(small.submit(gate(receiver.url("/a"), PayloadTemplate.GENERIC))).isTrue();
        assertThat(arrived.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue(); // being sent, not queued
        assertThat(small.submit(gate(receiver.url("/b"), PayloadTemplate.GENERIC))).as("queued").isTrue();
        assertThat(small.submit(gate(receiver.url("/c"), PayloadTemplate.GENERIC))).as("no room").isFalse();

        Delivery dropped = nextDelivery();
        assertThat(dropped.outcome()).isEqualTo(Delivery.Outcome.DROPPED);
        assertThat(dropped.attempts()).isZero();
        assertThat(dropped.problem()).isEqualTo("the notification queue is full (1 waiting)");
        release.countDown();
        assertThat(nextDelivery().outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        assertThat(nextDelivery().outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
    }

    @Test
    public void sendNowIsOneAttemptOnTheCallersThread() throws Exception {
        receiver.answer(503, "busy");
        Delivery delivery = sender(Duration.ofSeconds(5), 10, 3)
                .sendNow(WebhookRequests.test(receiver.url("/test"), PayloadTemplate.WECOM, Locale.ENGLISH, "k", Instant.now()));

        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.GAVE_UP);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(receiver.next(WAIT).uri().getRawQuery()).isEqualTo("key=k");
        assertThat(deliveries).as("reported to the caller, not to the consumer").isEmpty();
    }
}
