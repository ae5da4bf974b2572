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
            long coupon = api.issueCoupon(api.openCouponSource("Welcome", 500, 5), user);
            api.placeOrder(user, product, 2, coupon);
            api.placeOrder(user, product, 1, null);
        }
        Map<Long, Integer> initialStock = Map.of(product, 10);
        try (Connection connection = db.adapter().dataSource().getConnection()) {
            Invariants.assertHold(connection, initialStock);

            connection.createStatement().executeUpdate("UPDATE product_stocks SET quantity = quantity - 1 WHERE product_id = " + product);
            connection.createStatement().executeUpdate("UPDATE balances SET amount = amount + 1");
            connection.createStatement().executeUpdate("UPDATE orders SET coupon_id = NULL");
            Map<String, Long> violations = Invariants.violations(connection, initialStock);
            connection.rollback();

            assertThat(violations.values()).as("%s", violations).filteredOn(count -> count > 0).hasSize(3);
        }
    }
}
