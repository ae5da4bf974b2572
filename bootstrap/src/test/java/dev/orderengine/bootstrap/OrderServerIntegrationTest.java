package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.out.persistence.DatabaseSettings;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.inmemory.MutableClock;
import dev.orderengine.bootstrap.DataPlatformReceiver.Received;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server, started by its composition root on a real database and driven over real HTTP: the order
 * flow, the data-platform relay (HTTP receiver on loopback, or the JSONL file), the sales statistics, the
 * relay administration, the admin token, the demo data and a graceful stop. Run on H2 and on PostgreSQL by
 * the subclasses. The relay interval is an hour: after their run at start, the jobs run when a test triggers them.
 */
abstract class OrderServerIntegrationTest {

    static final String ADMIN_TOKEN = "integration-test-admin-token";
    /** Instead of the 2 s default: the tests stop dozens of servers, and no load balancer waits on them. */
    static final String DRAIN_DELAY = "50ms";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int HEALTH_FLOOD = 400;
    private static final int ORDER_FLOOD = 40;
    private static final String MILLIS_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @TempDir
    Path dataDir;

    /** The database most tests share; each test makes its own users and products. */
    abstract TestDatabase db();

    /** A second fresh database, left empty for the demo-data test. */
    abstract TestDatabase emptyDb();

    /** The database settings of a database that outlives a server, e.g. an H2 file under {@code dir}. */
    abstract Map<String, String> durableDatabase(Path dir);

    /** Whether demo data is loaded when {@code ORDERS_DEMO_DATA} is not set. */
    abstract boolean demoDataByDefault();

    @Test
    void relays_a_completed_order_to_the_data_platform_and_counts_it_in_the_sales_statistics() throws IOException {
        Instant testStarted = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (DataPlatformReceiver receiver = DataPlatformReceiver.start();
             OrderServer server = start(settings(db(), "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN,
                     "ORDERS_DATAPLATFORM_URL", receiver.uri().toString()))) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            CouponOrder placed = placeCouponOrder(api);

            server.scheduler().triggerNow(OrderServer.RELAY_JOB);
            server.scheduler().triggerNow(OrderServer.STATISTICS_JOB);

            Eventually.await(WAIT, "the data platform receives the order's event",
                    () -> !receivedFor(receiver, placed.orderId()).isEmpty(), receiver::received);
            List<Received> requests = receivedFor(receiver, placed.orderId());
            assertThat(requests).hasSize(1);
            Received request = requests.getFirst();
            JsonNode body = Api.parse(request.body());
            long eventId = body.get("eventId").asLong();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/events");
            assertThat(request.contentType()).startsWith("application/json");
            assertThat(request.idempotencyKey()).isEqualTo(Long.toString(eventId));
            assertIsTheSpecBody(body, placed, testStarted);

            Eventually.await(WAIT, "the statistics count the order",
                    () -> popular(api).containsKey(placed.productId()), () -> Api.expect(200, api.get("/api/v1/products/popular?days=2&limit=100")));
            assertThat(popular(api).get(placed.productId()).toString())
                    .isEqualTo("{\"productId\":" + placed.productId() + ",\"name\":\"Espresso beans\",\"quantitySold\":2}");

            Eventually.await(WAIT, "both consumers have caught up", () -> relays(api).values().stream()
                    .allMatch(relay -> relay.get("lag").asLong() == 0 && relay.get("position").asLong() == eventId), () -> relays(api));
            Map<String, JsonNode> relays = relays(api);
            assertThat(relays).containsOnlyKeys("dataplatform", "sales-statistics");
            assertThat(relays.get("dataplatform").get("lastError").isNull()).isTrue();
            assertThat(relays.get("dataplatform").get("deadLetters").asLong()).isZero();
            assertThat(relays.get("dataplatform").get("lastDeliveredAt").asText()).matches(MILLIS_UTC);
            assertThat(receivedFor(receiver, placed.orderId())).as("still sent once").hasSize(1);

            assertThat(dataDir.resolve("admin.token")).as("a configured token is not written").doesNotExist();
            assertThat(dataDir.resolve("dataplatform")).as("the HTTP data platform replaces the file").doesNotExist();
        }
    }

    @Test
    void appends_the_event_as_one_line_to_the_jsonl_file_when_no_data_platform_url_is_set() throws IOException {
        Instant testStarted = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path file = dataDir.resolve("dataplatform/order-events.jsonl");
        try (OrderServer server = start(settings(db(), "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN))) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            CouponOrder placed = placeCouponOrder(api);

            server.scheduler().triggerNow(OrderServer.RELAY_JOB);

            Eventually.await(WAIT, "the event is appended to " + file,
                    () -> !linesFor(file, placed.orderId()).isEmpty(), () -> lines(file));
            List<String> lines = linesFor(file, placed.orderId());
            assertThat(lines).hasSize(1);
            assertIsTheSpecBody(Api.parse(lines.getFirst()), placed, testStarted);
            assertThat(Files.readString(file)).endsWith("\n");
        }
    }

    @Test
    void generates_an_admin_token_into_the_data_directory_when_none_is_configured() throws IOException {
        try (OrderServer server = start(settings(db()))) {
            Path file = dataDir.resolve("admin.token");
            String content = Files.readString(file);
            assertThat(content).matches("[0-9a-f]{48}\\R");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            String token = content.strip();
            Api api = Api.at(server.port(), token);

            assertThat(api.adminGet("/api/v1/admin/relays").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/admin/relays").status()).isEqualTo(401);
            Api.Answer wrong = api.getWithToken("/api/v1/admin/relays", ADMIN_TOKEN);
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.json().get("code").asText()).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void loads_demo_data_only_into_an_empty_database_and_only_when_enabled() {
        try (OrderServer server = start(settings(emptyDb(), "ORDERS_DEMO_DATA", "false"))) {
            assertThat(productNames(server)).isEmpty();
        }
        try (OrderServer server = start(settings(emptyDb()))) {
            assertThat(productNames(server)).hasSize(demoDataByDefault() ? 5 : 0);
        }
        try (OrderServer server = start(settings(emptyDb(), "ORDERS_DEMO_DATA", "true"))) {
            assertThat(productNames(server)).as("loaded once, never again")
                    .containsExactly("Espresso beans 1kg", "Pour-over kettle", "Paper filters", "Burr grinder", "Ceramic cup");
        }
    }

    @Test
    void close_stops_http_jobs_and_pool_so_another_server_starts_on_the_same_database() {
        Set<String> threadsBefore = liveThreads();
        Map<String, String> settings = new HashMap<>(durableDatabase(dataDir));
        settings.put("ORDERS_ADMIN_TOKEN", ADMIN_TOKEN);
        long orderId;
        int port;
        OrderServer first = start(settings);
        try {
            port = first.port();
            Api api = Api.at(port, ADMIN_TOKEN);
            long user = api.registerUser("Grace");
            api.charge(user, 10_000);
            orderId = api.placeOrder(user, api.listProduct("Tea", 1_000, 5), 1, null).get("id").asLong();
        } finally {
            first.close();
        }

        assertThatThrownBy(() -> Api.at(port, ADMIN_TOKEN).get("/health"))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> first.scheduler().triggerNow(OrderServer.RELAY_JOB)).isInstanceOf(IllegalStateException.class);
        Eventually.await(Duration.ofSeconds(5), "every thread the server started has ended",
                () -> serverThreadsLeft(threadsBefore).isEmpty(), () -> serverThreadsLeft(threadsBefore));

        try (OrderServer second = start(settings)) {
            JsonNode order = Api.expect(200, Api.at(second.port(), ADMIN_TOKEN).get("/api/v1/orders/" + orderId));
            assertThat(order.get("status").asText()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void a_refusal_whose_answer_holds_a_nul_byte_is_dead_lettered_and_the_relay_moves_on() throws Exception {
        try (DataPlatformReceiver receiver = DataPlatformReceiver.start();
             OrderServer server = start(settings(db(), "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN,
                     "ORDERS_DATAPLATFORM_URL", receiver.uri().toString()))) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            server.scheduler().triggerNow(OrderServer.RELAY_JOB);
            Eventually.await(WAIT, "the relay has caught up", () -> relays(api).get("dataplatform").get("lag").asLong() == 0,
                    () -> relays(api));
            long deadBefore = relays(api).get("dataplatform").get("deadLetters").asLong();
            receiver.switchTo(DataPlatformReceiver.Mode.REFUSING_WITH_NUL);
            CouponOrder placed = placeCouponOrder(api);

            server.scheduler().triggerNow(OrderServer.RELAY_JOB);

            Eventually.await(WAIT, "the refused event is set aside and the cursor passes it",
                    () -> relays(api).get("dataplatform").get("lag").asLong() == 0, () -> relays(api));
            assertThat(relays(api).get("dataplatform").get("deadLetters").asLong()).isEqualTo(deadBefore + 1);
            receiver.switchTo(DataPlatformReceiver.Mode.UP);
            CouponOrder later = placeCouponOrder(api);
            server.scheduler().triggerNow(OrderServer.RELAY_JOB);
            Eventually.await(WAIT, "a later run delivers the next order", () -> !receivedFor(receiver, later.orderId()).isEmpty(),
                    receiver::received);
            assertThat(receivedFor(receiver, placed.orderId())).as("the refused event is sent once, not again on every run").hasSize(1);
        }
    }

    @Test
    void retention_deletes_what_every_consumer_passed_old_dead_letters_and_idempotency_records_but_keeps_the_orders() throws Exception {
        MutableClock clock = MutableClock.at(Instant.now());
        try (DataPlatformReceiver receiver = DataPlatformReceiver.start();
             OrderServer server = start(settings(db(), "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN,
                     "ORDERS_DATAPLATFORM_URL", receiver.uri().toString()), clock)) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            long user = api.registerUser("Keeps receipts");
            api.charge(user, 10_000);
            long product = api.listProduct("Filter", 100, 10);
            long kept = Api.expect(201, api.postWithKey("retained-1", "/api/v1/orders", Api.orderBody(user, product, 1, null)))
                    .get("id").asLong();
            receiver.switchTo(DataPlatformReceiver.Mode.REFUSING_WITH_NUL);
            api.placeOrder(user, product, 1, null);
            server.scheduler().triggerNow(OrderServer.RELAY_JOB);
            server.scheduler().triggerNow(OrderServer.STATISTICS_JOB);
            Eventually.await(WAIT, "both consumers have caught up", () -> relays(api).values().stream()
                    .allMatch(relay -> relay.get("lag").asLong() == 0), () -> relays(api));
            assertThat(db().queryLong("SELECT COUNT(*) FROM idempotency_keys WHERE user_id = ?", user)).isEqualTo(1);
            assertThat(db().queryLong("SELECT COUNT(*) FROM relay_dead_letters")).isPositive();

            clock.advance(Duration.ofDays(31));
            server.scheduler().triggerNow(OrderServer.RETENTION_JOB);

            Eventually.await(WAIT, "retention has deleted the user's events, the dead letters and the idempotency records",
                    () -> count("SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.user_id = ?", user) == 0
                            && count("SELECT COUNT(*) FROM relay_dead_letters") == 0
                            && count("SELECT COUNT(*) FROM idempotency_keys WHERE user_id = ?", user) == 0,
                    () -> api.get("/metrics").body().lines().filter(line -> line.startsWith("retention")).toList());
            assertThat(Api.expect(200, api.get("/api/v1/orders/" + kept)).get("status").asText()).isEqualTo("COMPLETED");
            assertThat(Api.expect(200, api.get("/api/v1/users/" + user + "/balance/history")).path("total").asLong()).isEqualTo(3);
            String metrics = api.get("/metrics").body();
            assertThat(metrics).containsPattern("retention_deleted_total\\{kind=\"events\"} [1-9]")
                    .containsPattern("retention_deleted_total\\{kind=\"dead_letters\"} [1-9]")
                    .containsPattern("retention_deleted_total\\{kind=\"idempotency_keys\"} [1-9]")
                    .contains("relay_lag_events{consumer=\"dataplatform\"} 0.0")
                    .contains("relay_lag_seconds{consumer=\"sales-statistics\"} 0.0")
                    .contains("relay_dead_letters{consumer=\"dataplatform\"} 0.0");
        }
    }

    private long count(String sql, Object... parameters) {
        try {
            return db().queryLong(sql, parameters);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_flood_of_readiness_requests_costs_a_database_probe_a_second_and_takes_no_connection_from_the_orders()
            throws Exception {
        try (OrderServer server = start(settings(db(), "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN))) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            long product = api.listProduct("Green tea", 100, 1_000);
            List<Long> customers = new ArrayList<>();
            for (int i = 0; i < ORDER_FLOOD; i++) {
                customers.add(api.registerUser("Flood customer " + i));
                api.charge(customers.getLast(), 100_000);
            }
            // connected one after the other first: a burst of connects would test the kernel's accept queue instead
            List<Socket> connections = new ArrayList<>();
            for (int i = 0; i < HEALTH_FLOOD; i++) {
                connections.add(new Socket(InetAddress.getLoopbackAddress(), server.port()));
            }
            double probesBefore = databaseProbes(api);

            long started = System.nanoTime();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> health = new ArrayList<>();
            List<Future<Api.Answer>> orders = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < HEALTH_FLOOD; i++) {
                    Socket connection = connections.get(i);
                    String path = i % 2 == 0 ? "/health/ready" : "/health";
                    health.add(clients.submit(() -> statusOfGet(connection, path, go)));
                }
                for (long customer : customers) {
                    orders.add(clients.submit(() -> {
                        go.await();
                        return api.post("/api/v1/orders", Api.orderBody(customer, product, 1, null));
                    }));
                }
                go.countDown();
                assertThat(answers(health)).as("readiness answers").hasSize(HEALTH_FLOOD).containsOnly(200);
                assertThat(answers(orders)).as("orders placed during the flood").hasSize(ORDER_FLOOD)
                        .allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isEqualTo(201));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            double probes = databaseProbes(api) - probesBefore;

            // each probe starts at least a second after the one before it ended
            assertThat(probes).as("database probes for %d health requests in %d ms", HEALTH_FLOOD, took.toMillis())
                    .isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(took.toSeconds() + 2);
            System.out.printf("health flood: %d concurrent /health and /health/ready requests and %d concurrent orders in %d ms "
                    + "(pool of 4): %.0f database probes, every order 201, every health answer 200%n", HEALTH_FLOOD, ORDER_FLOOD,
                    took.toMillis(), probes);
        }
    }

    /** A user with money, a product at 15,000.00 and a coupon of 3,000.00; the user has bought 2 units with it. */
    record CouponOrder(long userId, long productId, long couponId, JsonNode order) {

        long orderId() {
            return order.get("id").asLong();
        }
    }

    static CouponOrder placeCouponOrder(Api api) {
        long user = api.registerUser("Ada");
        api.charge(user, 50_000);
        long product = api.listProduct("Espresso beans", 15_000, 10);
        long coupon = api.issueCoupon(api.openCouponSource("3,000 off", 3_000, 10), user);
        JsonNode order = api.placeOrder(user, product, 2, coupon);
        assertThat(order.get("totalAmount").decimalValue()).isEqualByComparingTo("27000");
        return new CouponOrder(user, product, coupon, order);
    }

    /** The data-platform contract of SPEC §3, field for field, amounts with their 2 fraction digits. */
    static void assertIsTheSpecBody(JsonNode body, CouponOrder placed, Instant notBefore) {
        JsonNode order = placed.order();
        JsonNode payments = order.get("payments");
        assertThat(payments).hasSize(1);
        String occurredAt = body.path("occurredAt").asText();
        String completedAt = order.get("updatedAt").asText();
        String expected = """
                {"eventId": %d, "type": "ORDER_COMPLETED", "occurredAt": "%s",
                 "order": {"orderId": %d, "userId": %d, "status": "COMPLETED", "couponId": %d,
                   "originalAmount": 30000.00, "discountAmount": 3000.00, "totalAmount": 27000.00, "refundedAmount": 0.00,
                   "paymentId": %d, "completedAt": "%s",
                   "items": [{"productId": %d, "quantity": 2, "unitPrice": 15000.00, "totalPrice": 30000.00, "refundedQuantity": 0}]}}
                """.formatted(body.path("eventId").asLong(), occurredAt, placed.orderId(), placed.userId(), placed.couponId(),
                payments.get(0).get("id").asLong(), completedAt, placed.productId());

        assertThat(body).isEqualTo(Api.parse(expected));
        assertThat(body.get("eventId").asLong()).isPositive();
        assertThat(occurredAt).matches(MILLIS_UTC);
        assertThat(completedAt).matches(MILLIS_UTC);
        assertThat(Instant.parse(occurredAt)).isBetween(Instant.parse(completedAt), Instant.now());
        assertThat(Instant.parse(completedAt)).isAfterOrEqualTo(notBefore);
    }

    OrderServer start(Map<String, String> settings) {
        return start(settings, Clock.systemUTC());
    }

    OrderServer start(Map<String, String> settings, Clock clock) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("ORDERS_HTTP_PORT", "0");
        values.put("ORDERS_DB_POOL_SIZE", "4");
        values.putIfAbsent("ORDERS_RELAY_INTERVAL", "1h");
        values.putIfAbsent("ORDERS_DRAIN_DELAY", DRAIN_DELAY);
        return OrderServer.start(ServerConfig.from(values), dataDir, clock);
    }

    static Map<String, String> settings(TestDatabase db, String... more) {
        DatabaseSettings database = db.settings();
        Map<String, String> values = new HashMap<>(Map.of("ORDERS_DB_URL", database.jdbcUrl(),
                "ORDERS_DB_USER", database.user(), "ORDERS_DB_PASSWORD", database.password(), "ORDERS_DRAIN_DELAY", DRAIN_DELAY));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return values;
    }

    /** {@code health_database_probes_total} over both results, from {@code /metrics}. */
    private static double databaseProbes(Api api) {
        Api.Answer metrics = api.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body().lines()
                .filter(line -> line.startsWith("health_database_probes_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Sends {@code GET path} on the open connection once {@code go} opens, and returns the answer's status. */
    private static int statusOfGet(Socket connection, String path, CountDownLatch go) throws Exception {
        try (connection) {
            connection.setSoTimeout(30_000);
            go.await();
            connection.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(connection.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).as("an HTTP/1.1 answer to GET %s", path).startsWith("HTTP/1.1 ");
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    private static <T> List<T> answers(List<Future<T>> futures) throws Exception {
        List<T> answers = new ArrayList<>();
        for (Future<T> future : futures) {
            answers.add(future.get(30, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static List<Received> receivedFor(DataPlatformReceiver receiver, long orderId) {
        return receiver.received().stream()
                .filter(request -> Api.parse(request.body()).path("order").path("orderId").asLong() == orderId)
                .toList();
    }

    private static List<String> linesFor(Path file, long orderId) {
        return lines(file).stream().filter(line -> Api.parse(line).path("order").path("orderId").asLong() == orderId).toList();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Long, JsonNode> popular(Api api) {
        JsonNode popular = Api.expect(200, api.get("/api/v1/products/popular?days=2&limit=100"));
        return StreamSupport.stream(popular.spliterator(), false)
                .collect(Collectors.toMap(product -> product.get("productId").asLong(), product -> product));
    }

    private static Map<String, JsonNode> relays(Api api) {
        JsonNode relays = Api.expect(200, api.adminGet("/api/v1/admin/relays"));
        return StreamSupport.stream(relays.spliterator(), false)
                .collect(Collectors.toMap(relay -> relay.get("consumer").asText(), relay -> relay));
    }

    private static List<String> productNames(OrderServer server) {
        JsonNode page = Api.expect(200, Api.at(server.port(), null).get("/api/v1/products?page=0&size=100"));
        return StreamSupport.stream(page.get("items").spliterator(), false).map(product -> product.get("name").asText()).toList();
    }

    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(thread -> thread.getName() + "#" + thread.threadId()).collect(Collectors.toSet());
    }

    /**
     * Threads started since {@code before}, but not the JDK's shared ones (virtual-thread carriers and pollers,
     * the test's HTTP client) nor Javalin's startup watcher, which ends on its own 5 s after the API is created.
     */
    private static Set<String> serverThreadsLeft(Set<String> before) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().isAlive())
                .filter(thread -> Arrays.stream(thread.getValue()).noneMatch(frame -> frame.getClassName().equals("io.javalin.jetty.JettyServer")))
                .map(thread -> thread.getKey().getName() + "#" + thread.getKey().threadId())
                .filter(name -> !before.contains(name))
                .filter(name -> Stream.of("ForkJoinPool-", "HttpClient-", "MasterPoller", "VirtualThread-unblocker", "Read-Poller", "Write-Poller")
                        .noneMatch(name::startsWith))
                .collect(Collectors.toSet());
    }
}
