package dev.orderengine.domain.payment;

/** Outcome of one payment attempt. */
public enum PaymentStatus {
    /** The balance was charged; the order is completed. At most one per order. */
    SUCCEEDED,
    /** Refused (balance, coupon ...); nothing was charged. */
    FAILED
}
