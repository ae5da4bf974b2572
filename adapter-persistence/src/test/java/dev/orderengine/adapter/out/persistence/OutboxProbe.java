package dev.orderengine.adapter.out.persistence;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.relay.DataPlatform;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.OrderEventFeed;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the relay suites need besides the ports: where the outbox of a shared test database ends now (so that a test
 * reads only its own events), a patient read of the feed, and a data platform that records what it was sent.
 */
final class OutboxProbe {

    /**
     * How long a read waits for events that should be visible. On PostgreSQL the feed stops below the oldest
     * transaction running anywhere on the server, and other test runs may share the server.
     */
    static final Duration SETTLE = Duration.ofSeconds(10);

    private OutboxProbe() {
    }

    /** The position of the last stored event in relay order, or the start: a cursor there reads only later events. */
    static RelayPosition endOfOutbox(TestDatabase db) throws SQLException {
        try (Connection connection = db.adapter().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT tx_id, id FROM order_events ORDER BY tx_id DESC, id DESC LIMIT 1");
             ResultSet row = statement.executeQuery()) {
            RelayPosition end = row.next() ? new RelayPosition(row.getLong(1), row.getLong(2)) : RelayPosition.START;
            connection.rollback();
            return end;
        }
    }

    /** The ids of every stored event after {@code position} in relay order, as committed now. */
    static List<Long> eventIdsAfter(TestDatabase db, RelayPosition position) throws SQLException {
        try (Connection connection = db.adapter().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id FROM order_events WHERE tx_id > ? OR (tx_id = ? AND id > ?) ORDER BY tx_id, id")) {
            statement.setLong(1, position.txId());
            statement.setLong(2, position.txId());
            statement.setLong(3, position.eventId());
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            connection.rollback();
            return ids;
        }
    }

    /** Reads after {@code position} until at least {@code expected} events come back or {@link #SETTLE} has passed. */
    static List<PublishedEvent> readAtLeast(TestDatabase db, RelayPosition position, int limit, int expected) throws InterruptedException {
        OrderEventFeed feed = db.adapter().relayPorts().feed();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            List<PublishedEvent> events = db.adapter().transactions().readOnly(() -> feed.readAfter(position, limit));
            if (events.size() >= expected || System.nanoTime() > deadline) {
                return events;
            }
            Thread.sleep(20);
        }
    }

    /** Answers each event as told (by default: delivered) and remembers the ids sent, in sending order. Thread-safe. */
    static final class RecordingDataPlatform implements DataPlatform {

        private final Function<PublishedEvent, Delivery> answer;
        private final List<Long> sent = new ArrayList<>();

        RecordingDataPlatform() {
            this(event -> new Delivery.Delivered());
        }

        RecordingDataPlatform(Function<PublishedEvent, Delivery> answer) {
            this.answer = answer;
        }

        @Override
        public synchronized List<Delivery> deliver(List<PublishedEvent> events) {
            events.forEach(event -> sent.add(event.eventId()));
            return events.stream().map(answer).toList();
        }

        synchronized List<Long> sent() {
            return List.copyOf(sent);
        }
    }
}
