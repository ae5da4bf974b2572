package dev.orderengine.domain.shared;

/** Identity of an order: a positive integer. */
public record OrderId(long value) {

    public OrderId {
        InvalidInputException.require(value > 0, "orderId", "must be a positive integer");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
