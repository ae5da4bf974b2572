package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.orderengine.application.EnginePorts;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.inmemory.InMemoryPorts;
import dev.orderengine.application.inmemory.InMemoryStorage;
import dev.orderengine.application.inmemory.MutableClock;
import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.application.port.StorageUnavailableException;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.application.relay.DataPlatform;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayEngine;
import dev.orderengine.application.relay.RelaySettings;
import dev.orderengine.application.relay.RetentionSettings;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.ProductStatus;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.UserStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The real HTTP server over an engine on the in-memory adapters, with a few switches for failures no real
 * request can cause (database down, a key held by another request), and an HTTP client to talk to it.
 */
final class TestApi implements AutoCloseable {

    static final String ADMIN_TOKEN = "s3cret-admin-token";
    static final Instant START = Instant.parse("2026-11-24T10:15:30.123456789Z");
    /** Idempotency keys starting with this are reported as held by another request still running. */
    static final String BUSY_KEY_PREFIX = "busy-";
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    final MutableClock clock = MutableClock.at(START);
    final EnginePorts ports = InMemoryPorts.create();
    final InMemoryStorage storage = InMemoryPorts.storageOf(ports);
    final AtomicBoolean storageDown = new AtomicBoolean();
    final AtomicBoolean databaseUp = new AtomicBoolean(true);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** A failure the next transaction throws instead of running, once; planted by a test. */
    final AtomicReference<RuntimeException> plantedFailure = new AtomicReference<>();
    /** Runs inside the next transaction, once, before its work; planted by a test (to hold a request in flight, say). */
    final AtomicReference<Runnable> duringNextTransaction = new AtomicReference<>();
    final RecordingDataPlatform dataPlatform = new RecordingDataPlatform();
    final RelayEngine relays;
    final RestApi api;
    final int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    TestApi() {
        this(OpenTelemetry.noop());
    }

    /** The API tracing its requests with {@code telemetry}. */
    TestApi(OpenTelemetry telemetry) {
        EnginePorts served = new EnginePorts(new FailingWhenDown(ports.transactions()), ports.users(), ports.products(),
                ports.stock(), ports.couponSources(), ports.coupons(), ports.balances(), ports.payments(), ports.orders(),
                ports.orderEvents(), new BusyKeys(ports.idempotencyKeys()));
        OrderEngine engine = new OrderEngine(served, clock, OrderEngine.DEFAULT_RESERVATION_TTL);
        relays = new RelayEngine(served, storage.relayPorts(), dataPlatform, RelaySettings.DEFAULT, RetentionSettings.DEFAULT, clock);
        api = new RestApi(engine, relays, AdminToken.of(ADMIN_TOKEN), registry, databaseUp::get, Duration.ofSeconds(5), telemetry);
        port = api.start(0);
    }

    @Override
    public void close() {
        api.stop();
    }

    // ---- HTTP ----

    Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    Response post(String path, String json, String... headers) {
        return send(request(path, withJson(headers)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String json, String... headers) {
        return send(request(path, withJson(headers)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response adminGet(String path) {
        return get(path, "Authorization", "Bearer " + ADMIN_TOKEN);
    }

    Response adminPost(String path, String json) {
        return post(path, json, "Authorization", "Bearer " + ADMIN_TOKEN);
    }

    Response adminPut(String path, String json) {
        return put(path, json, "Authorization", "Bearer " + ADMIN_TOKEN);
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String[] withJson(String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Content-Type")) {
                return headers;
            }
        }
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    // ---- fixtures through the API ----

    long user(String name) {
        return created(post("/api/v1/users", "{\"name\": \"%s\"}".formatted(name))).path("id").asLong();
    }

    long userWithBalance(String amount) {
        long id = user("customer");
        Response charged = post("/api/v1/users/" + id + "/balance/charges", "{\"amount\": " + amount + "}");
        assertThat(charged.status()).as(charged.body()).isEqualTo(200);
        return id;
    }

    long product(String price, int stock) {
        return created(adminPost("/api/v1/products",
                "{\"name\": \"Keyboard\", \"description\": \"Mechanical\", \"price\": %s, \"stock\": %d}".formatted(price, stock)))
                .path("id").asLong();
    }

    long couponSource(String discount, int totalQuantity, int validDays) {
        return created(adminPost("/api/v1/coupon-sources",
                "{\"name\": \"Welcome\", \"discountAmount\": %s, \"totalQuantity\": %d, \"validDays\": %d}"
                        .formatted(discount, totalQuantity, validDays))).path("id").asLong();
    }

    long coupon(long sourceId, long userId) {
        return created(post("/api/v1/coupon-sources/" + sourceId + "/issues", "{\"userId\": " + userId + "}")).path("id").asLong();
    }

    JsonNode placeOrder(long userId, long productId, int quantity) {
        return created(post("/api/v1/orders", orderBody(userId, productId, quantity)));
    }

    static String orderBody(long userId, long productId, int quantity) {
        return "{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": %d}]}".formatted(userId, productId, quantity);
    }

    int stockOf(long productId) {
        return get("/api/v1/products/" + productId).json().path("stock").asInt();
    }

    String balanceOf(long userId) {
        return get("/api/v1/users/" + userId + "/balance").json().path("amount").decimalValue().toPlainString();
    }

    // ---- fixtures no route can make ----

    long inactiveUser() {
        return ports.transactions().inTransaction(() -> {
            UserId id = ports.users().nextId();
            ports.users().add(User.restore(id, "suspended", UserStatus.INACTIVE, clock.instant()));
            ports.balances().add(Balance.openFor(id));
            return id.value();
        });
    }

    void discontinue(long productId) {
        Product product = ports.transactions().readOnly(() -> ports.products().findById(new ProductId(productId)).orElseThrow());
        storage.replaceProduct(Product.restore(product.id(), product.name(), product.description().orElse(null),
                product.price(), ProductStatus.DISCONTINUED, product.createdAt()));
    }

    private static JsonNode created(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** An HTTP response as the client saw it. */
    record Response(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** The in-memory transactions, until the test takes the database down or plants a failure or a pause. */
    private final class FailingWhenDown implements Transactions {

        private final Transactions delegate;

        FailingWhenDown(Transactions delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            failIfDown();
            return delegate.inTransaction(work);
        }

        @Override
        public <T> T readOnly(Supplier<T> work) {
            failIfDown();
            return delegate.readOnly(work);
        }

        private void failIfDown() {
            Runnable pause = duringNextTransaction.getAndSet(null);
            if (pause != null) {
                pause.run();
            }
            RuntimeException planted = plantedFailure.getAndSet(null);
            if (planted != null) {
                throw planted;
            }
            if (storageDown.get()) {
                throw new StorageUnavailableException("no connection within 30000 ms",
                        new SQLException("Connection refused: SELECT balance FROM balances WHERE user_id = 1"));
            }
        }
    }

    /** The in-memory keys, except that a key named busy-... is held by another request still running. */
    private static final class BusyKeys implements IdempotencyKeys {

        private final IdempotencyKeys delegate;

        BusyKeys(IdempotencyKeys delegate) {
            this.delegate = delegate;
        }

        @Override
        public IdempotencyClaim claim(IdempotencyKey key, String fingerprint) {
            if (key.value().startsWith(BUSY_KEY_PREFIX)) {
                throw new RejectedException(ErrorCode.IDEMPOTENCY_KEY_IN_USE, "Idempotency-Key is held by a request still running");
            }
            return delegate.claim(key, fingerprint);
        }

        @Override
        public void attachOrder(IdempotencyKey key, long orderId) {
            delegate.attachOrder(key, orderId);
        }

        @Override
        public void complete(IdempotencyKey key, IdempotentOutcome outcome) {
            delegate.complete(key, outcome);
        }

        @Override
        public int deleteCreatedBefore(Instant cutoff, int limit) {
            return delegate.deleteCreatedBefore(cutoff, limit);
        }
    }

    /** Accepts every event except those a test refuses, and remembers the ids it accepted. */
    static final class RecordingDataPlatform implements DataPlatform {

        final List<Long> accepted = new CopyOnWriteArrayList<>();
        final Set<Long> refused = ConcurrentHashMap.newKeySet();

        @Override
        public List<Delivery> deliver(List<PublishedEvent> events) {
            return events.stream().map(event -> {
                if (refused.contains(event.eventId())) {
                    return (Delivery) new Delivery.Poison(422, "refused by the test");
                }
                accepted.add(event.eventId());
                return (Delivery) new Delivery.Delivered();
            }).toList();
        }
    }
}
