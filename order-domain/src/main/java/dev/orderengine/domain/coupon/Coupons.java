package dev.orderengine.domain.coupon;

import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.Optional;

/** Storage of issued coupons. Implementations join the caller's current transaction and never return null. */
public interface Coupons {

    /** A fresh identity for a coupon about to be issued; never handed out twice. */
    CouponId nextId();

    /**
     * Stores a newly issued coupon. The storage guarantees at most one coupon per user and campaign,
     * also under concurrent issues: a second one fails with {@code COUPON_ALREADY_ISSUED}
     * ({@link dev.orderengine.domain.shared.RejectedException}), after which the caller rolls back.
     */
    void add(Coupon coupon);

    boolean existsFor(UserId owner, CouponSourceId source);

    Optional<Coupon> findById(CouponId id);

    /**
     * Reads a coupon and locks it until the current transaction ends, so that two orders (on any node)
     * can never both spend it.
     */
    Optional<Coupon> lockById(CouponId id);

    /** Writes back a coupon read with {@link #lockById} after it was used. */
    void save(Coupon coupon);

    /** One page of a user's coupons, newest first ({@code issuedAt}, then id). */
    Page<Coupon> findByOwner(UserId owner, PageRequest page);
}
