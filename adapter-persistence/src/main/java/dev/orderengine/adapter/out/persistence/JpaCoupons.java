package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.List;
import java.util.Optional;

final class JpaCoupons implements Coupons {

    private final SessionScope scope;
    private final PooledSequence ids;

    JpaCoupons(SessionScope scope) {
        this.scope = scope;
        this.ids = new PooledSequence(scope, "coupons_seq");
    }

    @Override
    public CouponId nextId() {
        return new CouponId(ids.next());
    }

    /** Inserts at once rather than at commit, so that a second coupon of the campaign fails here as the contract says. */
    @Override
    public void add(Coupon coupon) {
        scope.run(session -> {
            session.persist(CouponMapper.toEntity(coupon));
            session.flush();
        });
    }

    @Override
    public boolean existsFor(UserId owner, CouponSourceId source) {
        return scope.call(session -> !session.createSelectionQuery(
                        "select c.id from CouponJpaEntity c where c.userId = :owner and c.sourceId = :source", Long.class)
                .setParameter("owner", owner.value())
                .setParameter("source", source.value())
                .setMaxResults(1)
                .getResultList().isEmpty());
    }

    @Override
    public Optional<Coupon> findById(CouponId id) {
        return scope.call(session -> Entities.find(session, CouponJpaEntity.class, id.value()).map(CouponMapper::toDomain));
    }

    @Override
    public Optional<Coupon> lockById(CouponId id) {
        return scope.call(session -> RowLocks.lockForUpdate(session, CouponJpaEntity.class, id.value()).map(CouponMapper::toDomain));
    }

    @Override
    public void save(Coupon coupon) {
        scope.run(session -> {
            CouponJpaEntity entity = Entities.find(session, CouponJpaEntity.class, coupon.id().value())
                    .orElseThrow(() -> new IllegalStateException("coupon " + coupon.id() + " is not stored"));
            entity.usedAt = coupon.usedAt().orElse(null);
            entity.usedOrderId = coupon.usedOn().map(OrderId::value).orElse(null);
        });
    }

    @Override
    public Page<Coupon> findByOwner(UserId owner, PageRequest page) {
        return scope.call(session -> {
            long total = session.createSelectionQuery("select count(c) from CouponJpaEntity c where c.userId = :owner", Long.class)
                    .setParameter("owner", owner.value()).getSingleResult();
            List<Coupon> items = total <= page.offset() ? List.of() : session.createSelectionQuery(
                            "from CouponJpaEntity c where c.userId = :owner order by c.issuedAt desc, c.id desc", CouponJpaEntity.class)
                    .setParameter("owner", owner.value())
                    .setFirstResult(Math.toIntExact(page.offset()))
                    .setMaxResults(page.size())
                    .getResultList().stream().map(CouponMapper::toDomain).toList();
            return new Page<>(items, page.page(), page.size(), total);
        });
    }
}
