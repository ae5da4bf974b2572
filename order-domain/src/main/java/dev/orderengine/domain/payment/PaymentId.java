package dev.orderengine.domain.payment;

import dev.orderengine.domain.shared.InvalidInputException;

/** Identity of a {@link Payment}: a positive integer. */
public record PaymentId(long value) {

    public PaymentId {
        InvalidInputException.require(value > 0, "paymentId", "must be a positive integer");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
