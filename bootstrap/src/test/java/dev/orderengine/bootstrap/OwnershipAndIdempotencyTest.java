package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.out.persistence.DatabaseSettings;
import dev.orderengine.adapter.out.persistence.PersistenceAdapter;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may act on what, and Idempotency-Key replays, on the whole server and a real database: refusals change no
 * row at all; concurrent repeats of one request take effect once and all get its answer; a repeat after a restart
 * still gets the first answer. The caller is identified by the {@code userId} of a payment or cancellation
 * body (SPEC §4 has no other caller identity; reading an order by id is not tied to a caller). Run on H2 and
 * PostgreSQL by the subclasses.
 */
abstract class OwnershipAndIdempotencyTest {

    private static final String ADMIN_TOKEN = "ownership-test-admin-token";
    private static final int REPEATS = 20;

    @TempDir
    Path dataDir;

    /** The database of the tests that keep one server running. */
    abstract TestDatabase db();

    /** Settings of a database that outlives a server (an H2 file under {@code dir}, or the PostgreSQL schema). */
    abstract Map<String, String> durableDatabase(Path dir);

    // --- ownership ------------------------------------------------------------------------------------------

    @Test
    void a_user_can_neither_pay_nor_cancel_nor_list_as_theirs_another_users_order_and_no_row_changes() throws Exception {
        try (OrderServer server = start(OrderServerIntegrationTest.settings(db()))) {
            Api api = api(server);
            long product = api.listProduct("Kettle", 30_000, 5);
            long alice = api.registerUser("Alice");
            long mallory = api.registerUser("Mallory");
            api.charge(mallory, 100_000);
            long order = placeUnpaid(api, alice, product, 1);
            Relays.drain(server, api);
            DatabaseSnapshot before = snapshot();

            assertProblem(api.post("/api/v1/orders/" + order + "/payments", "{\"userId\":" + mallory + "}"), 409, "ORDER_NOT_OWNED");
            assertProblem(api.postWithKey("mallory-pays", "/api/v1/orders/" + order + "/payments", "{\"userId\":" + mallory + "}"),
                    409, "ORDER_NOT_OWNED");
            assertProblem(api.post("/api/v1/orders/" + order + "/cancel", "{\"userId\":" + mallory + "}"), 409, "ORDER_NOT_OWNED");
            assertThat(Api.expect(200, api.get("/api/v1/users/" + mallory + "/orders")).path("items")).as("mallory's orders").isEmpty();

            assertThat(snapshot().differencesFrom(before)).isEmpty();
            JsonNode stillAllocated = Api.expect(200, api.get("/api/v1/orders/" + order));
            assertThat(stillAllocated.get("status").asText()).isEqualTo("STOCK_ALLOCATED");
            assertThat(stillAllocated.get("userId").asLong()).isEqualTo(alice);
            assertThat(Api.expect(200, api.get("/api/v1/users/" + alice + "/orders")).path("items")).hasSize(1);
        }
    }

    @Test
    void another_users_coupon_is_refused_as_not_owned_leaving_balance_coupon_and_held_stock_as_they_were() throws Exception {
        try (OrderServer server = start(OrderServerIntegrationTest.settings(db()))) {
            Api api = api(server);
            long product = api.listProduct("Grinder", 20_000, 10);
            long alice = api.registerUser("Alice");
            long bob = api.registerUser("Bob");
            api.charge(alice, 50_000);
            long bobsCoupon = api.issueCoupon(api.openCouponSource("5,000 off", 5_000, 10), bob);

            JsonNode refused = Api.expect(409, api.post("/api/v1/orders", "{\"userId\":" + alice + ",\"items\":[{\"productId\":" + product
                    + ",\"quantity\":2}],\"couponId\":" + bobsCoupon + "}"));
            assertThat(refused.get("code").asText()).isEqualTo("COUPON_NOT_OWNED");
            long order = refused.get("orderId").asLong();
            assertUntouched(api, alice, 50_000, bob, bobsCoupon, product, 8);
            Relays.drain(server, api);
            DatabaseSnapshot afterPlacing = snapshot();

            assertProblem(api.post("/api/v1/orders/" + order + "/payments", "{\"userId\":" + alice + ",\"couponId\":" + bobsCoupon + "}"),
                    409, "COUPON_NOT_OWNED");
            assertUntouched(api, alice, 50_000, bob, bobsCoupon, product, 8);
            assertThat(snapshot().tablesChangedSince(afterPlacing)).as("only the failed attempt is recorded").containsExactly("payments");
            JsonNode payments = Api.expect(200, api.get("/api/v1/orders/" + order)).get("payments");
            assertThat(StreamSupport.stream(payments.spliterator(), false).map(p -> p.get("status").asText() + " " + p.path("failureCode").asText()))
                    .containsExactly("FAILED COUPON_NOT_OWNED", "FAILED COUPON_NOT_OWNED");

            JsonNode paid = Api.expect(201, api.post("/api/v1/orders/" + order + "/payments", "{\"userId\":" + alice + "}"));
            assertThat(paid.get("status").asText()).as("the coupon was the only obstacle").isEqualTo("COMPLETED");
            assertThat(Api.expect(200, api.get("/api/v1/users/" + alice + "/balance")).get("amount").decimalValue()).isEqualByComparingTo("10000");
            assertThat(couponStatus(api, bob, bobsCoupon)).isEqualTo("AVAILABLE");
        }
    }

    @Test
    void admin_routes_refuse_a_missing_token_with_401_and_a_wrong_one_with_403_and_no_row_changes() throws Exception {
        try (OrderServer server = start(OrderServerIntegrationTest.settings(db()))) {
            Api api = api(server);
            long product = api.listProduct("Filter papers", 500, 10);
            Relays.drain(server, api);
            DatabaseSnapshot before = snapshot();
            Api anonymous = Api.at(server.port(), null);
            Api impostor = Api.at(server.port(), ADMIN_TOKEN + "-not");
            Map<String, String> adminPosts = Map.of(
                    "/api/v1/products", "{\"name\":\"Free lunch\",\"price\":1,\"stock\":1000}",
                    "/api/v1/coupon-sources", "{\"name\":\"All free\",\"discountAmount\":1000000,\"totalQuantity\":1000,\"validDays\":30}",
                    "/api/v1/admin/relays/dataplatform/replay", "{\"fromEventId\":1}");

            for (Map.Entry<String, String> route : adminPosts.entrySet()) {
                Api.Answer missing = anonymous.post(route.getKey(), route.getValue());
                assertProblem(missing, 401, "UNAUTHORIZED");
                assertThat(missing.response().headers().firstValue("WWW-Authenticate")).isPresent();
                assertProblem(impostor.adminPost(route.getKey(), route.getValue()), 403, "FORBIDDEN");
            }
            assertProblem(anonymous.get("/api/v1/admin/relays"), 401, "UNAUTHORIZED");
            assertProblem(impostor.adminGet("/api/v1/admin/relays"), 403, "FORBIDDEN");
            assertProblem(impostor.adminPut("/api/v1/products/" + product + "/stock", "{\"quantity\":0}"), 403, "FORBIDDEN");
            assertProblem(anonymous.put("/api/v1/products/" + product + "/stock", "{\"quantity\":0}"), 401, "UNAUTHORIZED");

            assertThat(snapshot().differencesFrom(before)).isEmpty();
        }
    }

    // --- Idempotency-Key ------------------------------------------------------------------------------------

    @Test
    void concurrent_repeats_of_one_order_place_and_pay_it_once_and_all_that_are_answered_get_the_same_answer() throws Exception {
        try (OrderServer server = start(OrderServerIntegrationTest.settings(db()))) {
            Api api = api(server);
            long product = api.listProduct("Cups", 2_500, 100);
            long user = api.registerUser("Repeating Rita");
            api.charge(user, 100_000);
            String body = "{\"userId\":" + user + ",\"items\":[{\"productId\":" + product + ",\"quantity\":3}]}";

            List<Api.Answer> answers = concurrently(() -> api.postWithKey("order-once", "/api/v1/orders", body));

            String first = assertOneAnswerOrInUse(answers, 201);
            JsonNode order = Api.parse(first);
            assertThat(order.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(Api.expect(200, api.get("/api/v1/users/" + user + "/orders")).path("items")).as("orders placed").hasSize(1);
            assertThat(order.get("payments")).as("payments").hasSize(1);
            assertThat(history(api, user)).as("balance history, newest first").containsExactly("USE 7500.00", "CHARGE 100000.00");
            assertThat(Api.expect(200, api.get("/api/v1/products/" + product)).get("stock").asInt()).isEqualTo(97);

            assertThat(api.postWithKey("order-once", "/api/v1/orders", body).body()).as("a later repeat").isEqualTo(first);
            assertProblem(api.postWithKey("order-once", "/api/v1/orders", body.replace("\"quantity\":3", "\"quantity\":4")),
                    422, "IDEMPOTENCY_KEY_REUSED");
            assertThat(Api.expect(200, api.get("/api/v1/users/" + user + "/orders")).path("items")).hasSize(1);
            assertThat(history(api, user)).hasSize(2);
        }
    }

    @Test
    void concurrent_repeats_of_one_charge_charge_once_and_all_that_are_answered_get_the_same_balance() throws Exception {
        try (OrderServer server = start(OrderServerIntegrationTest.settings(db()))) {
            Api api = api(server);
            long user = api.registerUser("Charging Charlie");
            String path = "/api/v1/users/" + user + "/balance/charges";

            List<Api.Answer> answers = concurrently(() -> api.postWithKey("charge-once", path, "{\"amount\":1234.50}"));

            String first = assertOneAnswerOrInUse(answers, 200);
            assertThat(first).isEqualTo("{\"userId\":" + user + ",\"amount\":1234.50}");
            assertThat(history(api, user)).containsExactly("CHARGE 1234.50");
            assertThat(api.postWithKey("charge-once", path, "{\"amount\":1234.50}").body()).isEqualTo(first);
            assertProblem(api.postWithKey("charge-once", path, "{\"amount\":1234.51}"), 422, "IDEMPOTENCY_KEY_REUSED");
            assertThat(history(api, user)).containsExactly("CHARGE 1234.50");
        }
    }

    @Test
    void repeats_after_a_restart_on_the_same_database_get_the_first_answers_and_change_no_row() throws Exception {
        Map<String, String> settings = new HashMap<>(durableDatabase(dataDir));
        String place;
        String charge;
        JsonNode refusedPayment;
        long user;
        String placeBody;
        String payBody;
        long unpaidOrder;
        try (OrderServer first = start(settings)) {
            Api api = api(first);
            long product = api.listProduct("Beans", 4_000, 50);
            user = api.registerUser("Restarting Rosa");
            charge = bodyOf(200, api.postWithKey("restart-charge", "/api/v1/users/" + user + "/balance/charges", "{\"amount\":10000}"));
            placeBody = "{\"userId\":" + user + ",\"items\":[{\"productId\":" + product + ",\"quantity\":2}]}";
            place = bodyOf(201, api.postWithKey("restart-order", "/api/v1/orders", placeBody));
            unpaidOrder = placeUnpaid(api, user, product, 1);
            payBody = "{\"userId\":" + user + "}";
            refusedPayment = Api.expect(409, api.postWithKey("restart-pay", "/api/v1/orders/" + unpaidOrder + "/payments", payBody));
            assertThat(refusedPayment.get("code").asText()).isEqualTo("INSUFFICIENT_BALANCE");
            Relays.drain(first, api);
        }
        DatabaseSnapshot before = snapshotWhileStopped(settings);

        try (OrderServer second = start(settings)) {
            Api api = api(second);
            assertThat(bodyOf(201, api.postWithKey("restart-order", "/api/v1/orders", placeBody))).isEqualTo(place);
            assertThat(bodyOf(200, api.postWithKey("restart-charge", "/api/v1/users/" + user + "/balance/charges", "{\"amount\":10000}")))
                    .isEqualTo(charge);
            JsonNode repeatedRefusal = Api.expect(409, api.postWithKey("restart-pay", "/api/v1/orders/" + unpaidOrder + "/payments", payBody));
            assertThat(repeatedRefusal.get("code")).isEqualTo(refusedPayment.get("code"));
            assertThat(repeatedRefusal.get("orderId")).isEqualTo(refusedPayment.get("orderId"));
            assertProblem(api.postWithKey("restart-order", "/api/v1/orders", placeBody.replace("\"quantity\":2", "\"quantity\":1")),
                    422, "IDEMPOTENCY_KEY_REUSED");
        }

        assertThat(snapshotWhileStopped(settings).differencesFrom(before)).as("rows changed by the repeats").isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private OrderServer start(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("ORDERS_HTTP_PORT", "0");
        values.put("ORDERS_ADMIN_TOKEN", ADMIN_TOKEN);
        values.put("ORDERS_DB_POOL_SIZE", "8");
        values.put("ORDERS_RELAY_INTERVAL", "1h");
        values.put("ORDERS_DEMO_DATA", "false");
        values.put("ORDERS_DRAIN_DELAY", OrderServerIntegrationTest.DRAIN_DELAY);
        return OrderServer.start(ServerConfig.from(values), dataDir, Clock.systemUTC());
    }

    private static Api api(OrderServer server) {
        return Api.at(server.port(), ADMIN_TOKEN);
    }

    /** An order of {@code user} that takes the stock but whose payment is refused for want of balance. */
    private static long placeUnpaid(Api api, long user, long product, int quantity) {
        JsonNode refused = Api.expect(409, api.post("/api/v1/orders", "{\"userId\":" + user + ",\"items\":[{\"productId\":" + product
                + ",\"quantity\":" + quantity + "}]}"));
        assertThat(refused.get("code").asText()).isEqualTo("INSUFFICIENT_BALANCE");
        return refused.get("orderId").asLong();
    }

    /** Sends {@value #REPEATS} requests at once, as a client retrying in a hurry would. */
    private static List<Api.Answer> concurrently(Callable<Api.Answer> request) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Answer>> sent = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                sent.add(clients.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            List<Api.Answer> answers = new ArrayList<>();
            for (Future<Api.Answer> answer : sent) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
            return answers;
        }
    }

    /** Every answer is the first one, byte for byte, or an IN_USE refusal; at least one is an answer. */
    private static String assertOneAnswerOrInUse(List<Api.Answer> answers, int status) {
        List<Api.Answer> answered = answers.stream().filter(answer -> answer.status() == status).toList();
        assertThat(answered).as("answered repeats among %s", answers).isNotEmpty();
        assertThat(answered).extracting(Api.Answer::body).as("one answer for all").containsOnly(answered.getFirst().body());
        assertThat(answers).filteredOn(answer -> answer.status() != status).as("the others")
                .allSatisfy(answer -> assertProblem(answer, 409, "IDEMPOTENCY_KEY_IN_USE"));
        System.out.printf("%d concurrent repeats: %d answered, %d IDEMPOTENCY_KEY_IN_USE%n", answers.size(), answered.size(),
                answers.size() - answered.size());
        return answered.getFirst().body();
    }

    private static String bodyOf(int status, Api.Answer answer) {
        Api.expect(status, answer);
        return answer.body();
    }

    private static void assertProblem(Api.Answer answer, int status, String code) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.json().get("code").asText()).as("%s", answer).isEqualTo(code);
    }

    private static void assertUntouched(Api api, long payer, long balance, long owner, long coupon, long product, int stockLeft) {
        assertThat(Api.expect(200, api.get("/api/v1/users/" + payer + "/balance")).get("amount").decimalValue())
                .as("the payer's balance").isEqualByComparingTo(Long.toString(balance));
        assertThat(history(api, payer)).as("the payer's balance history").hasSize(1);
        assertThat(couponStatus(api, owner, coupon)).as("the owner's coupon").isEqualTo("AVAILABLE");
        assertThat(Api.expect(200, api.get("/api/v1/products/" + product)).get("stock").asInt()).as("stock left, the order's held").isEqualTo(stockLeft);
    }

    private static String couponStatus(Api api, long owner, long coupon) {
        return StreamSupport.stream(Api.expect(200, api.get("/api/v1/users/" + owner + "/coupons")).path("items").spliterator(), false)
                .filter(c -> c.get("id").asLong() == coupon).findFirst().orElseThrow().get("status").asText();
    }

    private static List<String> history(Api api, long user) {
        return StreamSupport.stream(Api.expect(200, api.get("/api/v1/users/" + user + "/balance/history")).path("items").spliterator(), false)
                .map(change -> change.get("type").asText() + " " + change.get("amount").decimalValue().setScale(2).toPlainString()).toList();
    }

    private DatabaseSnapshot snapshot() throws SQLException {
        try (Connection connection = db().adapter().dataSource().getConnection()) {
            DatabaseSnapshot snapshot = DatabaseSnapshot.of(connection);
            connection.rollback();
            return snapshot;
        }
    }

    /** All rows of a durable database, read while no server runs on it. */
    private static DatabaseSnapshot snapshotWhileStopped(Map<String, String> settings) throws SQLException {
        ServerConfig config = ServerConfig.from(settings);
        try (PersistenceAdapter adapter = PersistenceAdapter.start(new DatabaseSettings(config.dbUrl(), config.dbUser(), config.dbPassword(),
                2, Duration.ofSeconds(3)));
             Connection connection = adapter.dataSource().getConnection()) {
            DatabaseSnapshot snapshot = DatabaseSnapshot.of(connection);
            connection.rollback();
            return snapshot;
        }
    }
}
