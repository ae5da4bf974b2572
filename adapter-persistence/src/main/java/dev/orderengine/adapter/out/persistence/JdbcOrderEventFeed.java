package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.relay.OrderEventFeed;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the outbox in relay order, gap-free. On PostgreSQL each event carries the id of the transaction that wrote
 * it and only events of transactions older than every transaction still running are read
 * ({@code pg_snapshot_xmin}), so an event committed late is never passed by the cursor. On H2 the writers of events
 * take turns ({@link JpaOrderEvents}), so id order is commit order and {@code tx_id} is always 0.
 *
 * <p>Every read is an index range of {@code order_events_relay_idx (tx_id, id)} that starts at the position: on
 * PostgreSQL a row-value comparison {@code (tx_id, id) > (?, ?)}, which is an index bound (an {@code OR} of the two
 * columns is not); on H2, which bounds an index by a row value's first column only, {@code tx_id = ? AND id > ?}.
 */
final class JdbcOrderEventFeed implements OrderEventFeed {

    private static final String COLUMNS = "id, tx_id, order_id, type, snapshot, created_at, traceparent";

    private final SessionScope scope;
    private final String readAfter;
    private final String countAfter;
    private final String firstAfter;
    private final String deleteUpTo;

    JdbcOrderEventFeed(SessionScope scope, Vendor vendor) {
        this.scope = scope;
        String after = vendor.relayOrderAfter();
        this.readAfter = "SELECT " + COLUMNS + " FROM order_events WHERE " + after + vendor.settledEventsOnly()
                + " ORDER BY tx_id, id LIMIT ?";
        this.countAfter = "SELECT COUNT(*) FROM order_events WHERE " + after;
        this.firstAfter = "SELECT created_at FROM order_events WHERE " + after + " ORDER BY tx_id, id LIMIT 1";
        this.deleteUpTo = "DELETE FROM order_events WHERE id IN (SELECT id FROM order_events WHERE " + vendor.relayOrderAtOrBefore()
                + " AND created_at < ? ORDER BY tx_id, id LIMIT ?)";
    }

    @Override
    public List<PublishedEvent> readAfter(RelayPosition position, int limit) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(readAfter)) {
                bindPosition(statement, position);
                statement.setInt(3, limit);
                List<PublishedEvent> events = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong("id");
                        events.add(new PublishedEvent(id, new RelayPosition(rows.getLong("tx_id"), id), rows.getLong("order_id"),
                                OrderEventType.valueOf(rows.getString("type")), Jdbc.instant(rows, "created_at").orElseThrow(),
                                rows.getString("snapshot"), Optional.ofNullable(rows.getString("traceparent"))));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public long countAfter(RelayPosition position) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(countAfter)) {
                bindPosition(statement, position);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<Instant> firstOccurredAfter(RelayPosition position) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(firstAfter)) {
                bindPosition(statement, position);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Jdbc.instant(rows, "created_at") : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<RelayPosition> positionOf(long eventId) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT tx_id FROM order_events WHERE id = ?")) {
                statement.setLong(1, eventId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new RelayPosition(rows.getLong(1), eventId)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public OptionalLong oldestEventId() {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT MIN(id) FROM order_events");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                long id = rows.getLong(1);
                return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(id);
            }
        });
    }

    @Override
    public OrderEvent decode(PublishedEvent event) {
        return OrderEventJson.read(event.body());
    }

    @Override
    public int deleteUpTo(RelayPosition passedByAll, Instant cutoff, int limit) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(deleteUpTo)) {
                bindPosition(statement, passedByAll);
                Jdbc.setInstant(statement, 3, cutoff);
                statement.setInt(4, limit);
                return statement.executeUpdate();
            }
        });
    }

    /** The statement of {@link #readAfter}, for plan checks; parameters: position (2), limit. */
    String readAfterSql() {
        return readAfter;
    }

    /** The statement of {@link #countAfter}, for plan checks; parameters: position (2). */
    String countAfterSql() {
        return countAfter;
    }

    private static void bindPosition(PreparedStatement statement, RelayPosition position) throws SQLException {
        statement.setLong(1, position.txId());
        statement.setLong(2, position.eventId());
    }
}
