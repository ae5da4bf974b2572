package dev.orderengine.domain.coupon;

import dev.orderengine.domain.shared.InvalidInputException;

/** Identity of a {@link Coupon}: a positive integer. */
public record CouponId(long value) {

    public CouponId {
        InvalidInputException.require(value > 0, "couponId", "must be a positive integer");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
