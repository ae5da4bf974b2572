package dev.orderengine.application.inmemory;

import dev.orderengine.application.relay.OrderEventFeed;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import java.util.List;
import java.util.Optional;

/**
 * {@link OrderEventFeed} over the in-memory outbox. Transactions run one at a time, so id order is commit
 * order and every event's position is {@code (id, id)}: gap-safe by construction.
 */
final class InMemoryOrderEventFeed implements OrderEventFeed {

    private final InMemoryOrderEvents events;

    InMemoryOrderEventFeed(InMemoryOrderEvents events) {
        this.events = events;
    }

    @Override
    public List<PublishedEvent> readAfter(RelayPosition position, int limit) {
        return events.all().entrySet().stream()
                .filter(entry -> positionOf(entry.getKey()).compareTo(position) > 0)
                .limit(limit)
                .map(entry -> new PublishedEvent(entry.getKey(), positionOf(entry.getKey()), entry.getValue()))
                .toList();
    }

    @Override
    public long countAfter(RelayPosition position) {
        return events.all().keySet().stream().filter(id -> positionOf(id).compareTo(position) > 0).count();
    }

    @Override
    public Optional<RelayPosition> positionBefore(long eventId) {
        return events.all().containsKey(eventId) ? Optional.of(positionOf(eventId - 1)) : Optional.empty();
    }

    private static RelayPosition positionOf(long eventId) {
        return new RelayPosition(eventId, eventId);
    }
}
