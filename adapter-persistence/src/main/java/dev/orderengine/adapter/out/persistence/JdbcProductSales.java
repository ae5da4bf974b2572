package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.relay.DailySale;
import dev.orderengine.application.relay.PopularProduct;
import dev.orderengine.application.relay.ProductSales;
import dev.orderengine.domain.product.ProductId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Units sold per product and day in {@code product_sales_daily}, added to (and taken off, for refunds) with one batched
 * MERGE (standard SQL on both databases). A total that would reach 0 or less is deleted instead, so the table's
 * {@code CHECK (quantity > 0)} holds and a day whose net is 0 drops out.
 */
final class JdbcProductSales implements ProductSales {

    private static final String ADD = "MERGE INTO product_sales_daily s "
            + "USING (VALUES (CAST(? AS DATE), CAST(? AS BIGINT), CAST(? AS BIGINT))) n (sales_day, product_id, quantity) "
            + "ON s.sales_day = n.sales_day AND s.product_id = n.product_id "
            + "WHEN MATCHED AND s.quantity + n.quantity <= 0 THEN DELETE "
            + "WHEN MATCHED THEN UPDATE SET quantity = s.quantity + n.quantity "
            + "WHEN NOT MATCHED AND n.quantity > 0 THEN INSERT (sales_day, product_id, quantity) VALUES (n.sales_day, n.product_id, n.quantity)";
    private static final String TOP = "SELECT s.product_id, p.name, SUM(s.quantity) AS sold FROM product_sales_daily s "
            + "JOIN products p ON p.id = s.product_id WHERE s.sales_day BETWEEN ? AND ? "
            + "GROUP BY s.product_id, p.name ORDER BY sold DESC, s.product_id LIMIT ?";

    private final SessionScope scope;

    JdbcProductSales(SessionScope scope) {
        this.scope = scope;
    }

    @Override
    public void add(Collection<DailySale> sales) {
        if (sales.isEmpty()) {
            return;
        }
        // a fixed order of rows keeps concurrent batches (a replayed node, a test) from deadlocking
        List<DailySale> ordered = sales.stream()
                .sorted(Comparator.comparing(DailySale::day).thenComparing(sale -> sale.productId().value()))
                .toList();
        scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(ADD)) {
                for (DailySale sale : ordered) {
                    statement.setObject(1, sale.day());
                    statement.setLong(2, sale.productId().value());
                    statement.setLong(3, sale.quantity());
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    @Override
    public List<PopularProduct> top(LocalDate from, LocalDate to, int limit) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(TOP)) {
                statement.setObject(1, from);
                statement.setObject(2, to);
                statement.setInt(3, limit);
                List<PopularProduct> top = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        top.add(new PopularProduct(new ProductId(rows.getLong(1)), rows.getString(2), rows.getLong(3)));
                    }
                }
                return top;
            }
        });
    }
}
