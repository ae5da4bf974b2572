package dev.orderengine.domain.order;

/**
 * The outbox of order events. {@link #append} joins the caller's current transaction, so an event is
 * stored if and only if the change it describes commits.
 */
public interface OrderEvents {

    /**
     * Stores an event in the current transaction.
     *
     * @return the event's id, unique and increasing in the order ids were drawn (not necessarily commit order)
     */
    long append(OrderEvent event);
}
