package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The promises of the order flow, checked in the database after a test has put load or faults on a server:
 * each check counts its violations, and every count must be zero. Plain SQL that runs on H2 and PostgreSQL,
 * the same checks as {@code bench/sql/invariants.sql}.
 */
final class Invariants {

    private static final Map<String, String> CHECKS = new LinkedHashMap<>();

    /** The statuses of an order that was paid: completed, and maybe refunded since. */
    private static final String PAID = "('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')";

    static {
        CHECKS.put("stock never negative", "SELECT count(*) FROM product_stocks WHERE quantity < 0");
        CHECKS.put("balance never negative, == charges + restores - succeeded payments, uses == payments, restores == refunds", """
                SELECT count(*) FROM balances b
                LEFT JOIN (SELECT user_id,
                                  sum(CASE WHEN type = 'CHARGE' THEN amount ELSE 0 END) AS charged,
                                  sum(CASE WHEN type = 'RESTORE' THEN amount ELSE 0 END) AS restored,
                                  sum(CASE WHEN type = 'USE' THEN amount ELSE 0 END) AS used
                           FROM balance_history GROUP BY user_id) h ON h.user_id = b.user_id
                LEFT JOIN (SELECT user_id, sum(amount) AS paid FROM payments WHERE status = 'SUCCEEDED' GROUP BY user_id) p
                       ON p.user_id = b.user_id
                LEFT JOIN (SELECT o.user_id, sum(r.amount) AS refunded FROM order_refunds r JOIN orders o ON o.id = r.order_id
                           GROUP BY o.user_id) r ON r.user_id = b.user_id
                WHERE b.amount < 0
                   OR b.amount <> coalesce(h.charged, 0) + coalesce(h.restored, 0) - coalesce(p.paid, 0)
                   OR coalesce(h.used, 0) <> coalesce(p.paid, 0)
                   OR coalesce(h.restored, 0) <> coalesce(r.refunded, 0)""");
        CHECKS.put("one ORDER_COMPLETED event per paid order, none for others", """
                SELECT count(*) FROM orders o
                LEFT JOIN (SELECT order_id, count(*) AS n FROM order_events WHERE type = 'ORDER_COMPLETED' GROUP BY order_id) e
                       ON e.order_id = o.id
                WHERE (o.status IN %1$s AND coalesce(e.n, 0) <> 1) OR (o.status NOT IN %1$s AND coalesce(e.n, 0) <> 0)"""
                .formatted(PAID));
        CHECKS.put("one ORDER_REFUNDED event per refund", """
                SELECT count(*) FROM orders o
                LEFT JOIN (SELECT order_id, count(*) AS n FROM order_events WHERE type = 'ORDER_REFUNDED' GROUP BY order_id) e
                       ON e.order_id = o.id
                LEFT JOIN (SELECT order_id, count(*) AS n FROM order_refunds GROUP BY order_id) r ON r.order_id = o.id
                WHERE coalesce(e.n, 0) <> coalesce(r.n, 0)""");
        CHECKS.put("at most one succeeded payment per order", """
                SELECT count(*) FROM (SELECT order_id FROM payments WHERE status = 'SUCCEEDED'
                                      GROUP BY order_id HAVING count(*) > 1) x""");
        CHECKS.put("a paid order points at its succeeded payment of its total, no other order has one", """
                SELECT count(*) FROM orders o LEFT JOIN payments p ON p.id = o.payment_id
                WHERE (o.status IN %1$s AND (p.id IS NULL OR p.status <> 'SUCCEEDED' OR p.order_id <> o.id
                                             OR p.amount <> o.total_amount))
                   OR (o.status NOT IN %1$s AND EXISTS (SELECT 1 FROM payments q WHERE q.order_id = o.id AND q.status = 'SUCCEEDED'))"""
                .formatted(PAID));
        CHECKS.put("the refunds of an order add up to at most its total, to exactly its total once wholly refunded", """
                SELECT count(*) FROM orders o JOIN (SELECT order_id, sum(amount) AS refunded FROM order_refunds GROUP BY order_id) r
                       ON r.order_id = o.id
                WHERE o.status NOT IN ('PARTIALLY_REFUNDED', 'REFUNDED') OR r.refunded > o.total_amount
                   OR (o.status = 'REFUNDED' AND r.refunded <> o.total_amount)""");
        CHECKS.put("the units refunded of each order line == the units of its refunds, every unit once refunded", """
                SELECT count(*) FROM order_products l JOIN orders o ON o.id = l.order_id
                LEFT JOIN (SELECT r.order_id, rl.product_id, sum(rl.quantity) AS n FROM order_refund_lines rl
                           JOIN order_refunds r ON r.id = rl.refund_id GROUP BY r.order_id, rl.product_id) r
                       ON r.order_id = l.order_id AND r.product_id = l.product_id
                WHERE l.refunded_quantity <> coalesce(r.n, 0) OR (o.status = 'REFUNDED' AND l.refunded_quantity <> l.quantity)""");
        CHECKS.put("a coupon of a paid order not wholly refunded is marked used by it", """
                SELECT count(*) FROM orders o JOIN coupons c ON c.id = o.coupon_id
                WHERE o.status IN ('COMPLETED', 'PARTIALLY_REFUNDED') AND (c.used_order_id IS NULL OR c.used_order_id <> o.id)""");
        CHECKS.put("a used coupon belongs to the user of its paid order not wholly refunded", """
                SELECT count(*) FROM coupons c LEFT JOIN orders o ON o.id = c.used_order_id
                WHERE c.used_order_id IS NOT NULL AND (o.id IS NULL OR o.status NOT IN ('COMPLETED', 'PARTIALLY_REFUNDED')
                                                      OR o.user_id <> c.user_id OR o.coupon_id IS NULL OR o.coupon_id <> c.id)""");
    }

    private Invariants() {
    }

    /**
     * Counts the violations of every check, plus, per product of {@code initialStock} (product id to the
     * stock it was listed with, never changed since), units taken from stock that are not still held by an order
     * (allocated, or paid and not refunded) or refunded without going back to stock.
     */
    static Map<String, Long> violations(Connection connection, Map<Long, Integer> initialStock) throws SQLException {
        Map<String, Long> violations = new LinkedHashMap<>();
        for (Map.Entry<String, String> check : CHECKS.entrySet()) {
            violations.put(check.getKey(), count(connection, check.getValue()));
        }
        long stockMismatches = 0;
        for (Map.Entry<Long, Integer> product : initialStock.entrySet()) {
            long left = count(connection, "SELECT quantity FROM product_stocks WHERE product_id = " + product.getKey());
            long held = count(connection, """
                    SELECT coalesce(sum(l.quantity - l.refunded_quantity), 0) FROM order_products l JOIN orders o ON o.id = l.order_id
                    WHERE l.product_id = %d AND o.status IN ('STOCK_ALLOCATED', 'COMPLETED', 'PARTIALLY_REFUNDED')"""
                    .formatted(product.getKey()));
            long notRestocked = count(connection, """
                    SELECT coalesce(sum(rl.quantity), 0) FROM order_refund_lines rl JOIN order_refunds r ON r.id = rl.refund_id
                    WHERE rl.product_id = %d AND NOT r.restock""".formatted(product.getKey()));
            if (product.getValue() - left != held + notRestocked) {
                stockMismatches++;
            }
        }
        violations.put("units taken from stock == units held by orders + units refunded without restock", stockMismatches);
        return violations;
    }

    /** Asserts that no check finds a violation, naming the ones that do. */
    static void assertHold(Connection connection, Map<Long, Integer> initialStock) throws SQLException {
        Map<String, Long> violations = violations(connection, initialStock);
        assertThat(violations).as("invariant violations").allSatisfy((check, count) -> assertThat(count).as(check).isZero());
    }

    /** The same, over a connection of its own to {@code jdbcUrl}. */
    static void assertHold(String jdbcUrl, String user, String password, Map<Long, Integer> initialStock) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            assertHold(connection, initialStock);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            return rows.getLong(1);
        }
    }
}
