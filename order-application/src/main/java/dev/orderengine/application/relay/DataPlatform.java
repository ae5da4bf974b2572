package dev.orderengine.application.relay;

import java.util.List;

/**
 * The external data platform that receives completed orders. Implementations send each event with its
 * id as idempotency key, so the receiver can drop repeats; they may send several at once.
 */
public interface DataPlatform {

    /**
     * Offers the events in relay order.
     *
     * @return one {@link Delivery} per event, in the same order; never throws for a failed send
     */
    List<Delivery> deliver(List<PublishedEvent> events);
}
