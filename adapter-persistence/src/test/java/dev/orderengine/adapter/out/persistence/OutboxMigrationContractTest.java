package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database written by the previous version (schema 5: the outbox held only the order object, dead letters referred to
 * their event) migrated to the current one: every body rewritten to the contract's whole body, each dead letter with
 * its own copy of it, and stock wide enough for any quantity given back.
 */
abstract class OutboxMigrationContractTest {

    private static final String LEGACY_ORDER = "{\"orderId\":1,\"userId\":1,\"status\":\"COMPLETED\",\"couponId\":null,"
            + "\"originalAmount\":30000.00,\"discountAmount\":0.00,\"totalAmount\":30000.00,\"paymentId\":null,"
            + "\"completedAt\":\"2026-11-24T10:15:30.120Z\","
            + "\"items\":[{\"productId\":1,\"quantity\":2,\"unitPrice\":15000.00,\"totalPrice\":30000.00}]}";
    private static final Instant OCCURRED = Instant.parse("2026-11-24T10:15:30.123Z");

    /** A fresh database no adapter has migrated, registered by the subclass. */
    abstract TestDatabase db();

    @Test
    void rewrites_old_outbox_rows_into_whole_bodies_and_gives_each_dead_letter_its_copy() throws Exception {
        migrateToThePreviousRelease();
        execute("INSERT INTO users (id, name, status, created_at) VALUES (1, 'Ada', 'ACTIVE', TIMESTAMP WITH TIME ZONE '2026-11-24 10:00:00+00')",
                "INSERT INTO products (id, name, price, status, created_at) VALUES (1, 'Beans', 15000, 'ON_SALE', TIMESTAMP WITH TIME ZONE '2026-11-24 10:00:00+00')",
                "INSERT INTO product_stocks (product_id, quantity) VALUES (1, 5)",
                "INSERT INTO orders (id, user_id, status, original_amount, discount_amount, total_amount, created_at, updated_at, completed_at) "
                        + "VALUES (1, 1, 'COMPLETED', 30000, 0, 30000, TIMESTAMP WITH TIME ZONE '2026-11-24 10:15:30+00', "
                        + "TIMESTAMP WITH TIME ZONE '2026-11-24 10:15:30+00', TIMESTAMP WITH TIME ZONE '2026-11-24 10:15:30.12+00')",
                "INSERT INTO order_events (id, order_id, type, snapshot, created_at) VALUES (1, 1, 'ORDER_COMPLETED', '" + LEGACY_ORDER
                        + "', TIMESTAMP WITH TIME ZONE '2026-11-24 10:15:30.123+00')",
                "INSERT INTO relay_dead_letters (id, consumer, event_id, status, response, created_at) "
                        + "VALUES (1, 'dataplatform', 1, 422, 'refused', TIMESTAMP WITH TIME ZONE '2026-11-24 10:16:00+00')");

        PersistenceAdapter adapter = db().start(UnaryOperator.identity());

        OrderEvent legacy = new OrderEvent(OrderEventType.ORDER_COMPLETED,
                OrderEventJson.readOrder(OrderEventJson.parse(LEGACY_ORDER)), OCCURRED);
        String body = OrderEventJson.write(1, legacy);
        List<PublishedEvent> read = adapter.transactions().readOnly(() -> adapter.relayPorts().feed().readAfter(RelayPosition.START, 10));
        assertThat(read).singleElement().satisfies(event -> {
            assertThat(event.body()).isEqualTo(body).startsWith("{\"eventId\":1,\"type\":\"ORDER_COMPLETED\",\"occurredAt\":\"2026-11-24T10:15:30.123Z\",\"order\":{\"orderId\":1,");
            assertThat(adapter.relayPorts().feed().decode(event)).isEqualTo(legacy);
        });
        execute("DELETE FROM order_events WHERE id = 1", "UPDATE product_stocks SET quantity = 3000000000 WHERE product_id = 1");
        assertThat(db().queryValue("SELECT body FROM relay_dead_letters WHERE id = 1")).as("the letter outlives its event").contains(body);
        assertThat(db().queryValue("SELECT event_type FROM relay_dead_letters WHERE id = 1")).contains("ORDER_COMPLETED");
        assertThat(db().queryLong("SELECT order_id FROM relay_dead_letters WHERE id = 1")).isEqualTo(1);
        assertThat(db().queryLong("SELECT quantity FROM product_stocks WHERE product_id = 1")).isEqualTo(3_000_000_000L);
    }

    /** Schema 5 on PostgreSQL (Quartz's tables), 4 on H2 (which has no 5). */
    private void migrateToThePreviousRelease() {
        Vendor vendor = Vendor.of(db().settings().jdbcUrl());
        String version = vendor == Vendor.POSTGRESQL ? "5" : "4";
        Flyway.configure()
                .dataSource(Vendor.effectiveUrl(db().settings().jdbcUrl()), db().settings().user(), db().settings().password())
                .locations(vendor.migrationLocations())
                .target(version)
                .load()
                .migrate();
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Vendor.effectiveUrl(db().settings().jdbcUrl()), db().settings().user(),
                db().settings().password()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
