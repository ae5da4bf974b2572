package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.coupon.CouponSources;
import java.util.Optional;

final class JpaCouponSources implements CouponSources {

    private final SessionScope scope;
    private final PooledSequence ids;

    JpaCouponSources(SessionScope scope) {
        this.scope = scope;
        this.ids = new PooledSequence(scope, "coupon_sources_seq");
    }

    @Override
    public CouponSourceId nextId() {
        return new CouponSourceId(ids.next());
    }

    @Override
    public void add(CouponSource source) {
        scope.run(session -> session.persist(CouponMapper.toEntity(source)));
    }

    @Override
    public Optional<CouponSource> findById(CouponSourceId id) {
        return scope.call(session -> Entities.find(session, CouponSourceJpaEntity.class, id.value()).map(CouponMapper::toDomain));
    }

    @Override
    public Optional<CouponSource> lockById(CouponSourceId id) {
        return scope.call(session -> RowLocks.lockForUpdate(session, CouponSourceJpaEntity.class, id.value()).map(CouponMapper::toDomain));
    }

    @Override
    public void save(CouponSource source) {
        scope.run(session -> {
            CouponSourceJpaEntity entity = Entities.find(session, CouponSourceJpaEntity.class, source.id().value())
                    .orElseThrow(() -> new IllegalStateException("coupon source " + source.id() + " is not stored"));
            entity.issuedQuantity = source.issuedQuantity();
        });
    }
}
