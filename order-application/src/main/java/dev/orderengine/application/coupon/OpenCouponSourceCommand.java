package dev.orderengine.application.coupon;

import dev.orderengine.domain.shared.Money;

/** Open a coupon campaign; the values are checked by {@link dev.orderengine.domain.coupon.CouponSource#open}. */
public record OpenCouponSourceCommand(String name, Money discountAmount, int totalQuantity, int validDays) {
}
