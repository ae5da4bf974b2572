package dev.orderengine.application.coupon;

import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponStatus;
import java.time.Instant;

/** A coupon with its status at the time it was read. */
public record CouponView(Coupon coupon, CouponStatus status) {

    public static CouponView at(Coupon coupon, Instant now) {
        return new CouponView(coupon, coupon.statusAt(now));
    }
}
