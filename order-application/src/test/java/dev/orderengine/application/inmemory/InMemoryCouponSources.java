package dev.orderengine.application.inmemory;

import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.coupon.CouponSources;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** {@link CouponSources} in memory. Campaigns are mutable, so rows are private copies in and out. */
final class InMemoryCouponSources implements CouponSources {

    private final TransactionScope scope;
    private final AtomicLong ids = new AtomicLong();
    private final Table<CouponSourceId, CouponSource> sources;

    InMemoryCouponSources(TransactionScope scope) {
        this.scope = scope;
        this.sources = new Table<>(scope, new HashMap<>());
    }

    @Override
    public CouponSourceId nextId() {
        scope.checkOpen();
        return new CouponSourceId(ids.incrementAndGet());
    }

    @Override
    public void add(CouponSource source) {
        sources.insert(source.id(), copy(source), "coupon source");
    }

    @Override
    public Optional<CouponSource> findById(CouponSourceId id) {
        return sources.find(id).map(InMemoryCouponSources::copy);
    }

    @Override
    public Optional<CouponSource> lockById(CouponSourceId id) {
        return findById(id);
    }

    @Override
    public void save(CouponSource source) {
        sources.existing(source.id(), "coupon source");
        sources.put(source.id(), copy(source));
    }

    private static CouponSource copy(CouponSource source) {
        return CouponSource.restore(source.id(), source.name(), source.discountAmount(), source.totalQuantity(),
                source.issuedQuantity(), source.validDays(), source.createdAt());
    }
}
