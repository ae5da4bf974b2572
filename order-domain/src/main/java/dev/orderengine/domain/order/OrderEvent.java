package dev.orderengine.domain.order;

import dev.orderengine.domain.shared.OrderId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to an order, with the order as it was right then; an {@code ORDER_REFUNDED} event also
 * carries the refund it was about.
 */
public record OrderEvent(OrderEventType type, OrderSnapshot snapshot, Instant occurredAt, Optional<Refund> refund) {

    public OrderEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(refund, "refund");
        if (refund.isPresent() != (type == OrderEventType.ORDER_REFUNDED)) {
            throw new IllegalArgumentException("a refund goes with, and only with, an " + OrderEventType.ORDER_REFUNDED + " event");
        }
    }

    /** An event without a refund. */
    public OrderEvent(OrderEventType type, OrderSnapshot snapshot, Instant occurredAt) {
        this(type, snapshot, occurredAt, Optional.empty());
    }

    /** The event of a just-completed order. */
    public static OrderEvent completed(Order order, Instant now) {
        if (order.status() != OrderStatus.COMPLETED) {
            throw new IllegalStateException("order " + order.id() + " is " + order.status() + ", not COMPLETED");
        }
        return new OrderEvent(OrderEventType.ORDER_COMPLETED, order.snapshot(), now);
    }

    /** The event of {@code refund} just made on {@code order}: the order as it is after it. */
    public static OrderEvent refunded(Order order, Refund refund, Instant now) {
        if (!order.refunds().contains(refund)) {
            throw new IllegalArgumentException("refund " + refund.id() + " is not one of order " + order.id());
        }
        return new OrderEvent(OrderEventType.ORDER_REFUNDED, order.snapshot(), now, Optional.of(refund));
    }

    public OrderId orderId() {
        return snapshot.orderId();
    }
}
