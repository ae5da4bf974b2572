package dev.orderengine.domain.order;

import dev.orderengine.domain.shared.OrderId;
import java.time.Instant;
import java.util.Objects;

/** Something that happened to an order, with the order as it was right then. */
public record OrderEvent(OrderEventType type, OrderSnapshot snapshot, Instant occurredAt) {

    public OrderEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The event of a just-completed order. */
    public static OrderEvent completed(Order order, Instant now) {
        if (order.status() != OrderStatus.COMPLETED) {
            throw new IllegalStateException("order " + order.id() + " is " + order.status() + ", not COMPLETED");
        }
        return new OrderEvent(OrderEventType.ORDER_COMPLETED, order.snapshot(), now);
    }

    public OrderId orderId() {
        return snapshot.orderId();
    }
}
