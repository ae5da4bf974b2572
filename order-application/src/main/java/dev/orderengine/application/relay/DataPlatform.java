package dev.orderengine.application.relay;

import java.util.List;

/**
 * The external data platform that receives the order events (HTTP, Kafka, a file). Implementations send each event's
 * {@link PublishedEvent#body() body} as it is, with its id as idempotency key so the receiver can drop repeats.
 *
 * <p>Contract (SPEC §3): events are offered in relay order. An implementation may send several at once, but never one
 * while an earlier event of the same order is unanswered or was not delivered, and once an answer says
 * {@link Delivery.Retry} it starts no later event; what it had already started still counts, so that an event
 * acknowledged after a failed one is not sent again ({@link SendWindow} does all of this for transports that send one
 * event at a time). A send never takes longer than the configured timeout.
 */
public interface DataPlatform {

    /**
     * Offers the events in relay order.
     *
     * @return one {@link Delivery} per event, in the same order; never throws for a failed send
     */
    List<Delivery> deliver(List<PublishedEvent> events);
}
