package dev.orderengine.domain.order;

import dev.orderengine.domain.shared.InvalidInputException;

/** Identity of a {@link Refund}: a positive integer. */
public record RefundId(long value) {

    public RefundId {
        InvalidInputException.require(value > 0, "refundId", "must be a positive integer");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
