package dev.orderengine.application.order;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.RejectedException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The stock a new order allocates: checked when the order allocates it, taken by {@link #take} later in the same
 * transaction, as its last write (after the order's event too: on H2 the outbox writers' lock is taken before stock by
 * every use case that takes both, so the two cannot deadlock). A stock row is locked from the statement that takes it to
 * the commit, and the rows of a popular product are the most contended of all: taken last, each order holds them for
 * one statement and the commit rather than for the whole payment. The check (a plain read) keeps the refusals of a
 * sold-out product as cheap as before: nothing is written or locked for them. The take still decides: when another
 * transaction took the last units in between, it refuses with {@code OUT_OF_STOCK} and the whole transaction rolls
 * back, as if the check had refused.
 *
 * <p>Only {@link #reserve} is supported: an order's allocation calls nothing else.
 */
final class DeferredStock implements StockReservations {

    private final StockReservations stock;
    private List<StockLine> pending = List.of();

    DeferredStock(StockReservations stock) {
        this.stock = stock;
    }

    /** Checks that every line is available now and keeps the lines for {@link #take}. */
    @Override
    public void reserve(List<StockLine> lines) {
        Map<ProductId, Long> available = stock.available(lines.stream().map(StockLine::productId).toList());
        for (StockLine line : lines) {
            Long quantity = available.get(line.productId());
            if (quantity == null) {
                throw new NotFoundException(ErrorCode.PRODUCT_NOT_FOUND, "product " + line.productId() + " has no stock record");
            }
            if (quantity < line.quantity()) {
                throw new RejectedException(ErrorCode.OUT_OF_STOCK,
                        "product " + line.productId() + " is out of stock: " + line.quantity() + " wanted, " + quantity + " available");
            }
        }
        pending = List.copyOf(lines);
    }

    /** Takes the lines checked by {@link #reserve}; refuses as {@link StockReservations#reserve} does. */
    void take() {
        List<StockLine> lines = pending;
        pending = List.of();
        if (!lines.isEmpty()) {
            stock.reserve(lines);
        }
    }

    @Override
    public void release(List<StockLine> lines) {
        throw new UnsupportedOperationException("an order's allocation only reserves");
    }

    @Override
    public void set(ProductId productId, int quantity) {
        throw new UnsupportedOperationException("an order's allocation only reserves");
    }

    @Override
    public Map<ProductId, Long> available(Collection<ProductId> productIds) {
        throw new UnsupportedOperationException("an order's allocation only reserves");
    }
}
