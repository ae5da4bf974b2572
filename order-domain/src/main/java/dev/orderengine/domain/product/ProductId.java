package dev.orderengine.domain.product;

import dev.orderengine.domain.shared.InvalidInputException;

/** Identity of a {@link Product}: a positive integer. */
public record ProductId(long value) {

    public ProductId {
        InvalidInputException.require(value > 0, "productId", "must be a positive integer");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
