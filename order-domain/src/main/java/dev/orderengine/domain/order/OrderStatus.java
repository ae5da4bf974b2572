package dev.orderengine.domain.order;

/**
 * Where an order is in its life: {@code READY → STOCK_ALLOCATED → COMPLETED}, or {@code → CANCELLED} before completion;
 * after completion, refunds take it to {@code PARTIALLY_REFUNDED} and, once every unit is refunded, {@code REFUNDED}.
 */
public enum OrderStatus {
    /** Created, no stock taken yet. Lives only inside the placing transaction. */
    READY,
    /** Stock for every line is held and prices are fixed; waiting for payment until the reservation expires. */
    STOCK_ALLOCATED,
    /** Paid. A completed-order event was stored with it. Refundable. */
    COMPLETED,
    /** Cancelled or expired before payment; its stock went back. Final: never payable again. */
    CANCELLED,
    /** Paid, and some of its units refunded; the rest may still be. */
    PARTIALLY_REFUNDED,
    /** Paid, and every unit refunded; its coupon is free again. Final. */
    REFUNDED;

    /** Whether a refund may take units of an order in this status. */
    public boolean isRefundable() {
        return this == COMPLETED || this == PARTIALLY_REFUNDED;
    }

    /** Whether an order in this status has had at least one refund. */
    public boolean hasRefunds() {
        return this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
