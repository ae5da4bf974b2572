package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server nodes on one PostgreSQL database, as in production: Quartz runs clustered, so the relay runs on
 * one node at a time. Every completed order reaches the data platform once in normal operation, and when a
 * node stops under load the other one delivers the rest.
 */
class ClusteredRelayTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    private static final String ADMIN_TOKEN = "clustered-relay-admin-token";
    private static final int CUSTOMERS = 5;
    private static final int ORDERS_PER_CUSTOMER = 10;

    @TempDir
    Path nodeADir;

    @TempDir
    Path nodeBDir;

    @Test
    void relays_each_event_once_across_two_nodes_and_the_survivor_delivers_the_rest_when_one_stops()
            throws IOException, InterruptedException, ExecutionException {
        try (DataPlatformReceiver receiver = DataPlatformReceiver.start();
             ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
            OrderServer nodeA = start(nodeADir, receiver);
            try (OrderServer nodeB = start(nodeBDir, receiver)) {
                Api viaA = Api.at(nodeA.port(), ADMIN_TOKEN);
                Api viaB = Api.at(nodeB.port(), ADMIN_TOKEN);
                long product = viaA.listProduct("Filter coffee", 1_000, 1_000);
                List<Long> users = IntStream.range(0, CUSTOMERS).mapToObj(i -> {
                    long user = viaA.registerUser("Customer " + i);
                    viaA.charge(user, 1_000_000);
                    return user;
                }).toList();

                Set<Long> beforeStop = placeConcurrently(customers, viaA, users, product, () -> { });
                awaitDelivered(receiver, beforeStop, "the data platform has every order placed on node A");
                assertDeliveredOnce(receiver, beforeStop);

                Set<Long> aroundStop = customers.submit(() -> placeConcurrently(customers, viaB, users, product, nodeA::close)).get();
                assertThatCode(() -> nodeB.scheduler().triggerNow(OrderServer.RELAY_JOB))
                        .as("node B's scheduler still runs after node A stopped").doesNotThrowAnyException();
                awaitDelivered(receiver, aroundStop, "node B delivers every order placed while node A stopped");

                Set<Long> everyOrder = new HashSet<>(beforeStop);
                everyOrder.addAll(aroundStop);
                assertThat(deliveredOrders(receiver).keySet()).as("exactly the placed orders, none missing").isEqualTo(everyOrder);
                assertThat(receiver.received()).as("one event per order, keyed by its id, the same body each time")
                        .allSatisfy(request -> {
                            assertThat(request.idempotencyKey()).isEqualTo(Api.parse(request.body()).get("eventId").asText());
                            assertThat(request.body()).isEqualTo(firstBody(receiver, deliveredOrders(receiver).get(orderOf(request))));
                        });
                assertDeliveredOnce(receiver, beforeStop);
                Map<String, Long> duplicates = receiver.countsByKey().entrySet().stream().filter(count -> count.getValue() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                System.out.printf("Failover: %d of %d events delivered more than once (in flight when node A stopped): %s%n",
                        duplicates.size(), everyOrder.size(), duplicates);
                assertThat(duplicates.keySet()).as("only events of orders placed around the stop may come twice")
                        .allSatisfy(key -> assertThat(aroundStop).contains(orderOf(receiver, key)));
            } finally {
                nodeA.close();
            }
        }
    }

    private static void awaitDelivered(DataPlatformReceiver receiver, Set<Long> orders, String what) {
        Eventually.await(Duration.ofSeconds(20), what, () -> deliveredOrders(receiver).keySet().containsAll(orders),
                () -> missing(receiver, orders));
    }

    private static void assertDeliveredOnce(DataPlatformReceiver receiver, Set<Long> orders) {
        Map<String, Long> counts = receiver.countsByKey();
        Map<Long, String> keys = deliveredOrders(receiver);
        assertThat(orders).allSatisfy(order -> assertThat(counts.get(keys.get(order)))
                .as("deliveries of the event of order %d", order).isEqualTo(1));
    }

    /**
     * Every customer places {@link #ORDERS_PER_CUSTOMER} orders at once with the others; {@code midway} runs
     * once a third of them are placed. Returns the ids of the orders, each checked to be completed.
     */
    private static Set<Long> placeConcurrently(ExecutorService pool, Api api, List<Long> users, long product, Runnable midway)
            throws InterruptedException, ExecutionException {
        List<Future<Long>> orders = new ArrayList<>();
        for (int round = 0; round < ORDERS_PER_CUSTOMER; round++) {
            for (long user : users) {
                orders.add(pool.submit(() -> api.placeOrder(user, product, 1, null).get("id").asLong()));
            }
            if (round == ORDERS_PER_CUSTOMER / 3) {
                midway.run();
            }
        }
        Set<Long> ids = new HashSet<>();
        for (Future<Long> order : orders) {
            ids.add(order.get());
        }
        return ids;
    }

    private static OrderServer start(Path dataDir, DataPlatformReceiver receiver) {
        Map<String, String> values = new HashMap<>(OrderServerIntegrationTest.settings(DB));
        values.putAll(Map.of("ORDERS_HTTP_PORT", "0", "ORDERS_DB_POOL_SIZE", "6", "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN,
                "ORDERS_RELAY_INTERVAL", "500ms", "ORDERS_DATAPLATFORM_URL", receiver.uri().toString()));
        return OrderServer.start(ServerConfig.from(values), dataDir, Clock.systemUTC());
    }

    /** Order id to the {@code Idempotency-Key} of its event, over every request received. */
    private static Map<Long, String> deliveredOrders(DataPlatformReceiver receiver) {
        return receiver.received().stream().collect(Collectors.toMap(ClusteredRelayTest::orderOf,
                DataPlatformReceiver.Received::idempotencyKey, (first, again) -> first));
    }

    private static long orderOf(DataPlatformReceiver.Received request) {
        return Api.parse(request.body()).path("order").path("orderId").asLong();
    }

    private static long orderOf(DataPlatformReceiver receiver, String key) {
        return orderOf(receiver.received().stream().filter(request -> request.idempotencyKey().equals(key)).findFirst().orElseThrow());
    }

    private static String firstBody(DataPlatformReceiver receiver, String key) {
        return receiver.received().stream().filter(request -> request.idempotencyKey().equals(key)).findFirst().orElseThrow().body();
    }

    private static String missing(DataPlatformReceiver receiver, Set<Long> expected) {
        Set<Long> delivered = deliveredOrders(receiver).keySet();
        return "missing orders " + expected.stream().filter(id -> !delivered.contains(id)).sorted().toList() + " of " + expected.size();
    }
}
