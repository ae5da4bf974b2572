package dev.orderengine.application.order;

import dev.orderengine.domain.order.Refund;
import java.util.Objects;

/** A refund just made (or repeated for the same key), with the order as it is after it. */
public record RefundView(OrderView order, Refund refund) {

    public RefundView {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(refund, "refund");
    }
}
