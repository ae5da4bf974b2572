package dev.orderengine.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A client of the running server's HTTP API over the JDK's {@link HttpClient}, with short steps for the
 * fixtures a scenario needs. Each step checks its own status, so a broken step fails where it happened.
 */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final Optional<String> adminToken;

    Api(URI base, Optional<String> adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    static Api at(int port, String adminToken) {
        return new Api(URI.create("http://127.0.0.1:" + port), Optional.ofNullable(adminToken));
    }

    /** The status and body of one answer. */
    record Answer(int status, String body, HttpResponse<String> response) {

        JsonNode json() {
            return parse(body);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer getWithToken(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET());
    }

    Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with an {@code Idempotency-Key} header, so that it may be sent again, e.g. after a crash. */
    Answer postWithKey(String idempotencyKey, String path, String json) {
        return send(request(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** An admin POST with an {@code Idempotency-Key} header. */
    Answer adminPostWithKey(String idempotencyKey, String path, String json) {
        return send(admin(request(path)).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer adminPut(String path, String json) {
        return send(admin(request(path)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer adminGet(String path) {
        return send(admin(request(path)).GET());
    }

    Answer adminPost(String path, String json) {
        return send(admin(request(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    long registerUser(String name) {
        return expect(201, post("/api/v1/users", "{\"name\":\"" + name + "\"}")).get("id").asLong();
    }

    void charge(long userId, long amount) {
        expect(200, post("/api/v1/users/" + userId + "/balance/charges", "{\"amount\":" + amount + "}"));
    }

    long listProduct(String name, long price, int stock) {
        return expect(201, adminPost("/api/v1/products",
                "{\"name\":\"" + name + "\",\"description\":\"for a test\",\"price\":" + price + ",\"stock\":" + stock + "}")).get("id").asLong();
    }

    long openCouponSource(String name, long discount, int quantity) {
        return expect(201, adminPost("/api/v1/coupon-sources",
                "{\"name\":\"" + name + "\",\"discountAmount\":" + discount + ",\"totalQuantity\":" + quantity + ",\"validDays\":7}"))
                .get("id").asLong();
    }

    long issueCoupon(long couponSourceId, long userId) {
        return expect(201, post("/api/v1/coupon-sources/" + couponSourceId + "/issues", "{\"userId\":" + userId + "}")).get("id").asLong();
    }

    /** Places an order of one line; the answer must be 201 with the order {@code COMPLETED}. */
    JsonNode placeOrder(long userId, long productId, int quantity, Long couponId) {
        JsonNode order = expect(201, post("/api/v1/orders", orderBody(userId, productId, quantity, couponId)));
        if (!"COMPLETED".equals(order.get("status").asText())) {
            throw new AssertionError("the order was not completed: " + order);
        }
        return order;
    }

    /** Refunds a paid order as the shop (admin): {@code body} as the route takes it; the answer must be 201. */
    JsonNode refund(long orderId, String body) {
        return expect(201, adminPost("/api/v1/orders/" + orderId + "/refunds", body));
    }

    /** The body of {@code POST /api/v1/orders} for one line, with a coupon unless it is null. */
    static String orderBody(long userId, long productId, int quantity, Long couponId) {
        return "{\"userId\":" + userId + ",\"items\":[{\"productId\":" + productId + ",\"quantity\":" + quantity + "}]"
                + (couponId == null ? "" : ",\"couponId\":" + couponId) + "}";
    }

    static JsonNode expect(int status, Answer answer) {
        if (answer.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + answer);
        }
        return answer.json();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
    }

    private HttpRequest.Builder admin(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + adminToken.orElseThrow(() -> new IllegalStateException("no admin token")));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
