package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.relay.OrderEventFeed;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the outbox in relay order, gap-free. On PostgreSQL each event carries the id of the transaction that wrote
 * it and only events of transactions older than every transaction still running are read
 * ({@code pg_snapshot_xmin}), so an event committed late is never passed by the cursor. On H2 the writers of events
 * take turns ({@link JpaOrderEvents}), so id order is commit order and {@code tx_id} is always 0.
 */
final class JdbcOrderEventFeed implements OrderEventFeed {

    private static final String AFTER = "(tx_id > ? OR (tx_id = ? AND id > ?))";
    private static final String SETTLED_ON_POSTGRESQL = " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    private final SessionScope scope;
    private final String readAfter;

    JdbcOrderEventFeed(SessionScope scope, Vendor vendor) {
        this.scope = scope;
        this.readAfter = "SELECT id, tx_id, type, snapshot, created_at FROM order_events WHERE " + AFTER
                + (vendor == Vendor.POSTGRESQL ? SETTLED_ON_POSTGRESQL : "") + " ORDER BY tx_id, id LIMIT ?";
    }

    @Override
    public List<PublishedEvent> readAfter(RelayPosition position, int limit) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(readAfter)) {
                bindAfter(statement, position);
                statement.setInt(4, limit);
                List<PublishedEvent> events = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong("id");
                        OrderEvent event = new OrderEvent(OrderEventType.valueOf(rows.getString("type")),
                                OrderSnapshotJson.read(rows.getString("snapshot")), Jdbc.instant(rows, "created_at").orElseThrow());
                        events.add(new PublishedEvent(id, new RelayPosition(rows.getLong("tx_id"), id), event));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public long countAfter(RelayPosition position) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM order_events WHERE " + AFTER)) {
                bindAfter(statement, position);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<RelayPosition> positionBefore(long eventId) {
        return scope.jdbc(connection -> {
            // the first in relay order of the events from eventId on: a transaction that started earlier (lower tx_id)
            // may have drawn a higher id, and must be read again too
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT tx_id, id FROM order_events WHERE id >= ? AND EXISTS (SELECT 1 FROM order_events WHERE id = ?)"
                            + " ORDER BY tx_id, id LIMIT 1")) {
                statement.setLong(1, eventId);
                statement.setLong(2, eventId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new RelayPosition(rows.getLong(1), rows.getLong(2) - 1)) : Optional.empty();
                }
            }
        });
    }

    private static void bindAfter(PreparedStatement statement, RelayPosition position) throws java.sql.SQLException {
        statement.setLong(1, position.txId());
        statement.setLong(2, position.txId());
        statement.setLong(3, position.eventId());
    }
}
