package dev.orderengine.domain.order;

import dev.orderengine.domain.shared.InvalidInputException;

/** Identity of an {@link Order}: a positive integer. */
public record OrderId(long value) {

    public OrderId {
        InvalidInputException.require(value > 0, "orderId", "must be a positive integer");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
