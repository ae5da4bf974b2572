package dev.orderengine.domain.order;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.RejectedException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stock kept in a map, honouring the port's all-or-nothing contract within one thread. */
final class InMemoryStockReservations implements StockReservations {

    private final Map<ProductId, Integer> quantities = new HashMap<>();

    @Override
    public void reserve(List<StockLine> lines) {
        for (StockLine line : lines) {
            Integer available = quantities.get(line.productId());
            if (available == null) {
                throw new NotFoundException(ErrorCode.PRODUCT_NOT_FOUND, "product " + line.productId() + " has no stock");
            }
            if (available < line.quantity()) {
                throw new RejectedException(ErrorCode.OUT_OF_STOCK, "product " + line.productId() + " has " + available);
            }
        }
        lines.forEach(line -> quantities.merge(line.productId(), -line.quantity(), Integer::sum));
    }

    @Override
    public void release(List<StockLine> lines) {
        lines.forEach(line -> quantities.merge(line.productId(), line.quantity(), Integer::sum));
    }

    @Override
    public void set(ProductId productId, int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative: " + quantity);
        }
        quantities.put(productId, quantity);
    }

    @Override
    public Map<ProductId, Long> available(Collection<ProductId> productIds) {
        Map<ProductId, Long> found = new HashMap<>();
        productIds.stream().filter(quantities::containsKey).forEach(id -> found.put(id, (long) quantities.get(id)));
        return found;
    }

    int of(long productId) {
        return quantities.get(new ProductId(productId));
    }
}
