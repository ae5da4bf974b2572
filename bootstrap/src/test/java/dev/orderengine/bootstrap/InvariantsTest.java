package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The invariant checks the fault tests rely on hold after real orders and catch a broken row, on both databases. */
class InvariantsTest {

    @RegisterExtension
    static final TestDatabase H2 = TestDatabase.h2();

    @RegisterExtension
    static final TestDatabase POSTGRESQL = TestDatabase.postgresql();

    @TempDir
    Path dataDir;

    @Test
    void hold_after_orders_on_h2_and_catch_tampering() throws Exception {
        holdAndCatchTampering(H2);
    }

    @Test
    void hold_after_orders_on_postgresql_and_catch_tampering() throws Exception {
        holdAndCatchTampering(POSTGRESQL);
    }

    private void holdAndCatchTampering(TestDatabase db) throws Exception {
        long product;
        try (OrderServer server = OrderServer.start(ServerConfig.from(OrderServerIntegrationTest.settings(db,
                "ORDERS_HTTP_PORT", "0", "ORDERS_ADMIN_TOKEN", "invariants-test-admin-token", "ORDERS_RELAY_INTERVAL", "1h")),
                dataDir, Clock.systemUTC())) {
            Api api = Api.at(server.port(), "invariants-test-admin-token");
            product = api.listProduct("Tea", 1_000, 10);
            long user = api.registerUser("Ann");
            api.charge(user, 10_000);
            long source = api.openCouponSource("Welcome", 500, 5);
            long coupon = api.issueCoupon(source, user);
            long refunded = api.placeOrder(user, product, 2, coupon).get("id").asLong();
            long partly = api.placeOrder(user, product, 3, null).get("id").asLong();
            api.placeOrder(user, product, 1, null);
            api.refund(refunded, "{\"items\": [{\"productId\": " + product + ", \"quantity\": 1}]}");
            api.refund(refunded, "{\"restock\": false}");
            api.refund(partly, "{\"items\": [{\"productId\": " + product + ", \"quantity\": 1}]}");
            api.placeOrder(user, product, 1, coupon);
        }
        Map<Long, Integer> initialStock = Map.of(product, 10);
        try (Connection connection = db.adapter().dataSource().getConnection()) {
            Invariants.assertHold(connection, initialStock);

            connection.createStatement().executeUpdate("UPDATE product_stocks SET quantity = quantity - 1 WHERE product_id = " + product);
            connection.createStatement().executeUpdate("UPDATE balances SET amount = amount + 1");
            connection.createStatement().executeUpdate("UPDATE orders SET coupon_id = NULL");
            connection.createStatement().executeUpdate("DELETE FROM order_events WHERE type = 'ORDER_REFUNDED' AND id = "
                    + "(SELECT max(id) FROM order_events WHERE type = 'ORDER_REFUNDED')");
            connection.createStatement().executeUpdate("UPDATE order_refunds SET amount = amount + 1 WHERE id = (SELECT min(id) FROM order_refunds)");
            connection.createStatement().executeUpdate("UPDATE order_products SET refunded_quantity = 2 WHERE refunded_quantity = 1");
            Map<String, Long> violations = Invariants.violations(connection, initialStock);
            connection.rollback();

            assertThat(violations.entrySet().stream().filter(check -> check.getValue() > 0).map(Map.Entry::getKey))
                    .as("the checks that caught the tampered rows").containsExactlyInAnyOrder("units taken from stock == units held by orders + units refunded without restock",
                            "balance never negative, == charges + restores - succeeded payments, uses == payments, restores == refunds",
                            "one ORDER_REFUNDED event per refund",
                            "the refunds of an order add up to at most its total, to exactly its total once wholly refunded",
                            "the units refunded of each order line == the units of its refunds, every unit once refunded",
                            "a used coupon belongs to the user of its paid order not wholly refunded");
        }
    }
}
