package dev.orderengine.application.relay;

import dev.orderengine.domain.order.OrderEvent;
import java.util.Objects;

/** An event read back from the outbox, with its id and its place in relay order. */
public record PublishedEvent(long eventId, RelayPosition position, OrderEvent event) {

    public PublishedEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(event, "event");
        if (position.eventId() != eventId) {
            throw new IllegalArgumentException("position " + position + " is not that of event " + eventId);
        }
    }
}
