package dev.orderengine.application.relay;

import dev.orderengine.domain.order.OrderEventType;
import java.time.Instant;
import java.util.Objects;

/**
 * An event read back from the outbox as the data platform receives it: its id, its place in relay order, the order
 * it concerns, its type, when it happened, and its body exactly as stored, the JSON of SPEC §3. Every transport sends
 * that body unchanged; nothing parses and rebuilds it on the way out.
 */
public record PublishedEvent(long eventId, RelayPosition position, long orderId, OrderEventType type, Instant occurredAt,
                             String body) {

    public PublishedEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(body, "body");
        if (position.eventId() != eventId) {
            throw new IllegalArgumentException("position " + position + " is not that of event " + eventId);
        }
    }
}
