package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 6 (Flyway reads version and description from the class name), in Java because both databases must
 * write the same JSON: the outbox rows written before it stored
 * only the order object; from it on a row stores the whole body the data platform receives ({@link OrderEventJson}),
 * which the relay sends as it is. Rewrites the old rows in id order, a thousand per statement batch.
 */
final class V6__OutboxEventBodies extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        long after = 0;
        while (true) {
            List<Object[]> rows = oldRowsAfter(connection, after);
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE order_events SET snapshot = ? WHERE id = ?")) {
                for (Object[] row : rows) {
                    long id = (Long) row[0];
                    OrderEvent event = new OrderEvent(OrderEventType.valueOf((String) row[1]),
                            OrderEventJson.readOrder(OrderEventJson.parse((String) row[2])), (Instant) row[3]);
                    update.setString(1, OrderEventJson.write(id, event));
                    update.setLong(2, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            after = (Long) rows.getLast()[0];
        }
    }

    private static List<Object[]> oldRowsAfter(Connection connection, long after) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, type, snapshot, created_at FROM order_events WHERE id > ? ORDER BY id LIMIT " + BATCH)) {
            select.setLong(1, after);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Object[] {result.getLong(1), result.getString(2), result.getString(3),
                            Jdbc.instant(result, "created_at").orElseThrow()});
                }
            }
            return rows;
        }
    }
}
