package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.StorageFixtures;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.order.Order;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The relay's read and the lag count as the outbox grows (SPEC §3: no query gets slower as history grows): with
 * {@value #EVENTS} events written by {@value #TRANSACTIONS} transactions, reading or counting after a cursor near the
 * end touches a handful of rows, not the history before it. Checked on the database's own plan, not on a clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutboxGrowthContractTest {

    static final int EVENTS = 20_000;
    static final int TRANSACTIONS = 200;
    /** A read that scanned the history would touch thousands of rows (or hundreds of pages) here. */
    static final long AT_MOST_TOUCHED = 60;

    private RelayPosition nearTheEnd;

    abstract TestDatabase db();

    /** The rows (H2) or pages (PostgreSQL) the database touched running {@code sql} with {@code parameters}. */
    abstract long touchedBy(Connection connection, String sql, Object... parameters) throws SQLException;

    @BeforeAll
    void writeAHistory() throws SQLException {
        Order order = new StorageFixtures(db().adapter()).allocatedOrder(new StorageFixtures(db().adapter()).user(), StorageFixtures.NOW,
                new StorageFixtures(db().adapter()).product(1_000, 10));
        try (Connection connection = db().adapter().dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO order_events (id, order_id, type, snapshot, created_at) VALUES (?, ?, 'ORDER_COMPLETED', ?, ?)")) {
            long id = 1_000_000;
            for (int t = 0; t < TRANSACTIONS; t++) {
                for (int i = 0; i < EVENTS / TRANSACTIONS; i++) {
                    insert.setLong(1, ++id);
                    insert.setLong(2, order.id().value());
                    insert.setString(3, "{\"eventId\":" + id + ",\"padding\":\"" + "x".repeat(200) + "\"}");
                    insert.setObject(4, java.time.OffsetDateTime.ofInstant(Instant.now(), java.time.ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            }
            try (PreparedStatement last = connection.prepareStatement("SELECT tx_id, id FROM order_events ORDER BY tx_id DESC, id DESC LIMIT 1");
                 ResultSet row = last.executeQuery()) {
                row.next();
                nearTheEnd = new RelayPosition(row.getLong(1), row.getLong(2) - 5);
            }
            connection.rollback();
        }
        try (Connection connection = db().adapter().dataSource().getConnection()) {
            analyze(connection);
        }
    }

    /** Brings the planner's statistics up to date, as autovacuum would. */
    abstract void analyze(Connection connection) throws SQLException;

    @Test
    void reading_after_a_cursor_near_the_end_touches_only_the_rows_after_it() throws SQLException {
        List<Long> read = db().adapter().transactions().readOnly(() -> feed().readAfter(nearTheEnd, 500)).stream()
                .map(event -> event.eventId()).toList();

        assertThat(read).hasSize(5);
        try (Connection connection = db().adapter().dataSource().getConnection()) {
            assertThat(touchedBy(connection, feed().readAfterSql(), nearTheEnd.txId(), nearTheEnd.eventId(), 500))
                    .isLessThanOrEqualTo(AT_MOST_TOUCHED);
        }
    }

    @Test
    void counting_the_lag_of_a_cursor_near_the_end_touches_only_the_rows_after_it() throws SQLException {
        assertThat(db().adapter().transactions().readOnly(() -> feed().countAfter(nearTheEnd))).isEqualTo(5);
        try (Connection connection = db().adapter().dataSource().getConnection()) {
            assertThat(touchedBy(connection, feed().countAfterSql(), nearTheEnd.txId(), nearTheEnd.eventId()))
                    .isLessThanOrEqualTo(AT_MOST_TOUCHED);
        }
    }

    private JdbcOrderEventFeed feed() {
        return (JdbcOrderEventFeed) db().adapter().relayPorts().feed();
    }

    static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
