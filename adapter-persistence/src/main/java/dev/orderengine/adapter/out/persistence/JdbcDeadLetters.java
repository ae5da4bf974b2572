package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.relay.DeadLetter;
import dev.orderengine.application.relay.DeadLetters;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** The dead-letter list as rows of {@code relay_dead_letters}. */
final class JdbcDeadLetters implements DeadLetters {

    private final SessionScope scope;

    JdbcDeadLetters(SessionScope scope) {
        this.scope = scope;
    }

    @Override
    public void add(DeadLetter letter) {
        scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO relay_dead_letters (id, consumer, event_id, status, response, created_at) "
                            + "VALUES (nextval('relay_dead_letters_seq'), ?, ?, ?, ?, ?)")) {
                statement.setString(1, letter.consumer());
                statement.setLong(2, letter.eventId());
                statement.setInt(3, letter.status());
                statement.setString(4, letter.response());
                Jdbc.setInstant(statement, 5, letter.createdAt());
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
}
