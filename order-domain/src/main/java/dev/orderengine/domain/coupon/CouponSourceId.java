package dev.orderengine.domain.coupon;

import dev.orderengine.domain.shared.InvalidInputException;

/** Identity of a {@link CouponSource}: a positive integer. */
public record CouponSourceId(long value) {

    public CouponSourceId {
        InvalidInputException.require(value > 0, "couponSourceId", "must be a positive integer");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
