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
import java.util.List;
import java.util.Optional;

/** One row of {@code relay_cursors} per consumer, created at the start on first use. */
final class JdbcRelayCursors implements RelayCursors {

    private static final String COLUMNS = "consumer, position_tx, position_event, consecutive_failures, retry_at, last_delivered_at, last_error";
    private static final int MAX_ERROR_LENGTH = 2000;

    /** Creates a missing cursor; a concurrent creator makes this a no-op (standard on PostgreSQL, and H2 in its mode). */
    private static final String CREATE_IF_ABSENT =
            "INSERT INTO relay_cursors (consumer, position_tx, position_event, consecutive_failures) VALUES (?, 0, 0, 0) ON CONFLICT DO NOTHING";

    private final SessionScope scope;

    JdbcRelayCursors(SessionScope scope) {
        this.scope = scope;
    }

    @Override
    public RelayCursor get(String consumer) {
        return read(consumer, "");
    }

    @Override
    public RelayCursor lock(String consumer) {
        return read(consumer, " FOR UPDATE");
    }

    private RelayCursor read(String consumer, String lock) {
        return scope.jdbc(connection -> {
            try (PreparedStatement create = connection.prepareStatement(CREATE_IF_ABSENT)) {
                create.setString(1, consumer);
                create.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM relay_cursors WHERE consumer = ?" + lock)) {
                statement.setString(1, consumer);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return cursor(rows);
                }
            }
        });
    }

    @Override
    public boolean advance(String consumer, RelayPosition expected, RelayPosition reached, Instant deliveredAt) {
        return scope.jdbc(connection -> update(connection,
                "UPDATE relay_cursors SET position_tx = ?, position_event = ?, consecutive_failures = 0, retry_at = NULL, "
                        + "last_delivered_at = ? WHERE consumer = ? AND position_tx = ? AND position_event = ?",
                statement -> {
                    statement.setLong(1, reached.txId());
                    statement.setLong(2, reached.eventId());
                    Jdbc.setInstant(statement, 3, deliveredAt);
                    statement.setString(4, consumer);
                    statement.setLong(5, expected.txId());
                    statement.setLong(6, expected.eventId());
                }) == 1);
    }

    @Override
    public void recordFailure(String consumer, String error, int consecutiveFailures, Instant retryAt) {
        String kept = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        scope.jdbc(connection -> update(connection,
                "UPDATE relay_cursors SET last_error = ?, consecutive_failures = ?, retry_at = ? WHERE consumer = ?",
                statement -> {
                    statement.setString(1, kept);
                    statement.setInt(2, consecutiveFailures);
                    Jdbc.setInstant(statement, 3, retryAt);
                    statement.setString(4, consumer);
                }));
    }

    @Override
    public void reset(String consumer, RelayPosition position) {
        get(consumer);
        scope.jdbc(connection -> update(connection,
                "UPDATE relay_cursors SET position_tx = ?, position_event = ?, consecutive_failures = 0, retry_at = NULL WHERE consumer = ?",
                statement -> {
                    statement.setLong(1, position.txId());
                    statement.setLong(2, position.eventId());
                    statement.setString(3, consumer);
                }));
    }

    @Override
    public List<RelayCursor> all() {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM relay_cursors ORDER BY consumer");
                 ResultSet rows = statement.executeQuery()) {
                List<RelayCursor> cursors = new ArrayList<>();
                while (rows.next()) {
                    cursors.add(cursor(rows));
                }
                return cursors;
            }
        });
    }

    private static RelayCursor cursor(ResultSet rows) throws SQLException {
        return new RelayCursor(rows.getString("consumer"),
                new RelayPosition(rows.getLong("position_tx"), rows.getLong("position_event")),
                rows.getInt("consecutive_failures"), Jdbc.instant(rows, "retry_at"), Jdbc.instant(rows, "last_delivered_at"),
                Optional.ofNullable(rows.getString("last_error")));
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
