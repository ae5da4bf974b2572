package dev.orderengine.domain.product;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The stock of every product: what orders take and what cancelled orders give back.
 *
 * <p>Concurrency contract: {@link #reserve} is atomic per call and correct across threads and
 * server nodes (the database decides, not a JVM lock): the stock of a product never goes below zero,
 * and two reservations never take the same unit. Implementations take row locks in ascending product
 * order so that concurrent multi-line reservations cannot deadlock, and hold them only until the
 * caller's transaction ends. Every method joins the caller's current transaction, so a rollback gives
 * everything back.
 */
public interface StockReservations {

    /**
     * Takes every line or nothing.
     *
     * @throws dev.orderengine.domain.shared.RejectedException {@code OUT_OF_STOCK} naming the first
     *         product that has too little; the caller must then roll back its transaction
     * @throws dev.orderengine.domain.shared.NotFoundException {@code PRODUCT_NOT_FOUND} when a product has no stock record
     */
    void reserve(List<StockLine> lines);

    /** Gives the lines back to stock (an unpaid order was cancelled or expired, or units of a paid one were refunded). */
    void release(List<StockLine> lines);

    /**
     * Sets the available quantity of a product (0 to {@link Product#MAX_STOCK}), creating its stock record on first use.
     * Stock given back later may pass that bound by what orders held; storage keeps quantities as 64-bit integers.
     */
    void set(ProductId productId, int quantity);

    /** The available quantity of each of the given products that has a stock record. */
    Map<ProductId, Long> available(Collection<ProductId> productIds);
}
