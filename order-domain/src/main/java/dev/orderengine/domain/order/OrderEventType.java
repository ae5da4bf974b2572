package dev.orderengine.domain.order;

/** Kinds of order events kept in the outbox. */
public enum OrderEventType {
    /** An order was paid and completed; feeds the data platform and the sales statistics. */
    ORDER_COMPLETED,
    /** Units of a paid order were refunded; the event carries the order after the refund, and the refund. */
    ORDER_REFUNDED
}
