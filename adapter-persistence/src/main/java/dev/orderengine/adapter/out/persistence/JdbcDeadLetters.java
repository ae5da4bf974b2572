package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.relay.DeadLetter;
import dev.orderengine.application.relay.DeadLetters;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * The dead-letter list as rows of {@code relay_dead_letters}, each with a copy of its event's body (no reference to the
 * outbox row, which retention deletes on its own schedule).
 */
final class JdbcDeadLetters implements DeadLetters {

    private final SessionScope scope;

    JdbcDeadLetters(SessionScope scope) {
        this.scope = scope;
    }

    @Override
    public void add(DeadLetter letter) {
        scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO relay_dead_letters (id, consumer, event_id, order_id, event_type, body, status, response, created_at) "
                            + "VALUES (nextval('relay_dead_letters_seq'), ?, ?, ?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, letter.consumer());
                statement.setLong(2, letter.eventId());
                statement.setLong(3, letter.orderId());
                statement.setString(4, letter.type().name());
                statement.setString(5, letter.body());
                statement.setInt(6, letter.status());
                statement.setString(7, letter.response());
                Jdbc.setInstant(statement, 8, letter.createdAt());
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public long count(String consumer) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM relay_dead_letters WHERE consumer = ?")) {
                statement.setString(1, consumer);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff, int limit) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM relay_dead_letters WHERE id IN "
                    + "(SELECT id FROM relay_dead_letters WHERE created_at < ? ORDER BY created_at LIMIT ?)")) {
                Jdbc.setInstant(statement, 1, cutoff);
                statement.setInt(2, limit);
                return statement.executeUpdate();
            }
        });
    }
}
