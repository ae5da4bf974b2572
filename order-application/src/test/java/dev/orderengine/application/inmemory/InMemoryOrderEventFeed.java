package dev.orderengine.application.inmemory;

import dev.orderengine.application.relay.OrderEventFeed;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.order.OrderEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link OrderEventFeed} over the in-memory outbox. Transactions run one at a time, so id order is commit
 * order and every event's position is {@code (id, id)}: gap-safe by construction. Bodies are the stand-ins of
 * {@link InMemoryOrderEvents#body}.
 */
final class InMemoryOrderEventFeed implements OrderEventFeed {

    private final InMemoryOrderEvents events;

    InMemoryOrderEventFeed(InMemoryOrderEvents events) {
        this.events = events;
    }

    @Override
    public List<PublishedEvent> readAfter(RelayPosition position, int limit) {
        return events.all().entrySet().stream()
                .filter(entry -> at(entry.getKey()).compareTo(position) > 0)
                .limit(limit)
                .map(entry -> published(entry.getKey(), entry.getValue()))
                .toList();
    }

    @Override
    public long countAfter(RelayPosition position) {
        return events.all().keySet().stream().filter(id -> at(id).compareTo(position) > 0).count();
    }

    @Override
    public Optional<Instant> firstOccurredAfter(RelayPosition position) {
        return events.all().entrySet().stream()
                .filter(entry -> at(entry.getKey()).compareTo(position) > 0)
                .map(entry -> entry.getValue().occurredAt())
                .findFirst();
    }

    @Override
    public Optional<RelayPosition> positionOf(long eventId) {
        return events.all().containsKey(eventId) ? Optional.of(at(eventId)) : Optional.empty();
    }

    @Override
    public OptionalLong oldestEventId() {
        return events.all().keySet().stream().mapToLong(Long::longValue).min();
    }

    @Override
    public OrderEvent decode(PublishedEvent event) {
        OrderEvent stored = events.all().get(event.eventId());
        if (stored == null) {
            throw new IllegalArgumentException("event " + event.eventId() + " is not stored");
        }
        return stored;
    }

    @Override
    public int deleteUpTo(RelayPosition passedByAll, Instant cutoff, int limit) {
        List<Long> due = events.all().entrySet().stream()
                .filter(entry -> at(entry.getKey()).compareTo(passedByAll) <= 0)
                .filter(entry -> entry.getValue().occurredAt().isBefore(cutoff))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
        due.forEach(events::delete);
        return due.size();
    }

    private static PublishedEvent published(long id, OrderEvent event) {
        return new PublishedEvent(id, at(id), event.orderId().value(), event.type(), event.occurredAt(),
                InMemoryOrderEvents.body(id, event));
    }

    private static RelayPosition at(long eventId) {
        return new RelayPosition(eventId, eventId);
    }
}
