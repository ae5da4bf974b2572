package dev.orderengine.domain.coupon;

/** What a coupon can still do, as seen at a given instant. */
public enum CouponStatus {
    /** Unused and not yet expired: can take money off one order. */
    AVAILABLE,
    /** Already spent on an order; a coupon is used at most once, ever. */
    USED,
    /** Reached its expiry unused. */
    EXPIRED
}
