package dev.orderengine.domain.coupon;

import java.util.Optional;

/** Storage of coupon campaigns. Implementations join the caller's current transaction and never return null. */
public interface CouponSources {

    /** A fresh identity for a campaign about to be opened; never handed out twice. */
    CouponSourceId nextId();

    void add(CouponSource source);

    Optional<CouponSource> findById(CouponSourceId id);

    /**
     * Reads a campaign and locks it until the current transaction ends, so that concurrent issues of the
     * same campaign (on any node) run one after the other and never hand out more than {@code totalQuantity}.
     */
    Optional<CouponSource> lockById(CouponSourceId id);

    /** Writes back the issued count of a campaign read with {@link #lockById}. */
    void save(CouponSource source);
}
