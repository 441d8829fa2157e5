package io.jenkins.plugins.releaseplaybook.engine.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.releaseplaybook.engine.support.Sleeper;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends webhook requests on its own thread, so that whoever hands one over (a build finishing) never waits for the
 * receiver: {@link #submit} only queues. The queue is bounded (a dead receiver cannot pile up memory; what does not
 * fit is dropped and reported), each request has a short timeout, and a request that failed in a way that may pass
 * later (no connection, timeout, 5xx, 408, 429) is retried a bounded number of times with a doubling pause.
 *
 * <p>Every outcome goes to the {@code outcomes} consumer (the plugin logs it). Nothing here logs or reports a URL's
 * path or query, a header or a body: that is where webhook tokens and signatures are.
 */
public final class WebhookSender implements AutoCloseable {
    /** How much of an answer is read: enough for a chat service's error code. */
    static final int MAX_ANSWER_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Text INTERRUPTED = Text.of("notification.delivery.interrupted");

    /**
     * @param timeout for connecting and for the answer of each attempt
     * @param queueCapacity requests waiting beyond the one being sent
     * @param maxAttempts attempts per request, at least 1
     * @param firstPause the pause before the second attempt; doubled before each further one
     */
    public record Settings(Duration timeout, int queueCapacity, int maxAttempts, Duration firstPause) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), 100, 3, Duration.ofSeconds(2));

        public Settings {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            if (queueCapacity < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("queueCapacity and maxAttempts must be at least 1");
            }
            Objects.requireNonNull(firstPause, "firstPause");
        }
    }

    private final Supplier<HttpClient> client;
    private final Settings settings;
    private final Sleeper sleeper;
    private final Consumer<Delivery> outcomes;
    private final ThreadPoolExecutor worker;

    /**
     * @param client shared, e.g. built with the proxy settings of the host application
     * @param sleeper the pause between attempts ({@link Sleeper#system()} outside tests)
     * @param outcomes told of every request's end, on the sender's thread; must not throw or block
     */
    public WebhookSender(HttpClient client, Settings settings, Sleeper sleeper, Consumer<Delivery> outcomes) {
        this(constant(Objects.requireNonNull(client, "client")), settings, sleeper, outcomes);
    }

    /**
     * @param client asked for the client before each attempt: the host application may replace its shared client
     *     (Jenkins does when its proxy settings change)
     */
    public WebhookSender(Supplier<HttpClient> client, Settings settings, Sleeper sleeper, Consumer<Delivery> outcomes) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        AtomicInteger threads = new AtomicInteger();
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()), runnable -> {
                    Thread thread = new Thread(runnable, "Release Playbook notifications " + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private static Supplier<HttpClient> constant(HttpClient client) {
        return () -> client;
    }

    /**
     * Queues the request and returns at once.
     *
     * @return whether it was queued; {@code false} (reported as {@link Delivery.Outcome#DROPPED}) when the queue is
     *     full or the sender is closed
     */
    public boolean submit(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            worker.execute(() -> report(deliver(request, settings.maxAttempts())));
            return true;
        } catch (RejectedExecutionException e) {
            report(new Delivery(request.target(), request.template().id(), request.event(), Delivery.Outcome.DROPPED,
                    0, 0, worker.isShutdown() ? Text.of("notification.delivery.closed")
                            : Text.of("notification.delivery.queueFull", Integer.toString(settings.queueCapacity()))));
            return false;
        }
    }

    /**
     * Sends one request now, on the caller's thread, once (no retry): the configuration page's "send test" button.
     * Takes at most about the timeout.
     */
    public Delivery sendNow(WebhookRequest request) {
        return deliver(request, 1);
    }

    /** Stops the sender's thread; requests still queued are not sent. Waits at most {@code wait} for the current one. */
    public void close(Duration wait) throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private void report(Delivery delivery) {
        try {
            outcomes.accept(delivery);
        } catch (RuntimeException e) {
            // the consumer's bug must not kill the sender's thread
        }
    }

    private Delivery deliver(WebhookRequest request, int maxAttempts) {
        Attempt last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                try {
                    sleeper.sleep(settings.firstPause().multipliedBy(1L << Math.min(attempt - 2, 16)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return end(request, Delivery.Outcome.GAVE_UP, attempt - 1, last, INTERRUPTED);
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return end(request, Delivery.Outcome.GAVE_UP, attempt - 1, last, INTERRUPTED);
            }
            last = attempt(request);
            if (last.outcome != null) {
                return end(request, last.outcome, attempt, last, last.problem);
            }
        }
        return end(request, Delivery.Outcome.GAVE_UP, maxAttempts, last, last == null ? null : last.problem);
    }

    private static Delivery end(WebhookRequest request, Delivery.Outcome outcome, int attempts, Attempt last,
            Text problem) {
        return new Delivery(request.target(), request.template().id(), request.event(), outcome, attempts,
                last == null ? 0 : last.status, outcome == Delivery.Outcome.DELIVERED ? null : problem);
    }

    /** One attempt; {@code outcome} is {@code null} when it is worth another one. */
    private record Attempt(Delivery.Outcome outcome, int status, Text problem) {}

    private Attempt attempt(WebhookRequest request) {
        HttpRequest.Builder http = HttpRequest.newBuilder(request.uri()).timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(http::header);
        try {
            HttpResponse<InputStream> response = client.get().send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER_BYTES);
            }
            if (status >= 200 && status < 300) {
                Text refusal = serviceError(request.template(), answer);
                return refusal == null ? new Attempt(Delivery.Outcome.DELIVERED, status, null)
                        : new Attempt(Delivery.Outcome.REFUSED, status, refusal);
            }
            boolean retry = status >= 500 || status == 408 || status == 429;
            return new Attempt(retry ? null : Delivery.Outcome.REFUSED, status, Text.of("notification.delivery.status", Integer.toString(status)));
        } catch (HttpTimeoutException e) {
            return new Attempt(null, 0, Text.of("notification.delivery.timeout",
                    Long.toString(settings.timeout().toMillis())));
        } catch (IOException e) {
            return new Attempt(null, 0, Text.of("notification.delivery.unreachable", request.target(),
                    e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(Delivery.Outcome.GAVE_UP, 0, INTERRUPTED);
        } catch (IllegalArgumentException e) {
            return new Attempt(Delivery.Outcome.REFUSED, 0, Text.of("notification.delivery.invalid"));
        }
    }

    /**
     * DingTalk, WeCom and Feishu answer HTTP 200 also when they refuse (a wrong signature, an unknown key): their JSON
     * says so, {@code errcode} (DingTalk, WeCom) or {@code code} (Feishu) other than 0, with {@code errmsg} or
     * {@code msg}. The generic and Slack receivers' 2xx is a success.
     */
    static Text serviceError(PayloadTemplate template, byte[] answer) {
        if (template == PayloadTemplate.GENERIC || template == PayloadTemplate.SLACK || answer.length == 0) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(answer);
        } catch (IOException e) {
            return null; // not JSON (or cut at the limit): nothing says it failed
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode code = node.has("errcode") ? node.get("errcode") : node.get("code");
        if (code == null || !code.canConvertToLong() || code.asLong() == 0) {
            return null;
        }
        JsonNode message = node.has("errmsg") ? node.get("errmsg") : node.get("msg");
        String text = message == null ? "" : Escaping.oneLine(message.asText());
        return text.isEmpty() ? Text.of("notification.delivery.serviceCode", template.id(), Long.toString(code.asLong()))
                : Text.of("notification.delivery.serviceError", template.id(), Long.toString(code.asLong()),
                        text.length() > 200 ? text.substring(0, 200) : text);
    }
}
