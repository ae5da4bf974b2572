package dev.orderengine.domain.order;

/** Where an order is in its life: {@code READY → STOCK_ALLOCATED → COMPLETED}, or {@code → CANCELLED} before completion. */
public enum OrderStatus {
    /** Created, no stock taken yet. Lives only inside the placing transaction. */
    READY,
    /** Stock for every line is held and prices are fixed; waiting for payment until the reservation expires. */
    STOCK_ALLOCATED,
    /** Paid; final. A completed-order event was stored with it. */
    COMPLETED,
    /** Cancelled or expired before payment; its stock went back. Final: never payable again. */
    CANCELLED
}
