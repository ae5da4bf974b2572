package dev.orderengine.adapter.out.dataplatform;

import dev.orderengine.application.relay.DataPlatform;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Posts each event to the data platform's URL with {@code Idempotency-Key: <eventId>}, a sliding window at a time,
 * with connect and request timeouts. Answers: 2xx and 409 delivered; connection errors, timeouts, 408,
 * 429, 5xx (and redirects, which point at a misconfiguration) retried later; any other 4xx is poison.
 */
public final class HttpDataPlatform implements DataPlatform {

    /** How much of a refusing answer is kept with its dead letter. */
    static final int MAX_KEPT_RESPONSE = 2_000;

    private final URI endpoint;
    private final Duration requestTimeout;
    private final int maxInFlight;
    private final HttpClient client;

    public HttpDataPlatform(URI endpoint, Duration connectTimeout, Duration requestTimeout, int maxInFlight) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // plain http: HTTP/1.1 keep-alive; HTTP/2 would try an h2c upgrade that receivers rarely speak
                .version("http".equalsIgnoreCase(endpoint.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
    }

    /**
     * Sends over a sliding window: event {@code i} starts once event {@code i - maxInFlight} has answered, so
     * at most {@code maxInFlight} are in flight and none runs further than that ahead of an unanswered one.
     * Once an event must be retried, no later event is started (those in flight finish): they would only be
     * sent again after it.
     */
    @Override
    public List<Delivery> deliver(List<PublishedEvent> events) {
        AtomicBoolean mustRetry = new AtomicBoolean();
        List<CompletableFuture<Delivery>> sent = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (i >= maxInFlight) {
                sent.get(i - maxInFlight).join();
            }
            if (mustRetry.get()) {
                break;
            }
            sent.add(send(events.get(i)).thenApply(result -> {
                if (result instanceof Delivery.Retry) {
                    mustRetry.set(true);
                }
                return result;
            }));
        }
        List<Delivery> results = new ArrayList<>(events.size());
        sent.forEach(delivery -> results.add(delivery.join()));
        while (results.size() < events.size()) {
            results.add(new Delivery.Retry("not sent: an earlier event must be retried first"));
        }
        return results;
    }

    private CompletableFuture<Delivery> send(PublishedEvent event) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", Long.toString(event.eventId()))
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(event)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(HttpDataPlatform::classify)
                .exceptionally(failure -> new Delivery.Retry(describe(failure)));
    }

    static Delivery classify(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300 || status == 409) {
            return new Delivery.Delivered();
        }
        if (status == 408 || status == 429 || status >= 500 || status < 400) {
            return new Delivery.Retry("HTTP " + status);
        }
        String body = response.body() == null ? "" : response.body();
        return new Delivery.Poison(status, body.length() > MAX_KEPT_RESPONSE ? body.substring(0, MAX_KEPT_RESPONSE) : body);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
