package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.RejectedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stock as one row per product, changed only by conditional SQL updates: the database decides who gets the last
 * unit, on any number of nodes. Every call sends its lines in ascending product order as one JDBC batch (one round
 * trip), so row locks are always taken in the same order and concurrent reservations cannot deadlock. Reserving and
 * releasing flush the session's pending writes first: the use cases change stock as their last write, and a stock row
 * is then locked for this one statement and the commit, not for the writes Hibernate would otherwise send after it.
 */
final class JdbcStockReservations implements StockReservations {

    private static final String TAKE = "UPDATE product_stocks SET quantity = quantity - ? WHERE product_id = ? AND quantity >= ?";
    private static final String GIVE_BACK = "UPDATE product_stocks SET quantity = quantity + ? WHERE product_id = ?";
    private static final String QUANTITY = "SELECT quantity FROM product_stocks WHERE product_id = ?";

    private final SessionScope scope;
    private final Vendor vendor;

    JdbcStockReservations(SessionScope scope, Vendor vendor) {
        this.scope = scope;
        this.vendor = vendor;
    }

    @Override
    public void reserve(List<StockLine> lines) {
        Map<Long, Integer> wanted = byProduct(lines);
        if (wanted.isEmpty()) {
            return;
        }
        scope.jdbcAfterFlush(connection -> {
            int[] taken = update(connection, TAKE, wanted, true);
            List<Long> products = new ArrayList<>(wanted.keySet());
            for (int i = 0; i < taken.length; i++) {
                if (taken[i] == 0) {
                    giveBackWhatWasTaken(connection, products, taken, wanted);
                    throw shortage(connection, products.get(i), wanted.get(products.get(i)));
                }
            }
            return null;
        });
    }

    @Override
    public void release(List<StockLine> lines) {
        Map<Long, Integer> returned = byProduct(lines);
        if (returned.isEmpty()) {
            return;
        }
        scope.jdbcAfterFlush(connection -> {
            int[] updated = update(connection, GIVE_BACK, returned, false);
            List<Long> products = new ArrayList<>(returned.keySet());
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    throw new IllegalStateException("product " + products.get(i) + " has no stock record to give stock back to");
                }
            }
            return null;
        });
    }

    @Override
    public void set(ProductId productId, int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("stock must not be negative: " + quantity);
        }
        // The product may have been added in this very transaction: its row must exist before the stock row.
        scope.jdbcAfterFlush(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(vendor.upsertStockSql())) {
                statement.setLong(1, productId.value());
                statement.setInt(2, quantity);
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Map<ProductId, Long> available(Collection<ProductId> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = productIds.stream().map(ProductId::value).distinct().toList();
        String sql = "SELECT product_id, quantity FROM product_stocks WHERE product_id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        return scope.jdbc(connection -> {
            Map<ProductId, Long> found = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < ids.size(); i++) {
                    statement.setLong(i + 1, ids.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.put(new ProductId(rows.getLong(1)), rows.getLong(2));
                    }
                }
            }
            return Map.copyOf(found);
        });
    }

    /** One statement per product in ascending id order, sent as one batch; the rows each one changed. */
    private static int[] update(Connection connection, String sql, Map<Long, Integer> quantities, boolean conditional) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Map.Entry<Long, Integer> line : quantities.entrySet()) {
                statement.setInt(1, line.getValue());
                statement.setLong(2, line.getKey());
                if (conditional) {
                    statement.setInt(3, line.getValue());
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    /** Keeps a refused reservation all or nothing even if the caller forgets to roll back. */
    private static void giveBackWhatWasTaken(Connection connection, List<Long> products, int[] taken, Map<Long, Integer> wanted) throws SQLException {
        Map<Long, Integer> toReturn = new TreeMap<>();
        for (int i = 0; i < taken.length; i++) {
            if (taken[i] > 0) {
                toReturn.put(products.get(i), wanted.get(products.get(i)));
            }
        }
        if (!toReturn.isEmpty()) {
            update(connection, GIVE_BACK, toReturn, false);
        }
    }

    private static RuntimeException shortage(Connection connection, long productId, int wanted) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUANTITY)) {
            statement.setLong(1, productId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return new NotFoundException(ErrorCode.PRODUCT_NOT_FOUND, "product " + productId + " has no stock record");
                }
                return new RejectedException(ErrorCode.OUT_OF_STOCK,
                        "product " + productId + " is out of stock: " + wanted + " wanted, " + row.getLong(1) + " available");
            }
        }
    }

    private static Map<Long, Integer> byProduct(List<StockLine> lines) {
        Map<Long, Integer> total = new TreeMap<>();
        lines.forEach(line -> total.merge(line.productId().value(), line.quantity(), Math::addExact));
        return total;
    }
}
