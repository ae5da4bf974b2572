package dev.orderengine.application.inmemory;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.RejectedException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link StockReservations} in memory: one available quantity per product. A reservation checks every line
 * (in ascending product order, the order the database adapter locks in) before it takes anything, so it is
 * all or nothing even without a rollback.
 */
final class InMemoryStock implements StockReservations {

    private final Table<ProductId, Long> available;

    InMemoryStock(TransactionScope scope) {
        this.available = new Table<>(scope, new TreeMap<>(Comparator.comparingLong(ProductId::value)));
    }

    @Override
    public void reserve(List<StockLine> lines) {
        Map<ProductId, Integer> wanted = byProduct(lines);
        wanted.forEach((product, quantity) -> {
            long left = available.find(product).orElseThrow(() ->
                    new NotFoundException(ErrorCode.PRODUCT_NOT_FOUND, "product " + product + " has no stock record"));
            if (left < quantity) {
                throw new RejectedException(ErrorCode.OUT_OF_STOCK,
                        "product " + product + " is out of stock: " + quantity + " wanted, " + left + " available");
            }
        });
        wanted.forEach((product, quantity) -> available.put(product, available.existing(product, "stock of product") - quantity));
    }

    @Override
    public void release(List<StockLine> lines) {
        byProduct(lines).forEach((product, quantity) ->
                available.put(product, Math.addExact(available.existing(product, "stock of product"), (long) quantity)));
    }

    @Override
    public void set(ProductId productId, int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("stock must not be negative: " + quantity);
        }
        available.put(productId, (long) quantity);
    }

    @Override
    public Map<ProductId, Long> available(Collection<ProductId> productIds) {
        Map<ProductId, Long> found = new HashMap<>();
        productIds.forEach(id -> available.find(id).ifPresent(quantity -> found.put(id, quantity)));
        return Map.copyOf(found);
    }

    /** Every product's stock, in id order; for test assertions. */
    Map<ProductId, Long> all() {
        return available.copy();
    }

    private static Map<ProductId, Integer> byProduct(List<StockLine> lines) {
        Map<ProductId, Integer> total = new TreeMap<>(Comparator.comparingLong(ProductId::value));
        lines.forEach(line -> total.merge(line.productId(), line.quantity(), Math::addExact));
        return total;
    }
}
