package dev.orderengine.domain.shared;

/**
 * The error codes of the product specification that the domain and the use cases can raise.
 * Adapters map each code to their own protocol (the REST adapter to an HTTP status).
 */
public enum ErrorCode {
    /** Input that breaks a rule of shape or range; the detail names the field. */
    VALIDATION_FAILED,
    USER_NOT_FOUND,
    PRODUCT_NOT_FOUND,
    ORDER_NOT_FOUND,
    COUPON_NOT_FOUND,
    COUPON_SOURCE_NOT_FOUND,
    /** Some other thing the request names does not exist. */
    NOT_FOUND,
    OUT_OF_STOCK,
    PRODUCT_NOT_ON_SALE,
    USER_INACTIVE,
    INSUFFICIENT_BALANCE,
    COUPON_ALREADY_USED,
    COUPON_EXPIRED,
    COUPON_NOT_OWNED,
    COUPON_SOLD_OUT,
    COUPON_ALREADY_ISSUED,
    ORDER_NOT_PAYABLE,
    ORDER_NOT_CANCELLABLE,
    ORDER_NOT_OWNED,
    /** Only a paid order that is not wholly refunded can be refunded. */
    ORDER_NOT_REFUNDABLE,
    /** A refund names a product the order does not have, or more units than are left to refund. */
    REFUND_EXCEEDS_ORDER,
    IDEMPOTENCY_KEY_IN_USE,
    IDEMPOTENCY_KEY_REUSED
}
