package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes rather than stops: nodes of the fat jar on one PostgreSQL database, one of them killed with SIGKILL
 * (no shutdown hook, no graceful stop, its database sessions cut) while it is busy. What it had committed
 * stays, what it had not is rolled back, and the survivor carries the scheduled jobs on.
 */
class KilledNodeIT {

    private static final String ADMIN_TOKEN = "killed-node-admin-token";
    private static final Duration TTL = Duration.ofSeconds(4);
    /** Quartz presumes a node dead some 7.5 s after a missed 5 s check-in; then the survivor recovers its jobs. */
    private static final Duration FAILOVER = Duration.ofSeconds(45);
    private static final long PRICE = 1_000;
    private static final long DISCOUNT = 300;
    private static final int STOCK = 100_000;
    private static final int CUSTOMERS = 6;
    private static final int COUPONS_PER_CUSTOMER = 2;

    @TempDir
    Path nodeADir;

    @TempDir
    Path nodeBDir;

    @BeforeAll
    static void theJarIsBuilt() {
        assertThat(ServiceProcess.JAR).as("run 'package' first: the fat jar").isRegularFile();
    }

    @Test
    void the_survivor_redelivers_the_relay_batch_of_a_node_killed_mid_load_and_expires_what_it_left_allocated() throws Exception {
        try (ScratchDatabase database = ScratchDatabase.create();
             DataPlatformReceiver receiver = DataPlatformReceiver.start(Duration.ofMillis(30), Duration.ofSeconds(1));
             ServiceProcess nodeA = ServiceProcess.start(nodeADir, settings(database, receiver))) {
            nodeA.awaitHealthy();
            try (ServiceProcess nodeB = ServiceProcess.start(nodeBDir, settings(database, receiver))) {
                nodeB.awaitHealthy();
                Api admin = nodeA.api(ADMIN_TOKEN);
                Map<Long, Integer> initialStock = new LinkedHashMap<>();
                for (int i = 0; i < 3; i++) {
                    initialStock.put(admin.listProduct("Beans " + i, PRICE, STOCK), STOCK);
                }
                List<Long> couponSources = new ArrayList<>();
                for (int i = 0; i < COUPONS_PER_CUSTOMER; i++) {
                    couponSources.add(admin.openCouponSource("Kill " + i, DISCOUNT, CUSTOMERS));
                }
                Customers customers = new Customers(List.of(new Node("A", nodeA), new Node("B", nodeB)), List.copyOf(initialStock.keySet()));
                try (customers) {
                    for (int i = 0; i < CUSTOMERS; i++) {
                        long user = admin.registerUser("Customer " + i);
                        admin.charge(user, 10_000_000);
                        Deque<Long> coupons = new ArrayDeque<>();
                        couponSources.forEach(source -> coupons.add(admin.issueCoupon(source, user)));
                        customers.start(user, coupons, i % 2 == 0);
                    }
                    customers.startRefunds();
                    killTheRelayingNodeMidBatch(database, receiver, customers, initialStock);
                }
            }
        }
    }

    private static void killTheRelayingNodeMidBatch(ScratchDatabase database, DataPlatformReceiver receiver, Customers customers,
                                                    Map<Long, Integer> initialStock) throws Exception {
        Eventually.await(Duration.ofSeconds(30), "both nodes take orders and refunds and the relay delivers",
                () -> customers.completedOn("A") >= 20 && customers.completedOn("B") >= 20 && customers.refunded.size() >= 10
                        && receiver.received().size() >= 40,
                customers::toString);
        // Held answers freeze the relaying node inside a batch: Quartz shows it as the instance executing the relay job,
        // and what it has sent is past its cursor, so exactly those events must come again from the survivor.
        receiver.holdAnswers();
        Eventually.await(Duration.ofSeconds(15), "a relay batch waits for its answers", () -> receiver.held() > 0,
                () -> receiver.received().size() + " received");
        String relaying = relayingInstance(database);
        List<Node> relayingNodes = customers.nodes.stream().filter(node -> relaying.contains("-" + node.process.pid() + "-")).toList();
        assertThat(relayingNodes).as("the node of Quartz instance %s", relaying).hasSize(1);
        Node victim = relayingNodes.getFirst();
        Node survivor = customers.nodes.stream().filter(node -> node != victim).findFirst().orElseThrow();
        customers.killed.set(victim);
        victim.process.kill();
        int completedAtKill = customers.completed.size();
        Set<String> inFlightAtKill = unacknowledged(database, receiver.countsByKey().keySet());
        receiver.release();

        long broke = survivor.api().registerUser("Broke customer");
        long product = initialStock.keySet().iterator().next();
        JsonNode refused = Api.expect(409, survivor.api().post("/api/v1/orders", Api.orderBody(broke, product, 1, null)));
        assertThat(refused.get("code").asText()).isEqualTo("INSUFFICIENT_BALANCE");
        long leftAllocated = refused.get("orderId").asLong();
        int refundedAtKill = customers.refunded.size();
        Eventually.await(Duration.ofSeconds(20), "the survivor takes orders and refunds after the kill",
                () -> customers.completed.size() >= completedAtKill + 30 && customers.refunded.size() >= refundedAtKill + 10,
                customers::toString);
        customers.stop();

        Eventually.await(FAILOVER, "every event, of completed and of refunded orders, reaches the data platform",
                () -> receiver.countsByKey().keySet().containsAll(eventIds(database)),
                () -> "missing " + missing(database, receiver));
        Eventually.await(FAILOVER, "the survivor's expiry job cancels every order left allocated",
                () -> ordersIn(database, "READY", "STOCK_ALLOCATED").isEmpty(), () -> ordersInAnyStatus(database));
        assertThat(ordersIn(database, "CANCELLED")).as("the order refused for balance expired").contains(leftAllocated);
        assertThat(ordersInAnyStatus(database).keySet()).as("statuses left").isSubsetOf("COMPLETED", "CANCELLED", "REFUNDED");
        assertThat(ordersIn(database, "COMPLETED", "REFUNDED")).as("every order answered 201").containsAll(customers.completed);
        assertThat(ordersIn(database, "REFUNDED")).as("every refund answered 201").containsAll(customers.refunded);
        assertThat(strings(database, "SELECT order_id::text FROM order_refunds GROUP BY order_id HAVING count(*) > 1"))
                .as("orders of one unit refunded more than once").isEmpty();
        String survivorInstance = instanceOf(database, survivor);
        Eventually.await(Duration.ofSeconds(10), "the cluster forgets the killed node",
                () -> schedulerInstances(database).equals(List.of(survivorInstance)), () -> schedulerInstances(database));

        Map<String, Long> duplicates = receiver.countsByKey().entrySet().stream().filter(count -> count.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(inFlightAtKill).as("events sent by the killed node's batch but not acknowledged in its cursor").isNotEmpty();
        assertThat(duplicates.keySet()).as("events sent twice: exactly those in flight at the kill").isEqualTo(inFlightAtKill);
        assertThat(duplicates.values()).as("each at most twice").allSatisfy(count -> assertThat(count).isEqualTo(2));
        assertThat(customers.connectionErrors.get(survivor.name)).as("connection errors from the survivor").isZero();
        assertThat(customers.connectionErrors.get(victim.name)).as("connection errors from the killed node").isPositive();
        assertThat(customers.unexpectedConnectionErrors.get()).as("connection errors before the kill").isZero();
        try (Connection connection = database.connect()) {
            Invariants.assertHold(connection, initialStock);
        }

        int cancelled = ordersIn(database, "CANCELLED").size();
        System.out.printf("KilledNodeIT mid-load: %d order and %d refund requests, %d connection errors to the killed node (%d orders"
                        + " resent with their Idempotency-Key to the survivor, %d refunds sent again: %d with their key, %d found"
                        + " already made), %d orders completed, %d refunded, %d expired (1 refused for balance), %d events delivered,"
                        + " %d duplicates (in flight at the kill: %d), refunds made twice 0, invariant violations 0%n",
                customers.sent.get(), customers.refundsSent.get(), customers.connectionErrors.get(victim.name), customers.resent.get(),
                customers.refundsResent.get(), customers.refundsResentWithKey.get(), customers.refundsFoundMade.get(),
                customers.completed.size(), ordersIn(database, "REFUNDED").size(), cancelled, receiver.countsByKey().size(),
                duplicates.size(), inFlightAtKill.size());
    }

    @Test
    void orders_whose_node_died_before_their_commit_leave_nothing_and_a_retry_with_the_key_places_one_on_another_node() throws Exception {
        try (ScratchDatabase database = ScratchDatabase.create();
             DataPlatformReceiver receiver = DataPlatformReceiver.start();
             ServiceProcess nodeA = ServiceProcess.start(nodeADir, settings(database, receiver))) {
            nodeA.awaitHealthy();
            try (ServiceProcess nodeB = ServiceProcess.start(nodeBDir, settings(database, receiver));
                 ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                nodeB.awaitHealthy();
                Api viaB = nodeB.api(ADMIN_TOKEN);
                long product = viaB.listProduct("Grinder", PRICE, 100);
                long couponSource = viaB.openCouponSource("Crash", DISCOUNT, 2);
                long retries = viaB.registerUser("Retries");
                long walksAway = viaB.registerUser("Walks away");
                viaB.charge(retries, 10_000);
                viaB.charge(walksAway, 10_000);
                long retriesCoupon = viaB.issueCoupon(couponSource, retries);
                long walksAwayCoupon = viaB.issueCoupon(couponSource, walksAway);
                String retried = Api.orderBody(retries, product, 2, retriesCoupon);

                Future<Api.Answer> withKey;
                Future<Api.Answer> withoutKey;
                try (Connection balanceLock = database.connect()) {
                    balanceLock.setAutoCommit(false);
                    lockBalances(balanceLock, retries, walksAway);
                    withKey = threads.submit(() -> nodeA.api().postWithKey("order-1", "/api/v1/orders", retried));
                    withoutKey = threads.submit(() -> nodeA.api().post("/api/v1/orders", Api.orderBody(walksAway, product, 3, walksAwayCoupon)));
                    Eventually.await(Duration.ofSeconds(15), "both orders allocated and their payments waiting for the balance lock",
                            () -> paymentsBlockedBy(balanceLock) == 2, () -> ordersInAnyStatus(database));
                    assertThat(ordersInAnyStatus(database)).as("orders committed while their payments wait").isEmpty();
                    nodeA.kill();
                    balanceLock.rollback();
                }
                assertThat(List.of(withKey, withoutKey)).as("the requests to the killed node")
                        .allSatisfy(request -> assertThat(failure(request)).isInstanceOf(UncheckedIOException.class));
                assertThat(ordersInAnyStatus(database)).as("orders the killed node left").isEmpty();
                assertThat(Api.expect(200, viaB.get("/api/v1/products/" + product)).get("stock").asInt()).as("stock").isEqualTo(100);

                // until PostgreSQL has rolled the dead node's transaction back, its key is in use (409): a client retries
                List<Api.Answer> answers = new ArrayList<>();
                Eventually.await(Duration.ofSeconds(15), "the retry with the key on the other node answered 201", () -> {
                    answers.add(viaB.postWithKey("order-1", "/api/v1/orders", retried));
                    return answers.getLast().status() == 201;
                }, () -> answers);
                assertThat(answers.subList(0, answers.size() - 1)).as("answers before the 201")
                        .allSatisfy(answer -> assertThat(answer.body()).contains("IDEMPOTENCY_KEY_IN_USE"));
                JsonNode paid = answers.getLast().json();
                assertThat(paid.get("status").asText()).isEqualTo("COMPLETED");
                assertThat(paid.get("totalAmount").decimalValue()).isEqualByComparingTo("1700");
                assertThat(paid.get("payments")).as("one payment attempt, the one that succeeded").hasSize(1);
                long placed = orderOf(database, retries);
                assertThat(paid.get("id").asLong()).isEqualTo(placed);
                Eventually.await(FAILOVER, "the order's event reaches the data platform", () -> delivered(receiver).contains(placed),
                        () -> receiver.countsByKey());

                assertThat(Api.expect(200, viaB.get("/api/v1/users/" + retries + "/balance")).get("amount").decimalValue())
                        .as("charged once").isEqualByComparingTo("8300");
                assertThat(Api.expect(200, viaB.get("/api/v1/users/" + retries + "/balance/history")).path("items"))
                        .filteredOn(entry -> entry.get("type").asText().equals("USE")).hasSize(1);
                assertThat(Api.expect(200, viaB.get("/api/v1/users/" + walksAway + "/balance")).get("amount").decimalValue())
                        .as("untouched").isEqualByComparingTo("10000");
                assertThat(Api.expect(200, viaB.get("/api/v1/users/" + walksAway + "/coupons")).path("items").get(0).get("status").asText())
                        .as("coupon of the order that was never committed").isEqualTo("AVAILABLE");
                assertThat(strings(database, "SELECT id::text FROM orders WHERE user_id = ?", walksAway)).as("orders of the one who walked away").isEmpty();
                assertThat(Api.expect(200, viaB.get("/api/v1/products/" + product)).get("stock").asInt()).as("stock").isEqualTo(98);
                assertThat(receiver.countsByKey().values()).as("the one event, delivered once").containsExactly(1L);
                try (Connection connection = database.connect()) {
                    Invariants.assertHold(connection, Map.of(product, 100));
                }
                System.out.printf("KilledNodeIT before the commit: 2 order requests, 2 connection errors, nothing left behind, the retry"
                        + " with its key answered 201 after %d answers 409 IN_USE, %d event delivered, 0 duplicates, invariant violations 0%n",
                        answers.size() - 1, receiver.received().size());
            }
        }
    }

    private static Map<String, String> settings(ScratchDatabase database, DataPlatformReceiver receiver) {
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.putAll(Map.of("ORDERS_ADMIN_TOKEN", ADMIN_TOKEN, "ORDERS_DB_POOL_SIZE", "8", "ORDERS_DEMO_DATA", "false",
                "ORDERS_RELAY_INTERVAL", "1s", "ORDERS_RESERVATION_TTL", TTL.toSeconds() + "s",
                "ORDERS_DATAPLATFORM_URL", receiver.uri().toString()));
        return settings;
    }

    /** The Quartz instance running the relay job now; exactly one. */
    private static String relayingInstance(ScratchDatabase database) {
        List<String> instances = strings(database, "SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = ? AND state = 'EXECUTING'",
                OrderServer.RELAY_JOB);
        assertThat(instances).as("nodes running the relay").hasSize(1);
        return instances.getFirst();
    }

    private static List<String> schedulerInstances(ScratchDatabase database) {
        return strings(database, "SELECT instance_name FROM qrtz_scheduler_state ORDER BY instance_name");
    }

    private static String instanceOf(ScratchDatabase database, Node node) {
        return schedulerInstances(database).stream().filter(name -> name.contains("-" + node.process.pid() + "-")).findFirst().orElseThrow();
    }

    /** Of the events with these keys, those after the relay cursor: sent, but their batch not recorded as delivered. */
    private static Set<String> unacknowledged(ScratchDatabase database, Set<String> keys) {
        Set<String> after = new HashSet<>(strings(database, """
                SELECT e.id::text FROM order_events e
                LEFT JOIN relay_cursors c ON c.consumer = 'dataplatform'
                WHERE (e.tx_id, e.id) > (coalesce(c.position_tx, 0), coalesce(c.position_event, 0))"""));
        after.retainAll(keys);
        return after;
    }

    private static void lockBalances(Connection connection, long... users) throws SQLException {
        for (long user : users) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT amount FROM balances WHERE user_id = ? FOR UPDATE")) {
                statement.setLong(1, user);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).as("balance of user %d", user).isTrue();
                }
            }
        }
    }

    /** Sessions waiting for a lock that {@code connection}'s session holds. */
    private static int paymentsBlockedBy(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable failure(Future<?> request) throws InterruptedException {
        try {
            request.get();
            throw new AssertionError("the request to the killed node was answered");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static long orderOf(ScratchDatabase database, long user) {
        List<String> orders = strings(database, "SELECT id::text FROM orders WHERE user_id = ?", user);
        assertThat(orders).as("orders of user %d", user).hasSize(1);
        return Long.parseLong(orders.getFirst());
    }

    private static Set<Long> ordersIn(ScratchDatabase database, String... statuses) {
        return ordersInAnyStatus(database).entrySet().stream().filter(entry -> List.of(statuses).contains(entry.getKey()))
                .flatMap(entry -> entry.getValue().stream()).collect(Collectors.toSet());
    }

    private static Map<String, Set<Long>> ordersInAnyStatus(ScratchDatabase database) {
        return strings(database, "SELECT status || ' ' || id FROM orders").stream().map(row -> row.split(" "))
                .collect(Collectors.groupingBy(row -> row[0], Collectors.mapping(row -> Long.parseLong(row[1]), Collectors.toSet())));
    }

    private static Set<String> eventIds(ScratchDatabase database) {
        return new HashSet<>(strings(database, "SELECT id::text FROM order_events"));
    }

    private static Set<Long> delivered(DataPlatformReceiver receiver) {
        return receiver.received().stream().map(request -> Api.parse(request.body()).path("order").path("orderId").asLong())
                .collect(Collectors.toSet());
    }

    private static List<String> missing(ScratchDatabase database, DataPlatformReceiver receiver) {
        Set<String> delivered = receiver.countsByKey().keySet();
        return eventIds(database).stream().filter(event -> !delivered.contains(event)).sorted().toList();
    }

    /** The first column of every row {@code sql} returns, as text. */
    private static List<String> strings(ScratchDatabase database, String sql, Object... parameters) {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** One service process the customers send orders to. */
    private record Node(String name, ServiceProcess process) {

        Api api() {
            return process.api();
        }

        Api admin() {
            return process.api(ADMIN_TOKEN);
        }
    }

    /**
     * Customers who each place one order after the other, round-robin over the nodes, every third with a
     * coupon, until stopped. A request that fails to connect marks its node dead to them; a customer who sent
     * it with an {@code Idempotency-Key} sends it again to a live node, as the spec lets a client do after a
     * crash; the others leave it, and what the dead node had allocated for it must expire. Meanwhile the shop
     * refunds every third completed order wholly, half of the refunds with a key: one cut off by the crash is sent
     * again to a live node, with its key (the first answer comes back) or without (made already, or made now).
     */
    private static final class Customers implements AutoCloseable {

        final List<Node> nodes;
        final List<Long> products;
        private final List<Future<?>> running = new ArrayList<>();
        final Set<Long> completed = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> completedOn = new ConcurrentHashMap<>();
        final Map<String, Integer> connectionErrors = new ConcurrentHashMap<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger resent = new AtomicInteger();
        final AtomicInteger unexpectedConnectionErrors = new AtomicInteger();
        final AtomicReference<Node> killed = new AtomicReference<>();
        final Set<Long> refunded = ConcurrentHashMap.newKeySet();
        final AtomicInteger refundsSent = new AtomicInteger();
        final AtomicInteger refundsResent = new AtomicInteger();
        final AtomicInteger refundsResentWithKey = new AtomicInteger();
        final AtomicInteger refundsFoundMade = new AtomicInteger();
        private final BlockingQueue<Long> toRefund = new LinkedBlockingQueue<>();
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        private final AtomicInteger turn = new AtomicInteger();
        private final Set<Node> dead = ConcurrentHashMap.newKeySet();
        private volatile boolean stopped;

        Customers(List<Node> nodes, List<Long> products) {
            this.nodes = nodes;
            this.products = products;
            nodes.forEach(node -> connectionErrors.put(node.name, 0));
        }

        void start(long user, Deque<Long> coupons, boolean retriesWithItsKey) {
            running.add(threads.submit(() -> shop(user, coupons, retriesWithItsKey)));
        }

        private Void shop(long user, Deque<Long> coupons, boolean retriesWithItsKey) {
            for (int i = 0; !stopped; i++) {
                Long coupon = i % 3 == 0 ? coupons.poll() : null;
                String body = Api.orderBody(user, products.get(i % products.size()), 1, coupon);
                String key = "customer-" + user + "-order-" + i;
                Node node = nextLive();
                sent.incrementAndGet();
                Api.Answer answer;
                try {
                    answer = retriesWithItsKey ? node.api().postWithKey(key, "/api/v1/orders", body) : node.api().post("/api/v1/orders", body);
                } catch (UncheckedIOException connectionFailed) {
                    connectionErrors.merge(node.name, 1, Integer::sum);
                    if (killed.get() != node) {
                        unexpectedConnectionErrors.incrementAndGet();
                    }
                    dead.add(node);
                    if (!retriesWithItsKey) {
                        continue;
                    }
                    node = nextLive();
                    answer = resend(node, body, key);
                }
                JsonNode order = Api.expect(201, answer);
                assertThat(order.get("status").asText()).as("%s", order).isEqualTo("COMPLETED");
                completed.add(order.get("id").asLong());
                completedOn.computeIfAbsent(node.name, name -> new AtomicInteger()).incrementAndGet();
                if (i % 3 == 1) {
                    toRefund.add(order.get("id").asLong());
                }
            }
            return null;
        }

        void startRefunds() {
            running.add(threads.submit(this::refund));
        }

        private Void refund() throws InterruptedException {
            while (!stopped) {
                Long order = toRefund.poll(100, TimeUnit.MILLISECONDS);
                if (order == null) {
                    continue;
                }
                String path = "/api/v1/orders/" + order + "/refunds";
                boolean keyed = order % 2 == 0;
                String key = "refund-" + order;
                Node node = nextLive();
                refundsSent.incrementAndGet();
                Api.Answer answer;
                try {
                    answer = keyed ? node.admin().adminPostWithKey(key, path, "{}") : node.admin().adminPost(path, "{}");
                } catch (UncheckedIOException connectionFailed) {
                    connectionErrors.merge(node.name, 1, Integer::sum);
                    if (killed.get() != node) {
                        unexpectedConnectionErrors.incrementAndGet();
                    }
                    dead.add(node);
                    refundsResent.incrementAndGet();
                    Api admin = nextLive().admin();
                    if (keyed) {
                        refundsResentWithKey.incrementAndGet();
                        AtomicReference<Api.Answer> again = new AtomicReference<>();
                        Eventually.await(Duration.ofSeconds(15), "the refund's key is free again", () -> {
                            again.set(admin.adminPostWithKey(key, path, "{}"));
                            return again.get().status() != 409 || !again.get().body().contains("IDEMPOTENCY_KEY_IN_USE");
                        }, again::get);
                        answer = again.get();
                    } else {
                        answer = admin.adminPost(path, "{}");
                        if (answer.status() == 409 && answer.body().contains("ORDER_NOT_REFUNDABLE")) {
                            refundsFoundMade.incrementAndGet();
                            refunded.add(order);
                            continue;
                        }
                    }
                }
                JsonNode after = Api.expect(201, answer);
                assertThat(after.get("status").asText()).as("%s", after).isEqualTo("REFUNDED");
                assertThat(after.get("refunds")).as("%s", after).hasSize(1);
                refunded.add(order);
            }
            return null;
        }

        /** Sends the request again until the dead node's session on its key is gone (409 IDEMPOTENCY_KEY_IN_USE before). */
        private Api.Answer resend(Node node, String body, String key) {
            resent.incrementAndGet();
            AtomicReference<Api.Answer> answer = new AtomicReference<>();
            Eventually.await(Duration.ofSeconds(15), "the key is free again", () -> {
                answer.set(node.api().postWithKey(key, "/api/v1/orders", body));
                return answer.get().status() != 409 || !answer.get().body().contains("IDEMPOTENCY_KEY_IN_USE");
            }, answer::get);
            return answer.get();
        }

        private Node nextLive() {
            List<Node> live = nodes.stream().filter(node -> !dead.contains(node)).toList();
            return live.get(Math.floorMod(turn.getAndIncrement(), live.size()));
        }

        int completedOn(String node) {
            return completedOn.getOrDefault(node, new AtomicInteger()).get();
        }

        void stop() throws InterruptedException, ExecutionException {
            stopped = true;
            for (Future<?> customer : running) {
                customer.get();
            }
        }

        /** Stops them too, e.g. after a failed assertion, and waits until each has finished its last order. */
        @Override
        public void close() {
            stopped = true;
            threads.close();
        }

        @Override
        public String toString() {
            return "sent " + sent + ", completed " + completed.size() + " " + completedOn + ", refunded " + refunded.size()
                    + ", connection errors " + connectionErrors;
        }
    }
}
