package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.relay.RelayCursor;
import dev.orderengine.application.relay.RelayCursors;
import dev.orderengine.application.relay.RelayPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of {@code relay_cursors} per consumer, created at the start when first locked, and the events a consumer's
 * receiver acknowledged past its cursor in {@code relay_acknowledged} (a handful at most: a window's worth).
 */
final class JdbcRelayCursors implements RelayCursors {

    private static final String COLUMNS = "consumer, position_tx, position_event, consecutive_failures, retry_at, last_delivered_at, last_error";
    private static final int MAX_ERROR_LENGTH = 2000;

    /** Creates a missing cursor; a concurrent creator makes this a no-op (standard on PostgreSQL, and H2 in its mode). */
    private static final String CREATE_IF_ABSENT =
            "INSERT INTO relay_cursors (consumer, position_tx, position_event, consecutive_failures) VALUES (?, 0, 0, 0) ON CONFLICT DO NOTHING";
    private static final String FORGET_ACKNOWLEDGED_UP_TO = "DELETE FROM relay_acknowledged WHERE consumer = ? "
            + "AND (position_tx < ? OR (position_tx = ? AND event_id <= ?))";

    private final SessionScope scope;

    JdbcRelayCursors(SessionScope scope) {
        this.scope = scope;
    }

    @Override
    public RelayCursor get(String consumer) {
        return scope.jdbc(connection -> read(connection, consumer, "").orElseGet(() -> RelayCursor.atStart(consumer)));
    }

    @Override
    public RelayCursor lock(String consumer) {
        return scope.jdbc(connection -> {
            update(connection, CREATE_IF_ABSENT, statement -> statement.setString(1, consumer));
            return read(connection, consumer, " FOR UPDATE").orElseThrow();
        });
    }

    private static Optional<RelayCursor> read(Connection connection, String consumer, String lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM relay_cursors WHERE consumer = ?" + lock)) {
            statement.setString(1, consumer);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(cursor(rows, acknowledged(connection, consumer))) : Optional.empty();
            }
        }
    }

    @Override
    public boolean advance(String consumer, RelayPosition expected, RelayPosition reached, Instant deliveredAt) {
        return scope.jdbc(connection -> {
            boolean moved = update(connection,
                    "UPDATE relay_cursors SET position_tx = ?, position_event = ?, consecutive_failures = 0, retry_at = NULL, "
                            + "last_delivered_at = ? WHERE consumer = ? AND position_tx = ? AND position_event = ?",
                    statement -> {
                        statement.setLong(1, reached.txId());
                        statement.setLong(2, reached.eventId());
                        Jdbc.setInstant(statement, 3, deliveredAt);
                        statement.setString(4, consumer);
                        statement.setLong(5, expected.txId());
                        statement.setLong(6, expected.eventId());
                    }) == 1;
            if (moved) {
                update(connection, FORGET_ACKNOWLEDGED_UP_TO, statement -> {
                    statement.setString(1, consumer);
                    statement.setLong(2, reached.txId());
                    statement.setLong(3, reached.txId());
                    statement.setLong(4, reached.eventId());
                });
            }
            return moved;
        });
    }

    @Override
    public void acknowledge(String consumer, Collection<RelayPosition> events) {
        if (events.isEmpty()) {
            return;
        }
        scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO relay_acknowledged (consumer, position_tx, event_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (RelayPosition event : events) {
                    statement.setString(1, consumer);
                    statement.setLong(2, event.txId());
                    statement.setLong(3, event.eventId());
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    @Override
    public void recordFailure(String consumer, String error, int consecutiveFailures, Instant retryAt) {
        String kept = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        scope.jdbc(connection -> update(connection,
                "UPDATE relay_cursors SET last_error = ?, consecutive_failures = ?, retry_at = ? WHERE consumer = ?",
                statement -> {
                    statement.setString(1, kept.replace('\0', '?'));
                    statement.setInt(2, consecutiveFailures);
                    Jdbc.setInstant(statement, 3, retryAt);
                    statement.setString(4, consumer);
                }));
    }

    @Override
    public void reset(String consumer, RelayPosition position) {
        lock(consumer);
        scope.jdbc(connection -> {
            update(connection, "DELETE FROM relay_acknowledged WHERE consumer = ?", statement -> statement.setString(1, consumer));
            return update(connection,
                    "UPDATE relay_cursors SET position_tx = ?, position_event = ?, consecutive_failures = 0, retry_at = NULL WHERE consumer = ?",
                    statement -> {
                        statement.setLong(1, position.txId());
                        statement.setLong(2, position.eventId());
                        statement.setString(3, consumer);
                    });
        });
    }

    @Override
    public List<RelayCursor> all() {
        return scope.jdbc(connection -> {
            List<String> consumers = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT consumer FROM relay_cursors ORDER BY consumer");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumers.add(rows.getString(1));
                }
            }
            List<RelayCursor> cursors = new ArrayList<>();
            for (String consumer : consumers) {
                read(connection, consumer, "").ifPresent(cursors::add);
            }
            return cursors;
        });
    }

    private static Set<Long> acknowledged(Connection connection, String consumer) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT event_id FROM relay_acknowledged WHERE consumer = ?")) {
            statement.setString(1, consumer);
            Set<Long> ids = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static RelayCursor cursor(ResultSet rows, Set<Long> acknowledgedAhead) throws SQLException {
        return new RelayCursor(rows.getString("consumer"),
                new RelayPosition(rows.getLong("position_tx"), rows.getLong("position_event")),
                rows.getInt("consecutive_failures"), Jdbc.instant(rows, "retry_at"), Jdbc.instant(rows, "last_delivered_at"),
                Optional.ofNullable(rows.getString("last_error")), acknowledgedAhead);
    }

    private static int update(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
