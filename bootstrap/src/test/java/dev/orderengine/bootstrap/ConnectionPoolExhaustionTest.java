package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.DatabaseSettings;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection pool exhausted (fault suite, issue #7): a transaction outside the server holds the stock row of one
 * product, so the orders for it block inside the server on every pooled connection. Requests that need a
 * connection must then be refused quickly with 503 rather than queue, the blocked orders must give up after the
 * lock timeout rather than wait for the holder, HTTP must keep answering, and all must work again once the row is free.
 */
class ConnectionPoolExhaustionTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    private static final String ADMIN_TOKEN = "pool-exhaustion-admin-token";
    private static final int POOL_SIZE = 4;
    private static final int HOT_ORDERS = POOL_SIZE + 2;
    /** More than a platform-thread pool would have (Javalin's is 250): handlers run on virtual threads, so none waits for a thread. */
    private static final int PRODUCT_READS = 260;
    private static final int STOCK = 100;
    private static final Duration CONNECTION_TIMEOUT = DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT;
    /** PostgreSQL's {@code lock_timeout} of every pooled session: twice the connection timeout. */
    private static final Duration LOCK_TIMEOUT = CONNECTION_TIMEOUT.multipliedBy(2);
    private static final Duration SLACK = Duration.ofSeconds(2);
    /**
     * A request that finds no free connection: the pool's wait, plus 3 s for a loaded 2-core machine on which the
     * client opens {@value #PRODUCT_READS} connections at once (the server's own log shows at most about 3.3 s).
     */
    private static final Duration REFUSAL_BOUND = CONNECTION_TIMEOUT.plusSeconds(3);
    /**
     * An order for the held row: a wait for a connection, then at most two lock waits, plus slack. PostgreSQL applies
     * {@code lock_timeout} to each lock wait: waiters for one row queue for its tuple lock, and one granted it just
     * before its own timeout starts a second wait, for the holder's transaction (seen: 6.1 s for most, 12.2 s for one).
     */
    private static final Duration BLOCKED_BOUND = CONNECTION_TIMEOUT.plus(LOCK_TIMEOUT.multipliedBy(2)).plus(SLACK);

    @TempDir
    Path dataDir;

    @Test
    void refuses_requests_with_503_in_about_the_connection_timeout_while_a_held_row_ties_up_every_pooled_connection()
            throws Exception {
        try (OrderServer server = OrderServer.start(ServerConfig.from(OrderServerIntegrationTest.settings(DB,
                     "ORDERS_HTTP_PORT", "0", "ORDERS_DB_POOL_SIZE", Integer.toString(POOL_SIZE),
                     "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN, "ORDERS_RELAY_INTERVAL", "1h")), dataDir, Clock.systemUTC());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            long held = api.listProduct("Held product", 1_000, STOCK);
            long other = api.listProduct("Other product", 2_000, STOCK);
            long customer = api.registerUser("Pool customer");
            api.charge(customer, 1_000_000);

            List<Future<Timed>> hotOrders = new ArrayList<>();
            List<Future<Timed>> refused = new ArrayList<>();
            try (Connection holder = DriverManager.getConnection(DB.settings().jdbcUrl(), DB.settings().user(), DB.settings().password())) {
                holder.setAutoCommit(false);
                long holderPid = lockStockRow(holder, held);
                for (int i = 0; i < HOT_ORDERS; i++) {
                    hotOrders.add(clients.submit(timed(() -> api.post("/api/v1/orders", order(customer, held)))));
                }
                Eventually.await(CONNECTION_TIMEOUT, "every pooled connection waits for the held row",
                        () -> blockedBy(holderPid) == POOL_SIZE, () -> "blocked sessions: " + blockedBy(holderPid));

                refused.add(clients.submit(timed(() -> api.post("/api/v1/orders", order(customer, other)))));
                refused.add(clients.submit(timed(() -> api.get("/health"))));
                for (int i = 0; i < PRODUCT_READS; i++) {
                    refused.add(clients.submit(timed(() -> api.get("/api/v1/products/" + other))));
                }
                List<Timed> refusals = answers(refused, REFUSAL_BOUND);
                List<Timed> blocked = answers(hotOrders, BLOCKED_BOUND);
                assertThat(blockedBy(holderPid)).as("sessions still waiting for the held row").isZero();
                holder.rollback();

                assertThat(refusals).as("requests while every connection is taken").hasSize(PRODUCT_READS + 2)
                        .allSatisfy(answer -> assertUnavailableWithin(answer, REFUSAL_BOUND));
                assertThat(blocked).as("orders for the held row").allSatisfy(answer -> assertUnavailableWithin(answer, BLOCKED_BOUND));
                System.out.printf("Pool exhausted (pool %d, row held elsewhere): %d requests for free rows answered 503 in at most %d ms "
                                + "(bound %d ms); %d orders for the held row answered 503 in at most %d ms (bound %d ms)%n",
                        POOL_SIZE, refusals.size(), longest(refusals).toMillis(), REFUSAL_BOUND.toMillis(), blocked.size(),
                        longest(blocked).toMillis(), BLOCKED_BOUND.toMillis());
            }

            assertThat(api.get("/health").status()).as("/health once the row is free").isEqualTo(200);
            api.placeOrder(customer, held, 1, null);
            api.placeOrder(customer, other, 1, null);
            assertThat(Api.expect(200, api.get("/api/v1/products/" + held)).get("stock").asInt()).isEqualTo(STOCK - 1);
            Invariants.assertHold(DB.settings().jdbcUrl(), DB.settings().user(), DB.settings().password(),
                    Map.of(held, STOCK, other, STOCK));
        }
    }

    /** An answer and how long it took. */
    record Timed(Api.Answer answer, Duration took) {
    }

    private static Callable<Timed> timed(Supplier<Api.Answer> request) {
        return () -> {
            long started = System.nanoTime();
            Api.Answer answer = request.get();
            return new Timed(answer, Duration.ofNanos(System.nanoTime() - started));
        };
    }

    /** Waits for every answer, each due within {@code bound} of being sent (they were sent at about the same time). */
    private static List<Timed> answers(List<Future<Timed>> futures, Duration bound)
            throws InterruptedException, ExecutionException {
        List<Timed> answers = new ArrayList<>();
        long deadline = System.nanoTime() + bound.plus(SLACK).toNanos();
        for (Future<Timed> future : futures) {
            try {
                answers.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException stillWaiting) {
                throw new AssertionError("a request got no answer within " + bound.plus(SLACK) + ": it queues behind the held row");
            }
        }
        return answers;
    }

    private static void assertUnavailableWithin(Timed timed, Duration bound) {
        assertThat(timed.answer().status()).as("status of %s", timed.answer()).isEqualTo(503);
        assertThat(timed.answer().response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(timed.answer().json().get("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(timed.took()).as("time to answer %s", timed.answer()).isLessThanOrEqualTo(bound);
    }

    private static Duration longest(List<Timed> answers) {
        return answers.stream().map(Timed::took).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Takes the row lock of the product's stock in {@code holder}'s open transaction; returns the holder's backend pid. */
    private static long lockStockRow(Connection holder, long productId) throws SQLException {
        try (Statement statement = holder.createStatement()) {
            statement.execute("SELECT quantity FROM product_stocks WHERE product_id = " + productId + " FOR UPDATE");
            try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                return pid.getLong(1);
            }
        }
    }

    /**
     * How many sessions wait, directly or in a queue behind another waiter, for a lock that the session {@code holderPid}
     * holds (waiters for one row queue: the second one is blocked by the first).
     */
    private static long blockedBy(long holderPid) {
        try {
            return DB.queryLong("""
                    WITH RECURSIVE waiting(pid) AS (
                        SELECT ?::int
                        UNION SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY (pg_blocking_pids(a.pid)))
                    SELECT count(*) - 1 FROM waiting""", holderPid);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String order(long userId, long productId) {
        return "{\"userId\":" + userId + ",\"items\":[{\"productId\":" + productId + ",\"quantity\":1}]}";
    }
}
