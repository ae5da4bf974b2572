package dev.orderengine.adapter.out.dataplatform;

import dev.orderengine.application.relay.DataPlatform;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.SendWindow;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Posts each event's stored body to the data platform's URL with {@code Idempotency-Key: <eventId>}, through the
 * {@link SendWindow}. Each exchange, headers and body, is bounded by the request timeout (the JDK client's own timeout
 * stops at the response headers, so a receiver that sends headers and then stalls would hold the relay otherwise), and
 * at most {@value #MAX_KEPT_RESPONSE} bytes of an answer are kept. Answers: 2xx and 409 delivered; connection errors,
 * timeouts, 408, 429, 5xx (and redirects, which point at a misconfiguration) retried later; any other 4xx is poison.
 *
 * <p>With {@link WebhookSecrets} every request is signed as Standard Webhooks say: {@code webhook-id} (the event id),
 * {@code webhook-timestamp} (Unix seconds of this attempt, from the clock: a retry or replay is signed afresh, so a
 * receiver's tolerance window never refuses it) and {@code webhook-signature} over the exact bytes sent.
 */
public final class HttpDataPlatform implements DataPlatform {

    /** How much of an answer is read and kept with its dead letter. */
    static final int MAX_KEPT_RESPONSE = 2_000;

    private final URI endpoint;
    private final Duration requestTimeout;
    private final int maxInFlight;
    private final HttpClient client;
    private final WebhookSecrets secrets;
    private final Clock clock;
    private final Function<PublishedEvent, CompletableFuture<Delivery>> traced;

    /** Unsigned deliveries. */
    public HttpDataPlatform(URI endpoint, Duration connectTimeout, Duration requestTimeout, int maxInFlight) {
        this(endpoint, connectTimeout, requestTimeout, maxInFlight, WebhookSecrets.NONE, Clock.systemUTC(), DeliveryTracing.OFF);
    }

    /**
     * @param secrets {@link WebhookSecrets#NONE} for unsigned deliveries
     * @param clock   the time each attempt is signed at
     * @param tracing a span per delivery, its {@code traceparent} sent as a header
     */
    public HttpDataPlatform(URI endpoint, Duration connectTimeout, Duration requestTimeout, int maxInFlight,
                            WebhookSecrets secrets, Clock clock, DeliveryTracing tracing) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.traced = tracing.around("http", endpoint.toString(), this::send);
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // plain http: HTTP/1.1 keep-alive; HTTP/2 would try an h2c upgrade that receivers rarely speak
                .version("http".equalsIgnoreCase(endpoint.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
    }

    @Override
    public List<Delivery> deliver(List<PublishedEvent> events) {
        return SendWindow.deliver(events, maxInFlight, traced);
    }

    private CompletableFuture<Delivery> send(PublishedEvent event, Optional<String> traceparent) {
        String eventId = Long.toString(event.eventId());
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", eventId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        traceparent.ifPresent(context -> request.header(DeliveryTracing.TRACEPARENT, context));
        if (!secrets.isEmpty()) {
            long timestamp = clock.instant().getEpochSecond();
            request.header("webhook-id", eventId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", secrets.signature(eventId, timestamp, body));
        }
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(), HttpDataPlatform::keepingTheStart);
        // cancelling the client's future aborts the exchange, however far it got (a completed one ignores it)
        CompletableFuture.delayedExecutor(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> exchange.cancel(true));
        return exchange.handle((response, failure) -> failure == null ? classify(response) : new Delivery.Retry(describe(failure)));
    }

    static Delivery classify(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300 || status == 409) {
            return new Delivery.Delivered();
        }
        if (status == 408 || status == 429 || status >= 500 || status < 400) {
            return new Delivery.Retry("HTTP " + status);
        }
        return new Delivery.Poison(status, response.body() == null ? "" : response.body());
    }

    /** Reads the whole answer (so the connection can be reused) but keeps only its first bytes, as UTF-8 text. */
    private static HttpResponse.BodySubscriber<String> keepingTheStart(HttpResponse.ResponseInfo info) {
        FirstBytes kept = new FirstBytes();
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArrayConsumer(kept::take), ignored -> kept.text());
    }

    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CancellationException || cause instanceof HttpTimeoutException) {
            return "HttpTimeoutException: no complete answer within " + requestTimeout.toMillis() + " ms";
        }
        return SendWindow.describe(cause);
    }

    /** The first {@value #MAX_KEPT_RESPONSE} bytes of a body, the rest dropped as it arrives. */
    private static final class FirstBytes {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        synchronized void take(Optional<byte[]> chunk) {
            chunk.ifPresent(data -> bytes.write(data, 0, Math.min(data.length, MAX_KEPT_RESPONSE - bytes.size())));
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
