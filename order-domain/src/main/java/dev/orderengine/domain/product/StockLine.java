package dev.orderengine.domain.product;

import java.util.Objects;

/** A quantity of one product to take from or give back to stock. */
public record StockLine(ProductId productId, int quantity) {

    public StockLine {
        Objects.requireNonNull(productId, "productId");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }
}
