package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.out.persistence.DatabaseSettings;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.bootstrap.DataPlatformReceiver.Mode;
import dev.orderengine.bootstrap.DataPlatformReceiver.Outcome;
import dev.orderengine.bootstrap.DataPlatformReceiver.Received;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7: while customers keep ordering, the data platform is up, then down (connections refused, then 503),
 * then slow (it answers only after the relay's request timeout: every request, then every fifth, so that later
 * events are accepted while an earlier one times out), then back. Afterwards every completed order
 * was accepted by the data platform, no event was skipped, events were accepted in relay order give or take
 * the relay's in-flight window, a manual trigger did not cut the backoff short, both consumers caught up, and
 * the order invariants hold. Run on PostgreSQL and H2 by the subclasses, whose gap-safe reads differ.
 */
abstract class DataPlatformOutageTest {

    private static final String ADMIN_TOKEN = "outage-test-admin-token";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(1);
    /** Each phase lasts at least this long, and until the relay has failed in the phase's own way. */
    private static final Duration MIN_PHASE = Duration.ofSeconds(1);
    /** Room for a backoff step (1 s, 2 s, 4 s ...) plus a slow run, on a busy machine. */
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(20);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    /** HttpDataPlatform's in-flight window (OrderServer's DATAPLATFORM_IN_FLIGHT). */
    private static final int IN_FLIGHT = 16;
    private static final int CUSTOMERS = 6;
    private static final int PRODUCTS = 4;
    private static final int STOCK = 100_000;
    private static final Duration PAUSE_BETWEEN_ORDERS = Duration.ofMillis(50);

    @TempDir
    Path dataDir;

    abstract TestDatabase db();

    /** One order a customer placed and got 201 for. */
    private record Placed(long orderId, long productId, int quantity) {
    }

    /** The data-platform relay's cursor row, as stored. */
    private record Cursor(int failures, Optional<Instant> retryAt, String lastError) {
    }

    @Test
    void delivers_every_completed_order_in_relay_order_through_refused_connections_503s_and_timeouts() throws Exception {
        long started = System.nanoTime();
        try (DataPlatformReceiver receiver = DataPlatformReceiver.start(Duration.ZERO, SLOW_ANSWER);
             OrderServer server = start(receiver);
             ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            Map<Long, Integer> initialStock = new LinkedHashMap<>();
            for (int i = 0; i < PRODUCTS; i++) {
                initialStock.put(api.listProduct("Outage product " + i, 100, STOCK), STOCK);
            }
            List<Long> products = List.copyOf(initialStock.keySet());
            List<Long> customers = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                long customer = api.registerUser("Outage customer " + i);
                api.charge(customer, 10_000_000);
                customers.add(customer);
            }

            AtomicBoolean running = new AtomicBoolean(true);
            List<Placed> placed = new ArrayList<>();
            List<String> phases = new ArrayList<>();
            long maxLag;
            Cursor beforeRecovery;
            Instant recoveredAt;
            try {
                List<Future<List<Placed>>> shoppers = customers.stream()
                        .map(customer -> background.submit(() -> shop(api, customer, products, running))).toList();
                Future<Long> lagProbe = background.submit(() -> maxLag(api, running));

                awaitAcceptedSince(receiver, 0, "orders are delivered while the data platform is up");
                phases.add(phase(receiver, Mode.REFUSING, cursor -> cursor.lastError().contains("ConnectException")));
                phases.add(phase(receiver, Mode.UNAVAILABLE, cursor -> cursor.lastError().endsWith("HTTP 503")));
                phases.add(phase(receiver, Mode.SLOW, cursor -> cursor.lastError().contains("HttpTimeoutException")));
                int receivedBeforePartlySlow = receiver.received().size();
                phases.add(phase(receiver, Mode.PARTLY_SLOW, cursor -> cursor.lastError().contains("HttpTimeoutException")
                        && receiver.received().stream().skip(receivedBeforePartlySlow).anyMatch(request -> request.outcome() == Outcome.ACCEPTED)));

                beforeRecovery = cursor();
                int receivedBeforeRecovery = receiver.received().size();
                recoveredAt = Instant.now();
                receiver.switchTo(Mode.UP);
                server.scheduler().triggerNow(OrderServer.RELAY_JOB);
                awaitAcceptedSince(receiver, receivedBeforeRecovery, "the relay delivers again once the data platform is back");
                phases.add("UP again, first accepted after " + Duration.between(recoveredAt, Instant.now()).toMillis() + " ms");
                Thread.sleep(MIN_PHASE); // keep ordering for a while after the recovery, then stop the load

                running.set(false);
                for (Future<List<Placed>> shopper : shoppers) {
                    placed.addAll(shopper.get());
                }
                maxLag = lagProbe.get();
            } finally {
                running.set(false);
            }

            Set<Long> completed = placed.stream().map(Placed::orderId).collect(Collectors.toSet());
            Eventually.await(CATCH_UP, "every completed order is accepted and both consumers have caught up",
                    () -> acceptedOrders(receiver).containsAll(completed)
                            && relays(api).values().stream().allMatch(relay -> relay.get("lag").asLong() == 0),
                    () -> "missing " + missing(receiver, completed) + ", relays " + relays(api));

            List<long[]> events = eventsInRelayOrder();
            assertThat(completedOrdersInDatabase()).as("the orders answered 201 are the completed orders").isEqualTo(completed);
            assertEveryEventAccepted(receiver, events);
            int mostPassed = assertAcceptedInRelayOrder(receiver, events);
            assertThat(receiver.received().stream().map(Received::outcome).collect(Collectors.toSet()))
                    .as("outcomes answered").containsExactlyInAnyOrder(Outcome.ACCEPTED, Outcome.UNAVAILABLE, Outcome.LATE);
            assertThat(receiver.received()).as("no request while backing off after the recovery, triggerNow included")
                    .filteredOn(request -> request.receivedAt().isAfter(recoveredAt))
                    .allSatisfy(request -> assertThat(request.receivedAt())
                            .isAfterOrEqualTo(beforeRecovery.retryAt().orElseThrow().minusMillis(1)));

            Map<String, JsonNode> relays = relays(api);
            long lastEvent = events.getLast()[0];
            assertThat(relays.get("dataplatform").get("position").asLong()).isEqualTo(lastEvent);
            assertThat(relays.get("dataplatform").get("deadLetters").asLong()).as("dead letters").isZero();
            assertThat(relays.get("sales-statistics").get("position").asLong()).isEqualTo(lastEvent);
            assertThat(popular(api, products)).as("units per product in the sales statistics").isEqualTo(unitsSold(placed, products));
            DatabaseSettings database = db().settings();
            Invariants.assertHold(database.jdbcUrl(), database.user(), database.password(), initialStock);

            Map<Outcome, Long> byOutcome = receiver.received().stream()
                    .collect(Collectors.groupingBy(Received::outcome, () -> new java.util.EnumMap<>(Outcome.class), Collectors.counting()));
            long duplicates = receiver.received().stream().filter(request -> request.outcome() == Outcome.ACCEPTED)
                    .collect(Collectors.groupingBy(Received::idempotencyKey, Collectors.counting()))
                    .values().stream().filter(count -> count > 1).count();
            System.out.printf("Data-platform outage on %s: phases %s; %d orders completed under load; %d requests received %s"
                            + " (refused connections never reach the receiver); %d re-sends of an event already sent;"
                            + " %d failed relay runs in a row before recovery; %d events accepted more than once; %d events delivered;"
                            + " an accepted event passed at most %d events not yet accepted; max lag %d events; %d ms%n",
                    database.jdbcUrl().startsWith("jdbc:h2:") ? "H2" : "PostgreSQL", phases, completed.size(), receiver.received().size(),
                    byOutcome, receiver.received().size() - receiver.countsByKey().size(), beforeRecovery.failures(), duplicates,
                    events.size(), mostPassed, maxLag, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Switches the receiver to {@code mode} and waits, at least {@link #MIN_PHASE}, until the relay has recorded a
     * failure since the switch that {@code failedThisWay} recognises (so every phase is met by at least one attempt).
     * Returns the phase, how long it lasted and the failures in a row at its end.
     */
    private String phase(DataPlatformReceiver receiver, Mode mode, Predicate<Cursor> failedThisWay) {
        Optional<Instant> retryAtBefore = cursor().retryAt();
        long switched = System.nanoTime();
        receiver.switchTo(mode);
        Eventually.await(PHASE_LIMIT, "the relay fails while the data platform is " + mode, () -> {
            Cursor cursor = cursor();
            return cursor.retryAt().isPresent() && !cursor.retryAt().equals(retryAtBefore) && failedThisWay.test(cursor)
                    && System.nanoTime() - switched >= MIN_PHASE.toNanos();
        }, this::cursor);
        return mode + " " + (System.nanoTime() - switched) / 1_000_000 + " ms (" + cursor().failures() + " failed runs in a row)";
    }

    private static void awaitAcceptedSince(DataPlatformReceiver receiver, int fromIndex, String what) {
        Eventually.await(PHASE_LIMIT, what, () -> receiver.received().stream().skip(fromIndex)
                .anyMatch(request -> request.outcome() == Outcome.ACCEPTED), receiver::received);
    }

    private static void assertEveryEventAccepted(DataPlatformReceiver receiver, List<long[]> events) {
        Map<Long, Long> orderOfEvent = events.stream().collect(Collectors.toMap(event -> event[0], event -> event[1]));
        assertThat(receiver.received()).as("each request carries its event, keyed by the event id").allSatisfy(request -> {
            JsonNode body = Api.parse(request.body());
            assertThat(request.idempotencyKey()).isEqualTo(body.get("eventId").asText());
            assertThat(body.path("order").path("orderId").asLong()).isEqualTo(orderOfEvent.get(body.get("eventId").asLong()));
        });
        assertThat(acceptedEvents(receiver)).as("every event was accepted, none skipped").containsAll(orderOfEvent.keySet());
    }

    /**
     * When an event is first accepted, fewer than {@link #IN_FLIGHT} events before it in relay order were not accepted
     * yet: the relay never passes more unacknowledged events than the window it sends at once (events it knows are
     * acknowledged, noted after an earlier failure, are not sent again and do not count). Returns how many events not
     * yet accepted an accepted event passed at most.
     */
    private static int assertAcceptedInRelayOrder(DataPlatformReceiver receiver, List<long[]> events) {
        Map<Long, Integer> place = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            place.put(events.get(i)[0], i);
        }
        boolean[] accepted = new boolean[events.size()];
        int mostPassed = 0;
        for (long eventId : new java.util.LinkedHashSet<>(acceptedEventsInOrder(receiver))) {
            int at = place.get(eventId);
            int passed = 0;
            int oldestPassed = -1;
            for (int before = 0; before < at; before++) {
                if (!accepted[before]) {
                    passed++;
                    oldestPassed = oldestPassed < 0 ? before : oldestPassed;
                }
            }
            assertThat(passed).as("event %d (relay place %d) accepted while %d earlier events, the oldest at place %d, were not",
                    eventId, at, passed, oldestPassed).isLessThan(IN_FLIGHT);
            mostPassed = Math.max(mostPassed, passed);
            accepted[at] = true;
        }
        return mostPassed;
    }

    private static List<Placed> shop(Api api, long customer, List<Long> products, AtomicBoolean running) throws InterruptedException {
        List<Placed> placed = new ArrayList<>();
        Random random = new Random(customer);
        while (running.get()) {
            long product = products.get(random.nextInt(products.size()));
            int quantity = 1 + random.nextInt(3);
            placed.add(new Placed(api.placeOrder(customer, product, quantity, null).get("id").asLong(), product, quantity));
            Thread.sleep(PAUSE_BETWEEN_ORDERS);
        }
        return placed;
    }

    /** The highest lag of the data-platform relay seen through the admin API while the load runs. */
    private static long maxLag(Api api, AtomicBoolean running) throws InterruptedException {
        long max = 0;
        while (running.get()) {
            max = Math.max(max, relays(api).get("dataplatform").get("lag").asLong());
            Thread.sleep(100);
        }
        return max;
    }

    private OrderServer start(DataPlatformReceiver receiver) {
        Map<String, String> values = new HashMap<>(OrderServerIntegrationTest.settings(db()));
        values.putAll(Map.of("ORDERS_HTTP_PORT", "0", "ORDERS_DB_POOL_SIZE", "8", "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN,
                "ORDERS_DEMO_DATA", "false", "ORDERS_RELAY_INTERVAL", "200ms", "ORDERS_RELAY_BATCH_SIZE", "100",
                "ORDERS_DATAPLATFORM_URL", receiver.uri().toString(),
                "ORDERS_DATAPLATFORM_TIMEOUT", REQUEST_TIMEOUT.toMillis() + "ms"));
        return OrderServer.start(ServerConfig.from(values), dataDir, Clock.systemUTC());
    }

    private static List<Long> acceptedEventsInOrder(DataPlatformReceiver receiver) {
        return receiver.received().stream().filter(request -> request.outcome() == Outcome.ACCEPTED)
                .map(request -> Long.parseLong(request.idempotencyKey())).toList();
    }

    private static Set<Long> acceptedEvents(DataPlatformReceiver receiver) {
        return new HashSet<>(acceptedEventsInOrder(receiver));
    }

    private static Set<Long> acceptedOrders(DataPlatformReceiver receiver) {
        return receiver.received().stream().filter(request -> request.outcome() == Outcome.ACCEPTED)
                .map(request -> Api.parse(request.body()).path("order").path("orderId").asLong()).collect(Collectors.toSet());
    }

    private static List<Long> missing(DataPlatformReceiver receiver, Set<Long> orders) {
        Set<Long> accepted = acceptedOrders(receiver);
        return orders.stream().filter(order -> !accepted.contains(order)).sorted().limit(20).toList();
    }

    private static Map<String, JsonNode> relays(Api api) {
        JsonNode relays = Api.expect(200, api.adminGet("/api/v1/admin/relays"));
        return StreamSupport.stream(relays.spliterator(), false)
                .collect(Collectors.toMap(relay -> relay.get("consumer").asText(), relay -> relay));
    }

    private static Map<Long, Long> popular(Api api, List<Long> products) {
        JsonNode popular = Api.expect(200, api.get("/api/v1/products/popular?days=2&limit=100"));
        return StreamSupport.stream(popular.spliterator(), false)
                .filter(product -> products.contains(product.get("productId").asLong()))
                .collect(Collectors.toMap(product -> product.get("productId").asLong(), product -> product.get("quantitySold").asLong(),
                        Long::sum, TreeMap::new));
    }

    private static Map<Long, Long> unitsSold(List<Placed> placed, List<Long> products) {
        return placed.stream().filter(order -> products.contains(order.productId()))
                .collect(Collectors.groupingBy(Placed::productId, TreeMap::new, Collectors.summingLong(Placed::quantity)));
    }

    /** Every event as {eventId, orderId}, in the relay's order: by writing transaction (always 0 on H2), then id. */
    private List<long[]> eventsInRelayOrder() throws SQLException {
        List<long[]> events = new ArrayList<>();
        query("SELECT id, order_id FROM order_events ORDER BY tx_id, id", rows -> events.add(new long[] {rows.getLong(1), rows.getLong(2)}));
        return events;
    }

    private Set<Long> completedOrdersInDatabase() throws SQLException {
        Set<Long> orders = new HashSet<>();
        query("SELECT id FROM orders WHERE status = 'COMPLETED'", rows -> orders.add(rows.getLong(1)));
        return orders;
    }

    private Cursor cursor() {
        List<Cursor> cursors = new ArrayList<>();
        try {
            query("SELECT consecutive_failures, retry_at, last_error FROM relay_cursors WHERE consumer = 'dataplatform'",
                    rows -> cursors.add(new Cursor(rows.getInt(1),
                            Optional.ofNullable(rows.getObject(2, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                            String.valueOf(rows.getString(3)))));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the relay cursor", e);
        }
        return cursors.isEmpty() ? new Cursor(0, Optional.empty(), "null") : cursors.getFirst();
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, RowReader reader) throws SQLException {
        DatabaseSettings database = db().settings();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }
}
