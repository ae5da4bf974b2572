/** Opening coupon campaigns and issuing their coupons first come, first served. */
package dev.orderengine.application.coupon;
