package dev.orderengine.application.inmemory;

import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEvents;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link OrderEvents} in memory. Ids come from a counter that, like a database sequence, is not rolled back:
 * a rolled-back append leaves a gap. Transactions are serialised, so id order is also commit order here.
 */
final class InMemoryOrderEvents implements OrderEvents {

    private final AtomicLong ids = new AtomicLong();
    private final Table<Long, OrderEvent> events;

    InMemoryOrderEvents(TransactionScope scope) {
        this.events = new Table<>(scope, new TreeMap<>());
    }

    @Override
    public long append(OrderEvent event) {
        Objects.requireNonNull(event, "event");
        long id = ids.incrementAndGet();
        events.put(id, event);
        return id;
    }

    /** Every stored event by id, ascending. */
    Map<Long, OrderEvent> all() {
        return events.copy();
    }

    void delete(long id) {
        events.remove(id);
    }

    /**
     * The body the in-memory outbox hands to a data platform. Only a stand-in naming the event: the contract's JSON is
     * the storage adapter's to write, and nothing in the application reads a body.
     */
    static String body(long id, OrderEvent event) {
        return "{\"eventId\":" + id + ",\"type\":\"" + event.type() + "\",\"orderId\":" + event.orderId() + "}";
    }
}
