/** Coupon campaigns (sources) that issue a limited number of coupons, and the coupons users spend on orders. */
package dev.orderengine.domain.coupon;
