package dev.orderengine.adapter.in.rest;

import java.util.List;
import java.util.Objects;

/**
 * The best sellers behind {@code GET /api/v1/products/popular}. The REST adapter checks the ranges first
 * (days 1 to {@value #MAX_DAYS}, limit 1 to {@value #MAX_LIMIT}). Implementations may throw any
 * {@link dev.orderengine.domain.shared.DomainException} or
 * {@link dev.orderengine.application.port.StorageUnavailableException}; both become problem responses.
 */
@FunctionalInterface
public interface PopularProducts {

    int MAX_DAYS = 30;
    int MAX_LIMIT = 100;

    /** At most {@code limit} products sold in the last {@code days} days (today included), best first. */
    List<PopularProduct> popular(int days, int limit);

    /** A product and the units of it sold over the period. */
    record PopularProduct(long productId, String name, long quantitySold) {

        public PopularProduct {
            Objects.requireNonNull(name, "name");
        }
    }
}
