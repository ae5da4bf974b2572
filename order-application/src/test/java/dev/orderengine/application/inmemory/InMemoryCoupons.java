package dev.orderengine.application.inmemory;

import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.UserId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Coupons} in memory, with the unique index on (owner, campaign) that refuses a second coupon with
 * {@code COUPON_ALREADY_ISSUED}. Coupons are mutable, so rows are private copies in and out.
 */
final class InMemoryCoupons implements Coupons {

    private static final Comparator<Coupon> NEWEST_FIRST = Comparator.comparing(Coupon::issuedAt)
            .thenComparingLong(coupon -> coupon.id().value()).reversed();

    private final TransactionScope scope;
    private final AtomicLong ids = new AtomicLong();
    private final Table<CouponId, Coupon> coupons;
    private final Table<Issued, CouponId> issued;

    private record Issued(UserId owner, CouponSourceId source) {
    }

    InMemoryCoupons(TransactionScope scope) {
        this.scope = scope;
        this.coupons = new Table<>(scope, new HashMap<>());
        this.issued = new Table<>(scope, new HashMap<>());
    }

    @Override
    public CouponId nextId() {
        scope.checkOpen();
        return new CouponId(ids.incrementAndGet());
    }

    @Override
    public void add(Coupon coupon) {
        Issued key = new Issued(coupon.ownerId(), coupon.sourceId());
        if (issued.contains(key)) {
            throw new RejectedException(ErrorCode.COUPON_ALREADY_ISSUED,
                    "user " + coupon.ownerId() + " already has a coupon of source " + coupon.sourceId());
        }
        coupons.insert(coupon.id(), copy(coupon), "coupon");
        issued.put(key, coupon.id());
    }

    @Override
    public boolean existsFor(UserId owner, CouponSourceId source) {
        return issued.contains(new Issued(owner, source));
    }

    @Override
    public Optional<Coupon> findById(CouponId id) {
        return coupons.find(id).map(InMemoryCoupons::copy);
    }

    @Override
    public Optional<Coupon> lockById(CouponId id) {
        return findById(id);
    }

    @Override
    public void save(Coupon coupon) {
        coupons.existing(coupon.id(), "coupon");
        coupons.put(coupon.id(), copy(coupon));
    }

    @Override
    public Page<Coupon> findByOwner(UserId owner, PageRequest page) {
        return Page.slice(coupons.rows().stream()
                .filter(coupon -> coupon.ownerId().equals(owner))
                .sorted(NEWEST_FIRST)
                .map(InMemoryCoupons::copy)
                .toList(), page);
    }

    private static Coupon copy(Coupon coupon) {
        return Coupon.restore(coupon.id(), coupon.ownerId(), coupon.sourceId(), coupon.name(), coupon.discountAmount(),
                coupon.expiresAt(), coupon.issuedAt(), coupon.usedAt().orElse(null), coupon.usedOn().orElse(null));
    }
}
