package dev.orderengine.application.relay;

import dev.orderengine.domain.order.OrderEventType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event read back from the outbox as the data platform receives it: its id, its place in relay order, the order
 * it concerns, its type, when it happened, and its body exactly as stored, the JSON of SPEC §3. Every transport sends
 * that body unchanged; nothing parses and rebuilds it on the way out. {@code traceparent} is the W3C trace context of
 * the request that stored the event, when it was traced, so that its delivery can join that trace.
 */
public record PublishedEvent(long eventId, RelayPosition position, long orderId, OrderEventType type, Instant occurredAt,
                             String body, Optional<String> traceparent) {

    public PublishedEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(traceparent, "traceparent");
        if (position.eventId() != eventId) {
            throw new IllegalArgumentException("position " + position + " is not that of event " + eventId);
        }
    }

    /** An event stored outside any trace. */
    public PublishedEvent(long eventId, RelayPosition position, long orderId, OrderEventType type, Instant occurredAt, String body) {
        this(eventId, position, orderId, type, occurredAt, body, Optional.empty());
    }
}
