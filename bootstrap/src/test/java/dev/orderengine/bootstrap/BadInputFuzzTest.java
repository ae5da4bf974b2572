package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.bootstrap.BadRequests.World;
import dev.orderengine.bootstrap.RawHttp.Answer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed, out-of-range, unauthorized and rule-breaking requests against every route of SPEC §4,
 * sent to the whole server on a real database after a small realistic seed. Every one must be refused with a
 * 4xx problem whose code is a spec code of that status and names the request's defect, and afterwards every
 * application table must hold exactly the rows it held before. Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class BadInputFuzzTest {

    private static final String ADMIN_TOKEN = "fuzz-admin-token-0123456789";
    private static final long SEED = 20261124L;
    private static final int REQUESTS = 3_500;
    private static final int SENDERS = 4;
    private static final int MAX_BODY_BYTES = 64 * 1024;

    /** SPEC §4, Errors: every code and its status. */
    static final Map<String, Integer> SPEC_CODES = Map.ofEntries(
            Map.entry("VALIDATION_FAILED", 400), Map.entry("UNAUTHORIZED", 401), Map.entry("FORBIDDEN", 403),
            Map.entry("USER_NOT_FOUND", 404), Map.entry("PRODUCT_NOT_FOUND", 404), Map.entry("ORDER_NOT_FOUND", 404),
            Map.entry("COUPON_NOT_FOUND", 404), Map.entry("COUPON_SOURCE_NOT_FOUND", 404), Map.entry("NOT_FOUND", 404),
            Map.entry("METHOD_NOT_ALLOWED", 405), Map.entry("PAYLOAD_TOO_LARGE", 413), Map.entry("UNSUPPORTED_MEDIA_TYPE", 415),
            Map.entry("OUT_OF_STOCK", 409), Map.entry("PRODUCT_NOT_ON_SALE", 409), Map.entry("USER_INACTIVE", 409),
            Map.entry("INSUFFICIENT_BALANCE", 409), Map.entry("COUPON_ALREADY_USED", 409), Map.entry("COUPON_EXPIRED", 409),
            Map.entry("COUPON_NOT_OWNED", 409), Map.entry("COUPON_SOLD_OUT", 409), Map.entry("COUPON_ALREADY_ISSUED", 409),
            Map.entry("ORDER_NOT_PAYABLE", 409), Map.entry("ORDER_NOT_CANCELLABLE", 409), Map.entry("ORDER_NOT_OWNED", 409),
            Map.entry("ORDER_NOT_REFUNDABLE", 409), Map.entry("REFUND_EXCEEDS_ORDER", 409),
            Map.entry("IDEMPOTENCY_KEY_IN_USE", 409), Map.entry("IDEMPOTENCY_KEY_REUSED", 422),
            Map.entry("UNAVAILABLE", 503), Map.entry("INTERNAL", 500));

    /** The paths of the 28 routes of SPEC §4 (27 paths: {@code /products} takes GET and POST), ids as any segment. */
    private static final List<String> SPEC_PATHS = List.of("/api/v1/users", "/api/v1/users/{}", "/api/v1/users/{}/balance",
            "/api/v1/users/{}/balance/charges", "/api/v1/users/{}/balance/history", "/api/v1/products", "/api/v1/products/popular",
            "/api/v1/products/{}", "/api/v1/products/{}/stock", "/api/v1/coupon-sources", "/api/v1/coupon-sources/{}/issues",
            "/api/v1/users/{}/coupons", "/api/v1/orders", "/api/v1/orders/{}/payments", "/api/v1/orders/{}/cancel",
            "/api/v1/orders/{}/refunds", "/api/v1/orders/{}/refunds/{}", "/api/v1/orders/{}", "/api/v1/users/{}/orders",
            "/api/v1/admin/relays", "/api/v1/admin/relays/{}/replay", "/health", "/health/live", "/health/ready", "/docs", "/metrics",
            "/openapi.json");
    private static final int SPEC_ROUTES = SPEC_PATHS.size() + 1;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    abstract TestDatabase db();

    abstract String databaseName();

    @Test
    void refuses_thousands_of_bad_requests_with_a_fitting_problem_and_leaves_every_table_unchanged() throws Exception {
        try (OrderServer server = OrderServer.start(ServerConfig.from(OrderServerIntegrationTest.settings(db(),
                "ORDERS_HTTP_PORT", "0", "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN, "ORDERS_RELAY_INTERVAL", "1h", "ORDERS_DB_POOL_SIZE", "8")),
                dataDir, Clock.systemUTC())) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            World world = seed(api, server);
            BadRequests generators = new BadRequests(world);
            List<BadRequest> requests = generators.sample(SEED, REQUESTS);
            assertThat(requestsByRoute(requests)).as("requests per route path of the spec").hasSize(SPEC_PATHS.size())
                    .allSatisfy((path, count) -> assertThat(count).as(path).isGreaterThanOrEqualTo(10));
            DatabaseSnapshot before = snapshot();

            long started = System.nanoTime();
            List<Outcome> outcomes = sendAll(URI.create("http://127.0.0.1:" + server.port()), requests);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            DatabaseSnapshot after = snapshot();
            List<String> failures = outcomes.stream().flatMap(outcome -> outcome.failure().stream()).toList();
            assertThat(failures.stream().limit(20).toList()).as("%d of %d requests were not refused as they should be; the first 20",
                    failures.size(), outcomes.size()).isEmpty();
            assertThat(after.differencesFrom(before)).as("rows changed by refused requests").isEmpty();
            assertThat(after).isEqualTo(before);
            BadRequest validRefund = generators.validRefund();
            Answer refunded = viaClient(URI.create("http://127.0.0.1:" + server.port()), validRefund);
            assertThat(refunded.status()).as("the refund every body family breaks, sent as it is: %s -> %s", validRefund, refunded.body())
                    .isEqualTo(201);
            assertThat(snapshot().tablesChangedSince(after)).as("the snapshot sees a refund (this one not restocked)")
                    .contains("orders", "order_products", "order_refunds", "order_refund_lines", "balances", "balance_history",
                            "order_events")
                    .doesNotContain("product_stocks");

            Map<Integer, Long> byStatus = new TreeMap<>();
            Set<String> codes = new TreeSet<>();
            outcomes.forEach(outcome -> {
                byStatus.merge(outcome.status(), 1L, Long::sum);
                codes.add(outcome.code());
            });
            assertThat(codes).as("the fuzz reaches most refusals of the spec").hasSizeGreaterThanOrEqualTo(22)
                    .contains("ORDER_NOT_REFUNDABLE", "REFUND_EXCEEDS_ORDER", "IDEMPOTENCY_KEY_REUSED");
            System.out.printf("bad-input fuzz [%s]: %d requests (seed %d) over the %d routes in %.1f s, by status %s, "
                            + "no 2xx/5xx, %d distinct codes %s, database unchanged (%d tables, %d rows: %s)%n", databaseName(),
                    outcomes.size(), SEED, SPEC_ROUTES, took.toMillis() / 1000.0, byStatus, codes.size(), codes,
                    before.rowsByTable().size(), before.rowCount(), before.summary());
        }
    }

    /** How many requests go to each route path of the spec (unknown paths left out). */
    private static Map<String, Long> requestsByRoute(List<BadRequest> requests) {
        Map<String, Long> counts = new TreeMap<>();
        for (BadRequest request : requests) {
            String path = request.path().replaceFirst("\\?.*", "");
            SPEC_PATHS.stream().filter(spec -> path.matches(spec.replace("{}", "[^/]+")))
                    .filter(spec -> !spec.endsWith("{}") || !path.matches(spec.replace("/{}", "") + "/(popular)"))
                    .findFirst().ifPresent(spec -> counts.merge(spec, 1L, Long::sum));
        }
        return counts;
    }

    /** What one request got, and what was wrong with it, if anything. */
    private record Outcome(BadRequest request, int status, String code, Optional<String> failure) {
    }

    private List<Outcome> sendAll(URI base, List<BadRequest> requests) throws Exception {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                int first = sender;
                done.add(senders.submit(() -> {
                    for (int i = first; i < requests.size(); i += SENDERS) {
                        outcomes.add(send(base, requests.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> sender : done) {
                sender.get();
            }
        }
        return List.copyOf(outcomes);
    }

    private Outcome send(URI base, BadRequest request) throws InterruptedException {
        Answer answer;
        try {
            answer = request.headers().values().stream().allMatch(BadInputFuzzTest::printableAscii)
                    ? viaClient(base, request) : RawHttp.exchange(base, request);
        } catch (IOException e) {
            return new Outcome(request, 0, "-", Optional.of("no answer (" + e + "): " + request));
        }
        return judge(request, answer);
    }

    private static boolean printableAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    /** Over the JDK client, which keeps connections alive, but sends other header characters as it sees fit. */
    private Answer viaClient(URI base, BadRequest request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : request.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.path())).timeout(Duration.ofSeconds(20))
                .method(request.method(), body);
        request.headers().forEach(builder::header);
        if (!request.chunked() && request.body() != null && request.body().length > MAX_BODY_BYTES) {
            // As a careful client does for a large upload: the server refuses it by its length before reading it, and
            // a body still in flight when the server closes the connection could reset it before the 413 is read.
            builder.expectContinue(true);
        }
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static Outcome judge(BadRequest request, Answer answer) {
        int status = answer.status();
        String contentType = answer.contentType();
        String problem = null;
        String code = "-";
        JsonNode json = null;
        try {
            json = Api.parse(answer.body());
            code = json.path("code").asText("-");
        } catch (AssertionError notJson) {
            problem = "the body is not JSON";
        }
        if (status < 400 || status > 499) {
            problem = "status " + status + " is not a 4xx";
        } else if (!contentType.startsWith("application/problem+json")) {
            problem = "Content-Type is '" + contentType + "', not application/problem+json";
        } else if (problem == null && !SPEC_CODES.containsKey(code)) {
            problem = "code '" + code + "' is not a code of the spec";
        } else if (problem == null && SPEC_CODES.get(code) != status) {
            problem = "code " + code + " goes with status " + SPEC_CODES.get(code) + ", not " + status;
        } else if (problem == null && json.path("status").asInt() != status) {
            problem = "the problem's status " + json.path("status") + " is not the response's " + status;
        } else if (problem == null && !request.codes().contains(code)) {
            problem = "code " + code + " does not name the defect";
        } else if (problem == null && code.equals(BadRequests.VALIDATION) && !request.fields().isEmpty()
                && !request.fields().contains(detailField(json.path("detail").asText()))) {
            problem = "the detail does not name " + String.join(" or ", request.fields());
        } else if (problem == null && leaksInternals(answer.body())) {
            problem = "the problem leaks internals";
        }
        return new Outcome(request, status, code, Optional.ofNullable(problem)
                .map(why -> why + ": " + request + "\n    -> HTTP " + status + " " + contentType + " "
                        + answer.body().substring(0, Math.min(400, answer.body().length()))));
    }

    /** The field a {@code VALIDATION_FAILED} names: its detail reads "field: what is wrong". */
    private static String detailField(String detail) {
        int colon = detail.indexOf(": ");
        return colon < 0 ? "" : detail.substring(0, colon);
    }

    private static boolean leaksInternals(String body) {
        return body.contains("Exception") || body.contains("at dev.orderengine") || body.contains("org.hibernate")
                || body.contains("SQL") || body.contains("jakarta.");
    }

    private DatabaseSnapshot snapshot() throws SQLException {
        try (Connection connection = db().adapter().dataSource().getConnection()) {
            DatabaseSnapshot snapshot = DatabaseSnapshot.of(connection);
            connection.rollback();
            return snapshot;
        }
    }

    /**
     * A small shop: alice and bob with money, carol suspended, dave without coupons, erin whose order waits for
     * payment; coffee plenty, tea scarce, a discontinued mug; a coupon campaign (alice and bob have one) and a
     * sold-out one; bob's completed order placed and charged with idempotency keys, alice's cancelled order;
     * alice's order of coffee and biscuits partly refunded (one coffee, with an idempotency key), bob's order of
     * biscuits wholly refunded (not restocked, with a key); the relay caught up, so nothing moves while the fuzz runs.
     */
    private World seed(Api api, OrderServer server) throws Exception {
        long alice = api.registerUser("Alice");
        long bob = api.registerUser("Bob");
        long carol = api.registerUser("Carol");
        long dave = api.registerUser("Dave");
        long erin = api.registerUser("Erin");
        api.charge(alice, 100_000);
        api.charge(carol, 1_000);
        String bobChargeKey = "seed-charge-bob";
        long bobChargeAmount = 50_000;
        Api.expect(200, api.postWithKey(bobChargeKey, "/api/v1/users/" + bob + "/balance/charges", "{\"amount\":" + bobChargeAmount + "}"));

        long coffee = api.listProduct("Coffee", 1_000, 1_000);
        int teaStock = 5;
        long tea = api.listProduct("Tea", 2_000, teaStock);
        long mug = api.listProduct("Old mug", 500, 10);
        db().update("UPDATE products SET status = 'DISCONTINUED' WHERE id = ?", mug);
        db().update("UPDATE users SET status = 'INACTIVE' WHERE id = ?", carol);

        long source = api.openCouponSource("1,000 off", 1_000, 100);
        api.issueCoupon(source, alice);
        long bobCoupon = api.issueCoupon(source, bob);
        long soldOut = api.openCouponSource("The only one", 500, 1);
        api.issueCoupon(soldOut, bob);

        String bobOrderKey = "seed-order-bob";
        JsonNode bobOrder = Api.expect(201, api.postWithKey(bobOrderKey, "/api/v1/orders",
                "{\"userId\":" + bob + ",\"items\":[{\"productId\":" + coffee + ",\"quantity\":2}],\"couponId\":" + bobCoupon + "}"));
        JsonNode unpaid = Api.expect(409, api.post("/api/v1/orders", "{\"userId\":" + erin + ",\"items\":[{\"productId\":" + coffee + ",\"quantity\":1}]}"));
        assertThat(unpaid.get("code").asText()).isEqualTo("INSUFFICIENT_BALANCE");
        api.charge(erin, 10_000);
        JsonNode tooDear = Api.expect(409, api.post("/api/v1/orders", "{\"userId\":" + alice + ",\"items\":[{\"productId\":" + coffee + ",\"quantity\":200}]}"));
        long aliceCancelled = tooDear.get("orderId").asLong();
        Api.expect(200, api.post("/api/v1/orders/" + aliceCancelled + "/cancel", "{\"userId\":" + alice + "}"));

        long biscuits = api.listProduct("Biscuits", 300, 100);
        int aliceCoffee = 3;
        long aliceOrder = Api.expect(201, api.post("/api/v1/orders", "{\"userId\":" + alice + ",\"items\":[{\"productId\":" + coffee
                + ",\"quantity\":" + aliceCoffee + "},{\"productId\":" + biscuits + ",\"quantity\":2}]}")).get("id").asLong();
        String aliceRefundKey = "seed-refund-alice";
        JsonNode partly = Api.expect(201, adminPostWithKey(server.port(), aliceRefundKey, "/api/v1/orders/" + aliceOrder + "/refunds",
                "{\"items\":[{\"productId\":" + coffee + ",\"quantity\":1}],\"reason\":\"seed: one cup broken\"}"));
        assertThat(partly.get("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        long bobBiscuitsOrder = api.placeOrder(bob, biscuits, 1, null).get("id").asLong();
        String bobRefundKey = "seed-refund-bob";
        JsonNode wholly = Api.expect(201, adminPostWithKey(server.port(), bobRefundKey, "/api/v1/orders/" + bobBiscuitsOrder + "/refunds",
                "{\"restock\":false}"));
        assertThat(wholly.get("status").asText()).isEqualTo("REFUNDED");

        Relays.drain(server, api);
        long lastEvent = Relays.of(api).getFirst().get("position").asLong();
        assertThat(lastEvent).as("the seed's completed order was relayed").isPositive();
        return new World(ADMIN_TOKEN, alice, bob, carol, dave, erin, coffee, tea, teaStock, mug, source, soldOut,
                bobOrder.get("id").asLong(), unpaid.get("orderId").asLong(), aliceCancelled, lastEvent,
                bobChargeKey, bobChargeAmount, bobOrderKey, biscuits, aliceOrder, aliceCoffee - 1,
                partly.get("refunds").get(0).get("id").asLong(), aliceRefundKey, bobBiscuitsOrder,
                wholly.get("refunds").get(0).get("id").asLong(), bobRefundKey);
    }

    /** An admin POST with an {@code Idempotency-Key}, which {@link Api} has no step for. */
    private Api.Answer adminPostWithKey(int port, String key, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", BadRequest.JSON)
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Api.Answer(response.statusCode(), response.body(), response);
    }
}
