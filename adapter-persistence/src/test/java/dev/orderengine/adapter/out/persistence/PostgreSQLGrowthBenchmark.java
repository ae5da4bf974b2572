package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.product.ListProductCommand;
import dev.orderengine.application.relay.OrderEventFeed;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.application.user.RegisterUserCommand;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The growth benchmark of SPEC §3 ("no query gets slower as history grows"): the relay's batch read, the lag count and
 * one order's placement (with an {@code Idempotency-Key}), timed with 1,000 events and 1,000 idempotency records, then
 * again with 1,000,000 of each (written by SQL, a thousand transactions of a thousand events, as a server writes them).
 * Prints the medians side by side; the only assertions are that the reads return what they should. Not part of the
 * build (tag {@code benchmark}): run it with {@code bench/growth.sh}.
 */
@Tag("benchmark")
class PostgreSQLGrowthBenchmark {

    private static final int RUNS = 200;
    private static final int LAG = 100;

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    private final List<String> report = new ArrayList<>();

    @Test
    void the_relay_read_the_lag_count_and_an_order_cost_the_same_with_a_thousand_and_a_million_events() throws SQLException {
        OrderEngine engine = new OrderEngine(DB.adapter().ports(), Clock.systemUTC(), OrderEngine.DEFAULT_RESERVATION_TTL);
        UserId customer = engine.users().registerUser().register(new RegisterUserCommand("Grows")).id();
        engine.users().chargeBalance().charge(new ChargeBalanceCommand(customer, Money.of(10_000_000), Optional.empty()));
        ProductId product = engine.products().list(new ListProductCommand("Tea", null, Money.of(1), 1_000_000_000)).product().id();
        long orderId = engine.orders().placeOrder().place(order(customer, product, "seed")).order().id().value();
        List<UserId> keyOwners = users(engine, 1_000);

        grow(orderId, keyOwners, 1_000);
        Figures small = measure(engine, customer, product, "small");
        grow(orderId, keyOwners, 1_000_000);
        Figures large = measure(engine, customer, product, "large");

        System.out.printf(Locale.ROOT, "%ngrowth benchmark (PostgreSQL, medians of %d runs, lag %d events)%n", RUNS, LAG);
        System.out.printf(Locale.ROOT, "| measurement | 1,000 events + keys | 1,000,000 events + keys | ratio |%n|---|---:|---:|---:|%n");
        row("relay batch read (readAfter, limit 500)", small.read(), large.read());
        row("lag count (countAfter)", small.count(), large.count());
        row("one order placed and paid, with an Idempotency-Key", small.order(), large.order());
        report.forEach(System.out::println);
    }

    private record Figures(double read, double count, double order) {
    }

    private Figures measure(OrderEngine engine, UserId customer, ProductId product, String phase) throws SQLException {
        analyze();
        OrderEventFeed feed = DB.adapter().relayPorts().feed();
        RelayPosition cursor = lagBehindTheEnd();
        int[] read = new int[1];
        long[] counted = new long[1];
        double readMillis = median(() -> {
            read[0] = DB.adapter().transactions().readOnly(() -> feed.readAfter(cursor, 500)).size();
            return 0;
        });
        double countMillis = median(() -> {
            counted[0] = DB.adapter().transactions().readOnly(() -> feed.countAfter(cursor));
            return 0;
        });
        int[] placed = new int[1];
        double orderMillis = median(() -> {
            engine.orders().placeOrder().place(order(customer, product, phase + "-" + placed[0]++));
            return 0;
        });
        assertThat(read[0]).isEqualTo(LAG);
        assertThat(counted[0]).isGreaterThanOrEqualTo(LAG);
        report.add(String.format(Locale.ROOT, "%s: %,d events, %,d idempotency records", phase, rows("order_events"), rows("idempotency_keys")));
        return new Figures(readMillis, countMillis, orderMillis);
    }

    /** Appends events in transactions of a thousand, and idempotency records, until each table holds {@code target} rows. */
    private static void grow(long orderId, List<UserId> keyOwners, long target) throws SQLException {
        try (Connection connection = DB.adapter().dataSource().getConnection(); Statement statement = connection.createStatement()) {
            long events = rows("order_events");
            while (events < target) {
                long batch = Math.min(1_000, target - events);
                statement.execute("INSERT INTO order_events (id, order_id, type, snapshot, created_at) SELECT nextval('order_events_seq') + 0 * g, "
                        + orderId + ", 'ORDER_COMPLETED', '{\"eventId\":0,\"order\":{\"padding\":\"' || repeat('x', 300) || '\"}}', now() "
                        + "FROM generate_series(1, " + batch + ") g");
                connection.commit();
                events += batch;
            }
            long keys = rows("idempotency_keys");
            if (keys < target) {
                statement.execute("INSERT INTO idempotency_keys (user_id, idempotency_key, fingerprint, completed, result_order_id, created_at) "
                        + "SELECT (ARRAY[" + keyOwners.stream().map(user -> Long.toString(user.value())).reduce((a, b) -> a + "," + b).orElseThrow()
                        + "])[1 + g % " + keyOwners.size() + "], 'grown-' || g, repeat('f', 64), TRUE, " + orderId + ", now() "
                        + "FROM generate_series(" + (keys + 1) + ", " + target + ") g");
                connection.commit();
            }
        }
    }

    /** Where a relay that is {@value #LAG} events behind the end stands. */
    private static RelayPosition lagBehindTheEnd() throws SQLException {
        try (Connection connection = DB.adapter().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT tx_id, id FROM order_events ORDER BY tx_id DESC, id DESC OFFSET " + LAG + " LIMIT 1");
             ResultSet row = statement.executeQuery()) {
            row.next();
            RelayPosition position = new RelayPosition(row.getLong(1), row.getLong(2));
            connection.rollback();
            return position;
        }
    }

    private static void analyze() throws SQLException {
        try (Connection connection = DB.adapter().dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("VACUUM ANALYZE order_events");
            statement.execute("VACUUM ANALYZE idempotency_keys");
            connection.setAutoCommit(false);
        }
    }

    private static long rows(String table) throws SQLException {
        return DB.queryLong("SELECT COUNT(*) FROM " + table);
    }

    /** The median wall time of {@value #RUNS} runs of {@code work}, in milliseconds, after 20 runs of warm-up. */
    private static double median(LongSupplier work) {
        for (int i = 0; i < 20; i++) {
            work.getAsLong();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            work.getAsLong();
            nanos[i] = System.nanoTime() - started;
        }
        java.util.Arrays.sort(nanos);
        return nanos[RUNS / 2] / 1e6;
    }

    private void row(String what, double small, double large) {
        report.add(String.format(Locale.ROOT, "| %s | %.3f ms | %.3f ms | %.2f |", what, small, large, large / small));
    }

    private static List<UserId> users(OrderEngine engine, int count) {
        List<UserId> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(engine.users().registerUser().register(new RegisterUserCommand("Key owner " + i)).id());
        }
        return users;
    }

    private static PlaceOrderCommand order(UserId customer, ProductId product, String key) {
        return new PlaceOrderCommand(customer, List.of(new OrderItem(product, 1)), Optional.empty(),
                Optional.of(new IdempotencyKey(customer, key)));
    }
}
